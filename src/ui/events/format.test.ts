import { describe, expect, it } from 'vitest';
import { cellText, formatBytes, plural } from './format.ts';

describe('format', () => {
  it('formats sizes, counts and cells', () => {
    expect(formatBytes(52 * 1024 * 1024)).toBe('52.0 MB');
    expect(formatBytes(500)).toBe('500 B');
    expect(plural(1, 'event')).toBe('1 event');
    expect(plural(100000, 'event')).toBe('100,000 events');
    expect(cellText(['a', 1, { b: 2 }])).toBe('a, 1, {"b":2}');
    expect(cellText(undefined)).toBe('');
    expect(cellText(null)).toBe('null');
  });
});
