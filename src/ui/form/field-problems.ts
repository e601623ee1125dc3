/** A stable element id for a control's message list. */
export function messageId(path: string): string {
  return 'msg-' + path.replace(/[^a-zA-Z0-9_-]/g, '-');
}
