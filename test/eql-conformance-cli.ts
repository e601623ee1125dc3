/**
 * Runs the whole EQL conformance suite through the real command line: for each dataset it
 * writes the events (NDJSON), the mapping and a `--queries` JSONL file to a temporary folder,
 * runs `bin/rule-studio eval … --json`, and judges each output line as the Java harness does.
 *
 *   npx tsx test/eql-conformance-cli.ts [SUITE_DIR]
 *
 * Prints a pass count per file; exit 1 if any case fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFORMANCE_FILES, loadConformanceCases } from './eql-conformance-suite.ts';
import type { ConformanceCase, ConformanceDataset } from './eql-conformance-suite.ts';
import { javaToString } from '../src/eql/run/java.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ShellConformanceReport {
  perFile: Record<string, { passed: number; total: number }>;
  failures: string[];
}

interface OutputLine {
  name: string;
  matches: { events: (number | null)[]; join_keys: unknown[] }[];
  diagnostics: { severity: string; message: string }[];
}

function judgeLine(c: ConformanceCase, line: OutputLine | undefined): string | undefined {
  if (!line) return 'no output line';
  const errors = line.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return errors.map((d) => d.message).join('; ');
  const ids = line.matches.flatMap((m) => m.events.map((id) => (id === null ? -1 : Number(id))));
  const alts = c.expected.length > 0 && Array.isArray(c.expected[0]) ? (c.expected as number[][]) : [c.expected as number[]];
  const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!alts.some((alt) => same(alt, ids))) return `ids ${JSON.stringify(ids)} != ${JSON.stringify(c.expected)}`;
  const keys = line.matches.flatMap((m) => m.join_keys.map((k) => javaToString(k)));
  if (c.joinKeys && !same(c.joinKeys, keys)) return `join keys ${JSON.stringify(keys)} != ${JSON.stringify(c.joinKeys)}`;
  return undefined;
}

export function runShellConformance(suiteDir: string): ShellConformanceReport {
  const cases = loadConformanceCases((p) => readFileSync(join(suiteDir, p), 'utf8'));
  const byDataset = new Map<ConformanceDataset, ConformanceCase[]>();
  for (const c of cases) {
    const list = byDataset.get(c.dataset) ?? [];
    list.push(c);
    byDataset.set(c.dataset, list);
  }
  const dir = mkdtempSync(join(tmpdir(), 'eql-conformance-'));
  const report: ShellConformanceReport = { perFile: {}, failures: [] };
  try {
    let n = 0;
    for (const [dataset, list] of byDataset) {
      const base = join(dir, `d${n++}`);
      writeFileSync(`${base}.ndjson`, dataset.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
      // Several indices are written as a `GET a,b/_mapping` response.
      const mapping = dataset.mapping.length === 1 ? dataset.mapping[0] : Object.fromEntries(dataset.mapping.map((m, i) => [`index${i}`, { mappings: m }]));
      writeFileSync(`${base}.mapping.json`, JSON.stringify(mapping));
      const names = list.map((_c, i) => `${i}`);
      writeFileSync(
        `${base}.queries.jsonl`,
        list
          .map((c, i) =>
            JSON.stringify({ name: names[i], query: c.query, size: c.size, ...(c.maxSamplesPerKey ? { max_samples_per_key: c.maxSamplesPerKey } : {}) }),
          )
          .join('\n') + '\n',
      );
      const args = [
        join(ROOT, 'bin/rule-studio'),
        'eval',
        '--events',
        `${base}.ndjson`,
        '--queries',
        `${base}.queries.jsonl`,
        '--mapping',
        `${base}.mapping.json`,
        '--id-field',
        dataset.idField,
        '--json',
      ];
      if (dataset.tiebreakerField) args.push('--tiebreaker-field', dataset.tiebreakerField);
      const proc = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const lines = new Map<string, OutputLine>();
      for (const text of proc.stdout.split('\n')) {
        if (!text.trim()) continue;
        const line = JSON.parse(text) as OutputLine;
        lines.set(line.name, line);
      }
      list.forEach((c, i) => {
        const stat = (report.perFile[c.file] ??= { passed: 0, total: 0 });
        stat.total++;
        const failure = judgeLine(c, lines.get(names[i]));
        if (failure) report.failures.push(`${c.file} › ${c.name}: ${failure}`);
        else stat.passed++;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

const isEntry = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  const report = runShellConformance(process.argv[2] ?? join(ROOT, '../shared/eql-conformance'));
  for (const f of CONFORMANCE_FILES) {
    const s = report.perFile[f] ?? { passed: 0, total: 0 };
    process.stdout.write(`${f.padEnd(30)} ${String(s.passed).padStart(3)} / ${s.total}\n`);
  }
  for (const f of report.failures) process.stdout.write(`FAIL ${f}\n`);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
}
