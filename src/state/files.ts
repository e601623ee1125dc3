import { decodeRuleBytes } from '../rule/decode.ts';
import type { PickedFile } from './open-files.ts';

/**
 * Reads picked or dropped files as text, all at once. Rule files are decoded strictly: their
 * invalid UTF-8 bytes are reported (with line and column) instead of becoming U+FFFD.
 */
export function readPickedFiles(files: FileList | readonly File[]): Promise<PickedFile[]> {
  return Promise.all(
    Array.from(files).map(async (file): Promise<PickedFile> => {
      if (!/\.toml$/i.test(file.name)) return { name: file.name, text: await file.text() };
      const { text, diagnostics } = decodeRuleBytes(new Uint8Array(await file.arrayBuffer()));
      return { name: file.name, text, ...(diagnostics.length ? { problems: diagnostics } : {}) };
    }),
  );
}
