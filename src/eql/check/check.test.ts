import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../diagnostic.ts';
import { checkQuery, type CheckOptions } from './index.ts';

/** Diagnostics of one code, each with the source text its range covers. */
function found(query: string, code: string, options: CheckOptions = {}): (Diagnostic & { text: string })[] {
  return checkQuery(query, options)
    .diagnostics.filter((d) => d.code === code)
    .map((d) => ({ ...d, text: d.range ? query.slice(d.range.start, d.range.end) : '' }));
}

function only(query: string, code: string, options: CheckOptions = {}) {
  const ds = found(query, code, options);
  expect(ds, JSON.stringify(checkQuery(query, options).diagnostics)).toHaveLength(1);
  return ds[0];
}

function applyFix(query: string, d: Diagnostic): string {
  let out = query;
  for (const e of [...d.fix!.edits].sort((a, b) => b.range.start - a.range.start)) {
    out = out.slice(0, e.range.start) + e.text + out.slice(e.range.end);
  }
  return out;
}

function errors(query: string, options: CheckOptions = {}) {
  return checkQuery(query, options).diagnostics.filter((d) => d.severity === 'error');
}

describe('clean queries', () => {
  it.each([
    'process where process.name == "cmd.exe"',
    'process where process.name : ("a*", "b") and process.pid > 4',
    'process where startsWith~(process.name, "cmd") and length(process.name) < 10',
    'network where cidrMatch(destination.ip, "10.0.0.0/8", "192.168.0.0/16")',
    'network where destination.ip != "127.0.0.1"',
    'any where @timestamp > "2020-01-01T00:00:00Z" and @timestamp < 1600000000000',
    'process where ?process.nope == null',
    'sequence by host.id with maxspan=5m [process where true] by process.entity_id [network where true] by process.entity_id',
    'process where string(process.pid) : "4*"',
    'process where process.name regex~ """cmd\\.exe|power.*"""',
  ])('%s has no errors', (q) => {
    expect(errors(q)).toEqual([]);
  });
});

describe('eql/unknown-field', () => {
  it('reports the field with a did-you-mean and a fix', () => {
    const q = 'process where process.nmae == "a"';
    const d = only(q, 'eql/unknown-field');
    expect(d.severity).toBe('error');
    expect(d.text).toBe('process.nmae');
    expect(d.message).toBe('Unknown column [process.nmae], did you mean [process.name]?');
    expect(applyFix(q, d)).toBe('process where process.name == "a"');
  });

  it('offers ?field when there is no single suggestion', () => {
    const q = 'process where zzqq == 1';
    const d = only(q, 'eql/unknown-field');
    expect(d.message).toBe('Unknown column [zzqq].');
    expect(applyFix(q, d)).toBe('process where ?zzqq == 1');
  });

  it('is suppressed by ?', () => {
    expect(found('process where ?process.nmae == "a"', 'eql/unknown-field')).toEqual([]);
  });

  it('is a warning on indices whose integration schema is not shipped', () => {
    const d = only('any where aws.cloudtrail.flow == "x"', 'eql/unknown-field', { indexPatterns: ['logs-aws.cloudtrail-*'] });
    expect(d.severity).toBe('warning');
    expect(d.message).toMatch(/aws integration is not shipped/);
  });

  it('is a warning for Elastic Defend custom fields', () => {
    const d = only('file where file.Ext.entropy > 7', 'eql/unknown-field', { indexPatterns: ['logs-endpoint.events.file-*'] });
    expect(d.severity).toBe('warning');
  });

  it('stays an error for a typo on ECS-only indices', () => {
    const d = only('file where file.pathh == "x"', 'eql/unknown-field', { indexPatterns: ['logs-endpoint.events.file-*'] });
    expect(d.severity).toBe('error');
  });

  it('knows Beats fields for beats indices', () => {
    expect(found('any where winlog.computer_name == "x"', 'eql/unknown-field', { indexPatterns: ['winlogbeat-*'] })).toEqual([]);
  });
});

