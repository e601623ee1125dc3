import type { PickedFile } from '../../state/open-files.ts';

/** Reads picked or dropped files as text, all at once. */
export function readPickedFiles(files: FileList | readonly File[]): Promise<PickedFile[]> {
  return Promise.all(Array.from(files).map(async (file) => ({ name: file.name, text: await file.text() })));
}
