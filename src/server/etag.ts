/** Strong ETags from content: the same bytes always give the same tag, whatever the mtime. */
import { createHash } from 'node:crypto';

export function etagOf(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url')}"`;
}

/** The entity tags of an If-Match / If-None-Match header (`*` stays `*`; weak tags never match). */
export function parseEtagList(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '' && !t.startsWith('W/'));
}
