/** Saves text as a file through the browser's download mechanism (no network involved). */
export function downloadText(fileName: string, text: string, type = 'application/toml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
