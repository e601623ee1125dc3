/**
 * Markdown of a rule's note/setup as safe HTML. A rule file is untrusted input: the HTML that
 * marked produces is passed through DOMPurify, which drops scripts, event-handler attributes and
 * `javascript:` URLs, so `<img src=x onerror=...>` renders as an inert image. Beyond that, the
 * preview must not leak that a rule was opened, nor restyle or replace the app:
 * - an image from another site becomes a link to it (loading it would tell that site);
 * - `style` attributes and media that fetch (video, audio, srcset, background) are dropped;
 * - links open in a new tab, with no opener and no referrer, never in place of the app.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { isExternalUrl } from './safe-url.ts';

const purify = DOMPurify(window);

export function markdownToSafeHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true }) as string;
  const fragment = purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'video', 'audio', 'source', 'track', 'picture'],
    FORBID_ATTR: ['style', 'srcset', 'background', 'poster', 'target', 'ping'],
    RETURN_DOM_FRAGMENT: true,
  });
  for (const img of Array.from(fragment.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    if (!isExternalUrl(src)) continue;
    const link = document.createElement('a');
    link.href = src;
    const alt = img.getAttribute('alt');
    link.textContent = alt ? `${alt} (image: ${src})` : `Image: ${src}`;
    img.replaceWith(link);
  }
  for (const link of Array.from(fragment.querySelectorAll('a[href]'))) {
    if (link.getAttribute('href')!.startsWith('#')) continue;
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  const container = document.createElement('div');
  container.append(fragment);
  return container.innerHTML;
}
