import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { run } from './test.ts';
import type { CliIO } from '../io.ts';
import { nodeIO } from '../io.ts';

function captureIO(overrides: Partial<CliIO> = {}): CliIO & { lines: string[] } {
  const lines: string[] = [];
  return { ...nodeIO, out: (t) => lines.push(t), err: (t) => lines.push(t), ...overrides, lines };
}

describe('rule-studio test', () => {
  it('passes on the bundled rules', async () => {
    const io = captureIO();
    expect(await run(['rules'], io)).toBe(0);
    expect(io.lines.at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
  });

  it('fails when an expectation is broken', async () => {
    const sidecar = 'rules/linux/execution_python_tty_shell.tests.json';
    const broken = JSON.parse(readFileSync(sidecar, 'utf8'));
    broken.cases[0].expect = [[1]]; // the case really matches [[1], [3]]
    const io = captureIO({ readFile: (p) => (p === sidecar ? JSON.stringify(broken) : nodeIO.readFile(p)) });
    expect(await run(['rules/linux/execution_python_tty_shell.toml'], io)).toBe(1);
    expect(io.lines.join('\n')).toContain('expected [[1]], got [[1],[3]]');
  });
});

describe('rule-studio test: mistakes and broken files', () => {
  const RULE = 'rules/linux/execution_python_tty_shell.toml';
  const SIDECAR = 'rules/linux/execution_python_tty_shell.tests.json';

  it('a path that does not exist is one line and exit 2, no stack trace', async () => {
    const io = captureIO();
    expect(await run(['/nonexistent/rules-h1'], io)).toBe(2);
    expect(io.lines).toEqual(['rule-studio test: cannot read /nonexistent/rules-h1: no such file or folder']);
  });

  it('an unknown option is a usage error', async () => {
    const io = captureIO();
    expect(await run(['--bogus', 'rules'], io)).toBe(2);
    expect(io.lines[0]).toMatch(/^rule-studio test: unknown option --bogus\n/);
  });

  it('reports a broken sidecar under its own path, on one line', async () => {
    const io = captureIO({ readFile: (p) => (p === SIDECAR ? '{\n  "cases": [ }\n' : nodeIO.readFile(p)) });
    expect(await run(['rules'], io)).toBe(1);
    const fails = io.lines.filter((l) => l.startsWith('FAIL'));
    expect(fails).toEqual([expect.stringMatching(/^FAIL rules\/linux\/execution_python_tty_shell\.tests\.json: The test file is not valid JSON: [^\n]*$/)]);
    // The other rule's cases still ran.
    expect(io.lines.at(-1)).toMatch(/^[1-9]\d* passed, 1 failed$/);
  });

  it('a rule holding a 3,000-deep value fails on one line and the other rules still run', async () => {
    const deep = (text: string) => text.replace('[rule]\n', `[rule]\nx = ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    const io = captureIO({ readFile: (p) => (p === RULE ? deep(nodeIO.readFile(p)) : nodeIO.readFile(p)) });
    expect(await run(['rules'], io)).toBe(1);
    const fails = io.lines.filter((l) => l.startsWith('FAIL'));
    expect(fails).toEqual([expect.stringMatching(/^FAIL rules\/linux\/execution_python_tty_shell\.toml(:\d+:\d+)? error \S+ .*(nested|deep)/i)]);
    expect(io.lines.some((l) => l.startsWith('ok   rules/linux/execution_network_connection'))).toBe(true);
  });

  it('an exception while running one rule fails that rule only', async () => {
    const io = captureIO({
      readFile: (p) =>
        p === RULE
          ? (new Proxy(new String(nodeIO.readFile(p)), {
              get: () => {
                throw new TypeError('boom');
              },
            }) as unknown as string)
          : nodeIO.readFile(p),
    });
    expect(await run(['rules'], io)).toBe(1);
    expect(io.lines.filter((l) => l.startsWith('FAIL'))).toEqual([
      'FAIL rules/linux/execution_python_tty_shell.toml error cli/file-failed The file could not be processed: boom',
    ]);
    expect(io.lines.at(-1)).toMatch(/^[1-9]\d* passed, 1 failed$/);
  });
});

describe('rule-studio test: KQL rules', () => {
  // test/data/preview_*.toml and their sidecars: each case runs through the rule preview at the
  // latest event's time, and its matches are the rule type's (groups, new terms, event ↔ indicator).
  it('runs the cases of threshold, new terms and indicator match rules', async () => {
    const io = captureIO();
    expect(await run(['test/data'], io)).toBe(0);
    expect(io.lines.filter((l) => l.startsWith('ok'))).toEqual([
      'ok   test/data/preview_new_terms.toml › a user starting a shell for the first time in an hour',
      'ok   test/data/preview_new_terms.toml › a user seen 30 minutes earlier is not new',
      'ok   test/data/preview_threat_match.toml › a connection to a high-confidence indicator',
      'ok   test/data/preview_threshold.toml › two shells on one host within the window',
      'ok   test/data/preview_threshold.toml › shells more than 9 minutes apart are not counted together',
      'ok   test/data/preview_threshold.toml › other processes do not count',
    ]);
    expect(io.lines.at(-1)).toBe('6 passed, 0 failed');
  });

  it('a wrong expectation shows what the rule type produced', async () => {
    const sidecar = 'test/data/preview_threshold.tests.json';
    const broken = JSON.parse(readFileSync(sidecar, 'utf8'));
    broken.cases[0].expect = [[0], [1]];
    const io = captureIO({ readFile: (p) => (p === sidecar ? JSON.stringify(broken) : nodeIO.readFile(p)) });
    expect(await run(['test/data/preview_threshold.toml'], io)).toBe(1);
    expect(io.lines.join('\n')).toContain('expected [[0],[1]], got [[0,1]]');
  });

  it('a KQL syntax error fails each case with the parser message', async () => {
    const rule = 'test/data/preview_new_terms.toml';
    const io = captureIO({
      readFile: (p) => (p === rule ? nodeIO.readFile(p).replace('process.name:(bash or sh)', 'process.name:(bash or') : nodeIO.readFile(p)),
    });
    expect(await run([rule], io)).toBe(1);
    expect(io.lines.filter((l) => l.includes('query error'))).toHaveLength(2);
  });
});
