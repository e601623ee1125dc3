/**
 * The Markdown headings of `note`/`setup`, enough for detection-rules' note checks (which parse
 * GFM with marko). Only ATX headings (`## Setup`) are read: setext headings never carry the
 * words these checks look for in practice, and fenced code blocks are skipped so a `#` comment
 * in a shell sample is not taken for a heading.
 */
export interface Heading {
  level: number;
  text: string;
  /** Offset of the heading line in the Markdown text. */
  offset: number;
  /** Length of the heading line (without its line break). */
  length: number;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function markdownHeadings(markdown: string): Heading[] {
  const headings: Heading[] = [];
  let fence: string | null = null;
  let offset = 0;
  for (const line of markdown.split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
    } else if (fenceMatch) {
      fence = fenceMatch[1];
    } else {
      const content = line.replace(/\r$/, '');
      const m = ATX.exec(content);
      if (m) headings.push({ level: m[1].length, text: (m[2] ?? '').trim(), offset, length: content.length });
    }
    offset += line.length + 1;
  }
  return headings;
}
