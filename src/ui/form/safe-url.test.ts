import { describe, expect, it } from 'vitest';
import { isExternalUrl } from './safe-url.ts';

describe('isExternalUrl', () => {
  it('calls URLs with a scheme or protocol-relative external', () => {
    for (const url of [
      'https://evil.example/x.png',
      'HTTP://evil.example',
      '//evil.example/t.gif',
      '/\\evil.example/t.gif',
      '\\\\evil.example',
      ' https://x',
      'ht\ttps://x',
      'ftp://x',
      'javascript:alert(1)',
    ]) {
      expect(isExternalUrl(url), url).toBe(true);
    }
  });

  it('keeps relative URLs, fragments and inline data on the app', () => {
    for (const url of ['x', 'img/a.png', '/favicon.svg', '#setup', '', 'data:image/png;base64,AAAA', ' DATA:image/gif,x']) {
      expect(isExternalUrl(url), url).toBe(false);
    }
  });
});
