/**
 * The bundled rules pass the tool's own checks (npm test also runs these commands through
 * bin/rule-studio): no validation error and already in the detection-rules formatter's layout.
 */
import { describe, expect, it } from 'vitest';
import { nodeIO, type CliIO } from '../src/cli/io.ts';
import { run as validate } from '../src/cli/commands/validate.ts';
import { run as fmt } from '../src/cli/commands/fmt.ts';

function captured(): CliIO & { out: (t: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { ...nodeIO, out: (t) => void lines.push(t), err: (t) => void lines.push(t), lines };
}

describe('bundled rules', () => {
  it('validate rules: no errors', async () => {
    const io = captured();
    const code = await validate(['rules'], io);
    expect(io.lines.filter((l) => / error /.test(l))).toEqual([]);
    expect(code).toBe(0);
  });

  it('fmt --check rules: every file is already formatted', async () => {
    const io = captured();
    expect(await fmt(['--check', 'rules'], io)).toBe(0);
    expect(io.lines).toEqual([expect.stringMatching(/^\d+ files already formatted$/)]);
  });
});