describe('eql/field-not-in-stack', () => {
  it('reports fields added after the min stack ECS', () => {
    const q = 'any where gen_ai.operation.name == "chat"';
    const d = only(q, 'eql/field-not-in-stack', { stackVersion: '8.19.0' });
    expect(d.text).toBe('gen_ai.operation.name');
    expect(d.message).toBe('Field [gen_ai.operation.name] is not in ECS 8.17.0 (stack 8.19.0); raise min_stack_version or write ?gen_ai.operation.name.');
    expect(applyFix(q, d)).toBe('any where ?gen_ai.operation.name == "chat"');
    expect(found(q, 'eql/field-not-in-stack', { stackVersion: '9.3.0' })).toEqual([]);
  });
});

describe('eql/text-field and eql/object-field', () => {
  it('rejects text sub-fields with a fix to the keyword field', () => {
    const q = 'process where process.name.text == "a"';
    const d = only(q, 'eql/text-field');
    expect(d.text).toBe('process.name.text');
    expect(applyFix(q, d)).toBe('process where process.name == "a"');
  });

  it('rejects an object used as a value', () => {
    const d = only('process where process.parent == "a"', 'eql/object-field');
    expect(d.text).toBe('process.parent');
  });
});

describe('eql/type-mismatch', () => {
  it('string vs number', () => {
    const d = only('process where process.pid == "4"', 'eql/type-mismatch');
    expect(d.text).toBe('process.pid == "4"');
    expect(d.message).toBe('Cannot compare [process.pid] of type [long] with ["4"] of type [keyword].');
  });

  it(': on a number', () => {
    const d = only('process where process.pid : "4*"', 'eql/type-mismatch');
    expect(d.text).toBe('process.pid : "4*"');
    expect(d.message).toMatch(/string\(/);
  });

  it('like on a boolean', () => {
    expect(only('process where process.interactive like "t*"', 'eql/type-mismatch').text).toBe('process.interactive like "t*"');
  });

  it('regex on a date', () => {
    expect(only('any where @timestamp regex "2020.*"', 'eql/type-mismatch').text).toBe('@timestamp regex "2020.*"');
  });

  it('a number in a string in-list', () => {
    const d = only('process where process.name in ("a", 4)', 'eql/type-mismatch');
    expect(d.text).toBe('4');
  });

  it('arithmetic on a string', () => {
    expect(only('process where process.name + 1 == 2', 'eql/type-mismatch').text).toBe('process.name');
  });
});

describe('eql/field-comparison', () => {
  it('field against field', () => {
    const d = only('process where process.name == process.parent.name', 'eql/field-comparison');
    expect(d.text).toBe('process.name == process.parent.name');
  });

  it('a field in an in-list', () => {
    expect(only('process where process.name in ("a", process.parent.name)', 'eql/field-comparison').text).toBe('process.parent.name');
  });

  it('does not count optional fields that no index maps (they read as null)', () => {
    expect(found('process where ?foo.bar == ?foo.baz', 'eql/field-comparison')).toEqual([]);
  });

  it('allows fields as function arguments', () => {
    expect(found('process where startsWith(process.name, process.parent.name)', 'eql/field-comparison')).toEqual([]);
  });
});

describe('eql/non-boolean-condition', () => {
  it('a string field as the whole condition', () => {
    const d = only('process where process.name', 'eql/non-boolean-condition');
    expect(d.text).toBe('process.name');
    expect(d.message).toBe('Condition expression needs to be boolean, found [keyword].');
  });

  it('a number under and', () => {
    expect(only('process where true and 1', 'eql/non-boolean-condition').text).toBe('1');
  });
});

describe('functions', () => {
  it('eql/function-arity', () => {
    const d = only('process where length(process.name, "x") > 1', 'eql/function-arity');
    expect(d.text).toBe('length(process.name, "x")');
    expect(d.message).toBe('error building [length]: expects exactly one argument but found 2.');
  });

  it('eql/function-args: string function on a number', () => {
    const d = only('process where startsWith(process.pid, "4")', 'eql/function-args');
    expect(d.text).toBe('process.pid');
  });

  it('eql/function-args: cidrMatch on a keyword', () => {
    expect(only('process where cidrMatch(process.name, "10.0.0.0/8")', 'eql/function-args').text).toBe('process.name');
  });

  it('eql/function-args: ~ on a function that has no case-insensitive form', () => {
    expect(only('process where length~(process.name) > 1', 'eql/function-args').text).toBe('length');
  });

  it('eql/function-args: number base must be a literal', () => {
    expect(only('process where number(process.name, process.pid) > 1', 'eql/function-args').text).toBe('process.pid');
  });

  it('eql/unknown-function with a suggestion and fix', () => {
    const q = 'process where lenght(process.name) > 1';
    const d = only(q, 'eql/unknown-function');
    expect(d.text).toBe('lenght');
    expect(applyFix(q, d)).toBe('process where length(process.name) > 1');
  });

  it('eql/unknown-function for Python-only functions', () => {
    const d = only('process where arrayContains(process.args, "a")', 'eql/unknown-function');
    expect(d.message).toMatch(/not supported by Elasticsearch/);
  });

  it('names are case-insensitive', () => {
    expect(errors('process where CONCAT(process.name) == "a"')).toEqual([]);
  });
});

describe('sequences', () => {
  it('eql/join-key-count', () => {
    const d = only('sequence with maxspan=1m [process where true] by process.pid, process.name [file where true] by process.pid', 'eql/join-key-count');
    expect(d.text).toBe('process.pid');
    expect(d.message).toBe('Inconsistent number of join keys specified; expected [2] but found [1].');
  });

  it('eql/join-key-type', () => {
    const d = only('sequence with maxspan=1m [process where true] by process.pid [file where true] by file.name', 'eql/join-key-type');
    expect(d.text).toBe('file.name');
    expect(d.message).toBe('Sequence key [process.pid] type [long] is incompatible with key [file.name] type [keyword].');
  });

  it('accepts different names of the same family', () => {
    expect(
      found('sequence with maxspan=1m [process where true] by process.entity_id [process where true] by process.parent.entity_id', 'eql/join-key-type'),
    ).toEqual([]);
  });

  it('reports a missing maxspan with ![ once (parser or checker)', () => {
    const ds = checkQuery('sequence [process where true] ![file where true]').diagnostics.filter(
      (d) => /missing/.test(d.code) || /missing-events/.test(d.code),
    );
    expect(ds.length).toBe(1);
  });
});

describe('lints', () => {
  it('lint/eq-wildcard with a fix to :', () => {
    const q = 'process where process.name == "cmd*"';
    const d = only(q, 'lint/eq-wildcard');
    expect(d.severity).toBe('warning');
    expect(d.source).toBe('lint');
    expect(d.text).toBe('==');
    expect(applyFix(q, d)).toBe('process where process.name : "cmd*"');
  });

  it('lint/sequence-maxspan', () => {
    expect(only('sequence [process where true] [file where true]', 'lint/sequence-maxspan').text).toBe('sequence');
  });

  it('lint/leading-wildcard only on keyword fields, as information (most rules need leading wildcards)', () => {
    const d = only('process where process.executable : "*\\\\cmd.exe"', 'lint/leading-wildcard');
    expect(d.text).toBe('"*\\\\cmd.exe"');
    expect(d.severity).toBe('info');
    // process.command_line is a wildcard field: leading wildcards are what it is for.
    expect(found('process where process.command_line : "*-enc*"', 'lint/leading-wildcard')).toEqual([]);
  });

  it('lint/multivalue-join-key', () => {
    const d = only('sequence with maxspan=1m [process where true] by process.args [process where true] by process.args', 'lint/multivalue-join-key');
    expect(d.message).toMatch(/fan-out/);
  });

  it('lint/regex-invalid', () => {
    // Lucene: "expected ')' at position 4", the end of the pattern, so the closing quote.
    const d = only('process where process.name regex "(abc"', 'lint/regex-invalid');
    expect(d.text).toBe('"');
    expect(only('process where process.name regex """a[z-a]"""', 'lint/regex-invalid').text).toBe('z');
    expect(d.severity).toBe('warning');
  });

  it('lint/regex-never-matches for ^, not for Lucene 9 classes such as \\d', () => {
    const ds = found('process where process.name regex """^a\\d"""', 'lint/regex-never-matches');
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toMatch(/\^/);
  });

  it('does not confuse an escaped backslash with a class', () => {
    expect(found('process where process.name regex """C:\\\\Windows\\\\.*"""', 'lint/regex-never-matches')).toEqual([]);
  });
});

describe('more checks', () => {
  it('eql/config-field: an unknown timestamp or tiebreaker field', () => {
    const d = only('process where true', 'eql/config-field', { tiebreakerField: 'event.sequnce' });
    expect(d.message).toBe('The tiebreaker field [event.sequnce] is not in the schema.');
    expect(d.range).toBeUndefined();
    expect(found('process where true', 'eql/config-field', { timestampField: 'event.ingested', tiebreakerField: 'event.sequence' })).toEqual([]);
  });

  it('runs out of range is reported once', () => {
    const ds = checkQuery('sequence with maxspan=1m [process where true] with runs=0 [file where true]').diagnostics.filter((d) => /runs/.test(d.code));
    expect(ds).toHaveLength(1);
  });

  it('lint/unknown-category with a fix', () => {
    const q = 'proces where true';
    const d = only(q, 'lint/unknown-category');
    expect(d.text).toBe('proces');
    expect(applyFix(q, d)).toBe('process where true');
    expect(found(q, 'lint/unknown-category', { eventCategoryField: 'event.type' })).toEqual([]);
  });

  it('eql/ip-in-list warns on string literals in an ip list', () => {
    const d = only('network where destination.ip in ("127.0.0.1", "::1")', 'eql/ip-in-list');
    expect(d.severity).toBe('warning');
    expect(d.text).toBe('destination.ip in ("127.0.0.1", "::1")');
  });

  it('eql/unknown-field: object-typed parents excuse their unknown keys', () => {
    const d = only('process where process.Ext.effective_parent.name == "x"', 'eql/unknown-field', { indexPatterns: ['logs-endpoint.events.process-*'] });
    expect(d.severity).toBe('warning');
  });

  it('eql/unknown-field: an integration listed in metadata downgrades to a warning', () => {
    const d = only('process where problemchild.prediction == 1', 'eql/unknown-field', {
      indexPatterns: ['logs-endpoint.events.process-*'],
      integrations: ['problemchild', 'endpoint'],
    });
    expect(d.severity).toBe('warning');
  });

  it('quotes suggestions that need backquotes', () => {
    // `@timestamp` needs no quoting; a keyword segment does.
    expect(only('any where @timestam > 0', 'eql/unknown-field').fix!.edits[0].text).toBe('@timestamp');
  });

  it('ranges are exact with comments and line breaks before the field', () => {
    const q = '/* c */ process where\n  // x\n  process.nmae == "a"';
    const d = only(q, 'eql/unknown-field');
    expect(d.text).toBe('process.nmae');
  });
});

describe('schema flavor', () => {
  it('string-vs-number is an error for detection-rules schemas, a warning against an index mapping', async () => {
    const { schemaFromMappings } = await import('../schema/index.ts');
    const schema = schemaFromMappings([{ properties: { name: { type: 'keyword' } } }]);
    expect(only('any where name == 123', 'eql/type-mismatch', { schema }).severity).toBe('warning');
    expect(only('any where process.name == 123', 'eql/type-mismatch').severity).toBe('error');
  });
});

describe('after a syntax error', () => {
  // Elasticsearch stops at the parse error; what the analyzer would read from the parser's
  // recovery (types, arities of half-read calls) is not about the query the user meant.
  it.each([
    ['process where length(process.name == 1', 'Expected [)] but found the end of the query.'],
    ['process where process.name : "a" and process.pid > "x" or', 'Expected an expression but found the end of the query.'],
    ['process where process.name in ("a", ) and startsWith(process.name)', 'Expected an expression but found [)].'],
    ['process where process.nmae == "a" and', 'Expected an expression but found the end of the query.'],
    ['sequence [process where true] [file where true] | head', 'Pipe [head] expects exactly one argument but found [0].'],
  ])('%s reports only the syntax error', (q, message) => {
    expect(checkQuery(q).diagnostics.map((d) => [d.severity, d.code.startsWith('eql/syntax'), d.message])).toEqual([['error', true, message]]);
  });
});
