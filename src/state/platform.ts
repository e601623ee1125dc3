/**
 * The browser services the application's workflows use: saving a file, asking a yes/no question,
 * writing to the clipboard. One seam, so the workflows are plain functions a test can drive.
 */
export interface Platform {
  /** Saves data as a file through the browser's download mechanism (no network involved). */
  download(fileName: string, data: string | Uint8Array, type?: string): void;
  /** Asks the user a yes/no question; true means go ahead. */
  confirm(question: string): boolean;
  /** Writes text to the clipboard; rejects when the browser refuses. */
  copyText(text: string): Promise<void>;
}

const browser: Platform = {
  download(fileName, data, type = 'application/toml') {
    const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
  confirm: (question) => window.confirm(question),
  copyText: (text) => navigator.clipboard.writeText(text),
};

let current: Platform = browser;

export const platform = (): Platform => current;

/** Replaces the browser services (tests); returns a function that puts the previous ones back. */
export function usePlatform(next: Platform): () => void {
  const previous = current;
  current = next;
  return () => {
    current = previous;
  };
}
