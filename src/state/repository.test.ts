/** The token reaches the page once, in its URL, and leaves the address bar at once. */
import { describe, expect, it } from 'vitest';
import { takeTokenFromUrl } from './repository.ts';

function fakes(href: string) {
  const stored = new Map<string, string>();
  const replaced: string[] = [];
  return {
    location: { href },
    history: { state: { kept: true }, replaceState: (_state: unknown, _title: string, url?: string | URL | null) => void replaced.push(String(url)) },
    storage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
    replaced,
  };
}

describe('takeTokenFromUrl', () => {
  it('takes the token and rewrites the address without it, keeping the rest', () => {
    const f = fakes('http://127.0.0.1:4000/?a=1&token=abc_-9&b=2#x');
    expect(takeTokenFromUrl(f.location, f.history, f.storage)).toBe('abc_-9');
    expect(f.replaced).toEqual(['/?a=1&b=2#x']);
  });

  it('after a reload (no token in the URL) the tab keeps it; without one, null', () => {
    const f = fakes('http://127.0.0.1:4000/?token=abc');
    takeTokenFromUrl(f.location, f.history, f.storage);
    expect(takeTokenFromUrl({ href: 'http://127.0.0.1:4000/' }, f.history, f.storage)).toBe('abc');
    expect(f.replaced).toHaveLength(1);
    const fresh = fakes('http://127.0.0.1:4000/');
    expect(takeTokenFromUrl(fresh.location, fresh.history, fresh.storage)).toBeNull();
    expect(fresh.replaced).toEqual([]);
  });
});
