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
