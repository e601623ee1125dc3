/**
 * The editor calls these on every keystroke with half-typed text: they must never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuery } from './index.ts';
import { completionsAt, hoverAt, signatureHelpAt } from './service.ts';

const QUERIES = [
  'sequence by host.id, process.entity_id with maxspan=5m\n  [process where event.type == "start" and process.name : ("cmd.exe", "powershell*")] by process.parent.entity_id\n  ![file where startsWith~(file.path, "C:\\\\Temp")] with runs=2\nuntil [process where event.type == "end"]',
  'process where ?process.Ext.token.integrity_level_name in~ ("high", "system") and not process.args regex """.*-[eE][nN][cC].*""" | tail 3',
  'sample by host.id [network where cidrMatch(destination.ip, "10.0.0.0/8")] [dns where length(dns.question.name) > 40]',
  "any where `weird field` == 'x' /* comment */ and add(process.pid, 1) % 2 == 0",
];

function exerciseAt(text: string, offset: number): void {
  checkQuery(text, {});
  completionsAt(text, offset, { seenFields: ['process.name'] });
  hoverAt(text, offset, {});
  signatureHelpAt(text, offset);
}

describe('robustness', () => {
  it('every prefix of real queries, at every offset', () => {
    for (const q of QUERIES) {
      for (let end = 0; end <= q.length; end++) {
        const text = q.slice(0, end);
        expect(() => exerciseAt(text, end)).not.toThrow();
      }
      for (let offset = 0; offset <= q.length; offset++) expect(() => exerciseAt(q, offset)).not.toThrow();
    }
  });

  it('random text built from EQL fragments', () => {
    const fragment = fc.constantFrom(
      'process',
      'where',
      'sequence',
      'by',
      'with',
      'maxspan=',
      '5m',
      '[',
      ']',
      '![',
      '(',
      ')',
      ',',
      '"a*"',
      '"""x"""',
      'process.name',
      'process.pid',
      '?x.y',
      ':',
      '==',
      'in',
      'in~',
      'not',
      'and',
      'or',
      'like~',
      'regex',
      'startsWith~(',
      'length(',
      'cidrMatch(',
      '|',
      'head',
      '1',
      '1.5',
      '`q`',
      '.',
      ' ',
      '\n',
      '*',
      '-',
      'until',
      'runs=',
      '"',
      "'",
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), fc.nat(), (parts, n) => {
        const text = parts.join(' ');
        exerciseAt(text, text.length === 0 ? 0 : n % (text.length + 1));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
