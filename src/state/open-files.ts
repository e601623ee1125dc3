/**
 * Sorting a batch of dropped or picked files: rule TOML (with its `.tests.json` sidecar when it
 * came along), and Kibana exports (ndjson or JSON). Pure.
 */
import { TEST_SIDECAR_SUFFIX } from '../rule/test-cases.ts';
import type { Diagnostic } from '../diagnostic.ts';

export interface PickedFile {
  name: string;
  text: string;
  /** Why the file's text is not what it holds (invalid UTF-8): such a file is not opened. */
  problems?: Diagnostic[];
}

export interface SortedFiles {
  rules: { name: string; text: string; testsText?: string; problems?: Diagnostic[] }[];
  kibana: PickedFile[];
  ignored: string[];
}

export function sortPickedFiles(files: readonly PickedFile[]): SortedFiles {
  const sidecars = new Map(files.filter((f) => f.name.endsWith(TEST_SIDECAR_SUFFIX)).map((f) => [f.name.slice(0, -TEST_SIDECAR_SUFFIX.length), f.text]));
  const out: SortedFiles = { rules: [], kibana: [], ignored: [] };
  for (const file of files) {
    if (file.name.endsWith(TEST_SIDECAR_SUFFIX)) {
      if (!files.some((f) => f.name === file.name.slice(0, -TEST_SIDECAR_SUFFIX.length) + '.toml')) out.ignored.push(file.name);
    } else if (/\.toml$/i.test(file.name)) {
      out.rules.push({
        name: file.name,
        text: file.text,
        testsText: sidecars.get(file.name.replace(/\.toml$/i, '')),
        ...(file.problems?.length ? { problems: file.problems } : {}),
      });
    } else if (/\.(nd)?json$/i.test(file.name)) {
      out.kibana.push(file);
    } else {
      out.ignored.push(file.name);
    }
  }
  return out;
}
