import { describe, expect, it } from 'vitest';
import { getSchema, stacksFrom, indexCoverage, findSimilar, schemaFromMappings } from './index.ts';

describe('getSchema', () => {
  it('knows ECS fields with type, description and example', () => {
    const f = getSchema({}).lookup('process.name');
    expect(f?.type).toBe('keyword');
    expect(f?.family).toBe('string');
    expect(f?.description).toBe('Process name.');
    expect(f?.example).toBe('ssh');
    expect(f?.array).toBe(false);
  });

  it('marks array-normalized fields and carries allowed values', () => {
    const s = getSchema({});
    expect(s.lookup('process.args')?.array).toBe(true);
    const cat = s.lookup('event.category');
    expect(cat?.allowedValues).toContain('process');
    expect(s.allowedValueDoc('event.category', 'process')).toMatch(/process/i);
  });

  it('keeps multi-fields as text-family fields', () => {
    expect(getSchema({}).lookup('process.name.text')?.family).toBe('text');
  });

  it('merges process.Ext into every schema', () => {
    expect(getSchema({}).lookup('process.Ext.relative_file_creation_time')?.source).toBe('endpoint');
  });

  it('adds Beats and non-ECS fields only for their index patterns', () => {
    expect(getSchema({}).lookup('winlog.event_data.TargetUserName')).toBeUndefined();
    const s = getSchema({ indexPatterns: ['winlogbeat-*'] });
    expect(s.lookup('winlog.computer_name')?.source).toBe('beats');
    expect(s.extensions.some((e) => e.pattern === 'winlogbeat-*' && e.source === 'non-ecs')).toBe(true);
  });

  it('adds the Endgame mapping for endgame-*', () => {
    const s = getSchema({ indexPatterns: ['endgame-*'] });
    expect(s.lookup('endgame.metadata.type')?.source).toBe('non-ecs');
  });

  it('reports fields missing from an older stack ECS', () => {
    // gen_ai.* arrived after ECS 8.17 (stack 8.19).
    const old = getSchema({ stackVersion: '8.19.0' }).lookup('gen_ai.operation.name');
    expect(old?.missingInStacks).toEqual(['8.19.0']);
    expect(getSchema({ stackVersion: '9.3.0' }).lookup('gen_ai.operation.name')?.missingInStacks).toEqual([]);
  });

  it('lists fields by prefix', () => {
    const names = getSchema({})
      .fieldsWithPrefix('process.pa')
      .map((f) => f.name);
    expect(names).toContain('process.parent.name');
    expect(names.every((n) => n.startsWith('process.pa'))).toBe(true);
  });

  it('knows object paths', () => {
    const s = getSchema({});
    expect(s.isObjectPath('process.parent')).toBe(true);
    expect(s.isObjectPath('process.pid')).toBe(false);
  });

  it('suggests close names', () => {
    const s = getSchema({});
    expect(s.similar('process.nmae')[0]).toBe('process.name');
    expect(s.similar('process.parent_name')[0]).toBe('process.parent.name');
    expect(s.similar('zzzzzz.qqqq')).toEqual([]);
  });

  it('excuses unknown fields only where an integration schema is missing', () => {
    expect(getSchema({}).unknownFieldExcuse('process.nope')).toBeNull();
    expect(getSchema({ indexPatterns: ['logs-aws.cloudtrail-*'] }).unknownFieldExcuse('aws.cloudtrail.x')).toMatch(/aws/);
    const endpoint = getSchema({ indexPatterns: ['logs-endpoint.events.file-*'] });
    expect(endpoint.unknownFieldExcuse('file.Ext.header_bytes')).toMatch(/Elastic Defend/);
    expect(endpoint.unknownFieldExcuse('file.nope')).toBeNull();
  });
});

describe('stacksFrom', () => {
  it('defaults to every supported stack', () => {
    expect(stacksFrom(undefined)).toEqual(['8.19.0', '9.3.0', '9.4.0', '9.5.0', '9.6.0']);
  });
  it('starts at the min stack version', () => {
    expect(stacksFrom('9.4.0')).toEqual(['9.4.0', '9.5.0', '9.6.0']);
    expect(stacksFrom('9.1.0')).toEqual(['9.3.0', '9.4.0', '9.5.0', '9.6.0']);
  });
  it('falls back to the newest stack above the current package', () => {
    expect(stacksFrom('10.0.0')).toEqual(['9.6.0']);
  });
});

describe('indexCoverage', () => {
  it('classifies patterns', () => {
    expect(indexCoverage('endgame-*').level).toBe('complete');
    expect(indexCoverage('logs-endpoint.events.process-*').level).toBe('partial');
    expect(indexCoverage('logs-okta*').level).toBe('unknown');
  });
});

describe('findSimilar', () => {
  it('counts a transposition as one edit', () => {
    expect(findSimilar('lenght', ['length', 'concat'])).toEqual(['length']);
  });
});

describe('schemaFromMappings', () => {
  const mapping = {
    properties: {
      event_type: { type: 'keyword' },
      event: { properties: { category: { type: 'alias', path: 'event_type' } } },
      file_name: { type: 'text', fields: { keyword: { type: 'keyword' } } },
      body: { type: 'text' },
      pid: { type: 'long' },
    },
  };

  it('flattens properties and resolves aliases', () => {
    const s = schemaFromMappings([mapping]);
    expect(s.lookup('event.category')?.type).toBe('keyword');
    expect(s.lookup('pid')?.family).toBe('number');
    expect(s.flavor).toBe('elasticsearch');
  });

  it('treats text with an exact sub-field as a string, plain text as text', () => {
    const s = schemaFromMappings([mapping]);
    expect(s.lookup('file_name')?.family).toBe('string');
    expect(s.lookup('file_name.keyword')?.family).toBe('string');
    expect(s.lookup('body')?.family).toBe('text');
  });

  it('accepts { mappings: { properties } } and unions several indices', () => {
    const s = schemaFromMappings([{ mappings: { properties: { a: { type: 'ip' } } } }, mapping]);
    expect(s.lookup('a')?.family).toBe('ip');
    expect(s.lookup('pid')).toBeDefined();
  });
});
