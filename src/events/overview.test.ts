import { describe, expect, it } from 'vitest';
import { fieldPathsOf, eventRow, fieldsMissingFrom } from './overview.ts';

describe('eventRow', () => {
  it('shows timestamp and category, null when missing', () => {
    expect(eventRow({ '@timestamp': 5, event: { category: ['process', 'file'] } }, 3, '@timestamp', 'event.category')).toEqual({
      index: 3,
      timestamp: '5',
      category: 'process, file',
    });
    expect(eventRow({ 'event.category': 'network' }, 0, '@timestamp', 'event.category')).toEqual({ index: 0, timestamp: null, category: 'network' });
  });
});

describe('field coverage', () => {
  it('collects nested, dotted and array-of-object paths', () => {
    const paths = fieldPathsOf([
      { process: { 'parent.name': 'x', args: ['a'] }, 'host.id': 1, dns: { answers: [{ data: 'd' }] } },
      { process: { parent: { name: 'y' }, pid: 3 }, tags: [] },
      7,
    ]);
    expect([...paths].sort()).toEqual(['dns.answers.data', 'host.id', 'process.args', 'process.parent.name', 'process.pid', 'tags']);
    expect(fieldsMissingFrom(['process.parent.name', 'process', 'process.pid', 'dns.answers', 'process.ppid'], paths)).toEqual(['process.ppid']);
  });
});
