/**
 * Whether a URL in a rule's Markdown points outside the app: it has a scheme (other than
 * `data:`, which carries its content inline), or it is protocol-relative (`//host/…`, and the
 * `/\host` and `\\host` forms browsers read the same way). Relative URLs stay on the app's origin.
 */
export function isExternalUrl(url: string): boolean {
  // Browsers ignore leading and trailing blanks and control characters, and tabs or line breaks inside.
  // eslint-disable-next-line no-control-regex
  const u = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  if (/^[\\/]{2}/.test(u)) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u);
  return scheme !== null && scheme[1].toLowerCase() !== 'data';
}
