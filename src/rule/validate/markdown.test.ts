import { describe, expect, it } from 'vitest';
import { markdownHeadings } from './markdown.ts';

describe('markdownHeadings', () => {
  it('reads ATX headings with their level and text', () => {
    expect(markdownHeadings('## Setup\ntext\n### Investigating X ##\n').map((h) => [h.level, h.text])).toEqual([
      [2, 'Setup'],
      [3, 'Investigating X'],
    ]);
  });

  it('ignores # lines inside fenced code blocks', () => {
    expect(markdownHeadings('```sh\n# setup\n```\n## Triage').map((h) => h.text)).toEqual(['Triage']);
  });

  it('needs a space after the hashes', () => {
    expect(markdownHeadings('#hashtag\n####### seven')).toEqual([]);
  });
});
