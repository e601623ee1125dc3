import { describe, expect, it } from 'vitest';
import type { CliIO } from '../io.ts';
import { run } from './fmt.ts';

const FORMATTED = '[metadata]\ncreation_date = "2024/01/01"\n\n[rule]\nname = "n"\n\n';
const UNFORMATTED = '[rule]\nname = "n"\n\n[metadata]\ncreation_date = "2024/01/01"\n';

function fakeIO(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: ${p}`);
      return files[p];
    },
    writeFile: (p, t) => {
      written[p] = t;
    },
    listFiles: (paths) => paths.flatMap((p) => Object.keys(files).filter((f) => f === p || f.startsWith(`${p}/`))),
  };
  return { io, out, err, written };
}

describe('rule-studio fmt', () => {
  it('prints the formatted text without flags', async () => {
    const { io, out, written } = fakeIO({ 'a.toml': UNFORMATTED });
    expect(await run(['a.toml'], io)).toBe(0);
    expect(out).toEqual([FORMATTED]);
    expect(written).toEqual({});
  });

  it('--check lists the files that would change and exits 1', async () => {
    const { io, out } = fakeIO({ 'r/a.toml': UNFORMATTED, 'r/b.toml': FORMATTED });
    expect(await run(['r', '--check'], io)).toBe(1);
    expect(out).toEqual(['r/a.toml']);
  });

  it('--check exits 0 when everything is formatted', async () => {
    const { io, out } = fakeIO({ 'b.toml': FORMATTED });
    expect(await run(['--check', 'b.toml'], io)).toBe(0);
    expect(out).toEqual([]);
  });

  it('--write rewrites only the files that change', async () => {
    const { io, written } = fakeIO({ 'a.toml': UNFORMATTED, 'b.toml': FORMATTED });
    expect(await run(['a.toml', 'b.toml', '--write'], io)).toBe(0);
    expect(written).toEqual({ 'a.toml': FORMATTED });
  });

  it('leaves deprecated rules alone, as toml-lint does', async () => {
    const text = '[rule]\nname = "n"\n[metadata]\nmaturity = "deprecated"\n';
    const { io, written } = fakeIO({ 'd.toml': text });
    expect(await run(['d.toml', '--write'], io)).toBe(0);
    expect(written).toEqual({});
  });

  it('reports a syntax error with its position and exits 1', async () => {
    const { io, err, written } = fakeIO({ 'bad.toml': '[rule]\nname = \n' });
    expect(await run(['bad.toml', '--write'], io)).toBe(1);
    expect(err[0]).toMatch(/^bad\.toml:\d+:\d+ error toml\/syntax /);
    expect(written).toEqual({});
  });

  it("refuses to write a query containing '''", async () => {
    const { io, err, written } = fakeIO({ 'q.toml': `[rule]\nquery = "a ''' b"\n` });
    expect(await run(['q.toml', '--write'], io)).toBe(1);
    expect(err[0]).toMatch(/toml\/unwritable-query/);
    expect(written).toEqual({});
  });

  it('rejects unknown options and missing files', async () => {
    expect(await run(['--frobnicate', 'a.toml'], fakeIO({}).io)).toBe(2);
    expect(await run([], fakeIO({}).io)).toBe(2);
  });
});

describe('rule-studio fmt: files that cannot be formatted', () => {
  it('--check on a file that does not parse: the error, exit 1, never "already formatted"', async () => {
    const { io, err } = fakeIO({ 'broken.toml': '[rule\nname = "n"\n' });
    expect(await run(['--check', 'broken.toml'], io)).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^broken\.toml:\d+:\d+ error toml\/syntax [^\n]*$/), '1 file could not be formatted']);
  });

  it('--check counts a broken file apart from the formatted ones', async () => {
    const { io, err } = fakeIO({ 'a.toml': FORMATTED, 'b.toml': '[rule\n' });
    expect(await run(['--check', 'a.toml', 'b.toml'], io)).toBe(1);
    expect(err.at(-1)).toBe('1 of 2 files already formatted; 1 file could not be formatted');
  });

  it('one bad file never stops the others: a 3,000-deep value, an unreadable file, an exception', async () => {
    const deep = FORMATTED.replace('[rule]\n', `[rule]\nx = ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    const { io, err, written } = fakeIO({ 'r/a.toml': deep, 'r/b.toml': FORMATTED, 'r/c.toml': FORMATTED, 'r/d.toml': UNFORMATTED });
    const readFile = io.readFile;
    io.readFile = (p) => {
      if (p === 'r/b.toml') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      if (p === 'r/c.toml')
        return new Proxy(new String(FORMATTED), {
          get: () => {
            throw new TypeError('boom');
          },
        }) as unknown as string;
      return readFile(p);
    };
    expect(await run(['r', '--write'], io)).toBe(1);
    expect(written).toEqual({ 'r/d.toml': FORMATTED });
    expect(err).toEqual([
      expect.stringMatching(/^r\/a\.toml(:\d+:\d+)? error \S+ .*(nested|deep)/i),
      'r/b.toml error cli/read The file cannot be read (EACCES).',
      'r/c.toml error cli/file-failed The file could not be processed: boom',
      '1 of 4 files reformatted; 3 files could not be formatted',
    ]);
  });
});
