/**
 * Markdown of a rule's note/setup as safe HTML. A rule file is untrusted input: the HTML that
 * marked produces is passed through DOMPurify, which drops scripts, event-handler attributes and
 * `javascript:` URLs, so `<img src=x onerror=...>` renders as an inert image.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function markdownToSafeHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true }) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button'] });
}
