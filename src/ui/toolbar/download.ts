/** Saves data as a file through the browser's download mechanism (no network involved). */
export function downloadText(fileName: string, data: string | Uint8Array, type = 'application/toml'): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
