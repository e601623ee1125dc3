import { describe, expect, it } from 'vitest';
import { sortPickedFiles } from './open-files.ts';

describe('sortPickedFiles', () => {
  it('pairs rules with their sidecars and routes Kibana exports', () => {
    const sorted = sortPickedFiles([
      { name: 'a.toml', text: 'A' },
      { name: 'a.tests.json', text: '{"cases":[]}' },
      { name: 'b.toml', text: 'B' },
      { name: 'orphan.tests.json', text: '{}' },
      { name: 'rules_export.ndjson', text: '{}' },
      { name: 'notes.txt', text: '' },
    ]);
    expect(sorted.rules).toEqual([
      { name: 'a.toml', text: 'A', testsText: '{"cases":[]}' },
      { name: 'b.toml', text: 'B', testsText: undefined },
    ]);
    expect(sorted.kibana.map((f) => f.name)).toEqual(['rules_export.ndjson']);
    expect(sorted.ignored).toEqual(['orphan.tests.json', 'notes.txt']);
  });
});
