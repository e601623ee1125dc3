/**
 * Elasticsearch's `standard` analyzer: the standard tokenizer (Unicode word boundaries, UAX#29)
 * then a lowercase filter, no stop words.
 * https://www.elastic.co/guide/en/elasticsearch/reference/current/analysis-standard-analyzer.html
 * https://www.elastic.co/guide/en/elasticsearch/reference/current/analysis-standard-tokenizer.html
 *
 * Word boundaries come from `Intl.Segmenter` (ICU's UAX#29 rules), so `foo.bar`, `o'neil`,
 * `dog's`, `3.14`, `1,000`, `a_b` stay one token as in Lucene. ICU and Lucene's StandardTokenizer
 * differ where ICU uses dictionaries or Lucene adds token types; closed here:
 * - Han ideographs: Lucene emits one token per ideograph (ICU groups dictionary words).
 * - Thai, Lao, Khmer, Myanmar (complex context): Lucene emits a whole run as one token (ICU splits words).
 * - Emoji: Lucene emits an emoji (sequence) as a token (ICU marks it not word-like).
 * - Segments without a letter or digit (`___`) are not tokens in Lucene (ICU calls them word-like).
 * Known differences left open: ICU's and Lucene's Unicode versions can disagree on newly assigned
 * characters, and emoji sequences are approximated (a segment with an emoji-presentation
 * character, a VS16 or a regional indicator).
 */
import { simpleLower } from '../../eql/regex/case-fold.ts';

/** The standard tokenizer's default `max_token_length`: longer tokens are split at this interval. */
export const MAX_TOKEN_LENGTH = 255;

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

const HAN = /\p{Script=Han}/u;
const COMPLEX_CONTEXT = /^[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const EMOJI = /\p{Emoji_Presentation}|\u{FE0F}|[\u{1F1E6}-\u{1F1FF}]/u;

/** The tokens (lower-cased terms, in position order) the standard analyzer makes of `text`. */
export function analyze(text: string, maxTokenLength = MAX_TOKEN_LENGTH): string[] {
  const tokens: Tokens = { list: [], max: maxTokenLength };
  if (isPlainAsciiWord(text, maxTokenLength)) {
    tokens.list.push(lowerAscii(text));
    return tokens.list;
  }
  let complexRun = '';
  let complexEnd = -1;
  for (const s of segmenter.segment(text)) {
    const word = s.segment;
    if (COMPLEX_CONTEXT.test(word)) {
      // Adjacent complex-context segments form one Lucene token.
      complexRun = complexEnd === s.index ? complexRun + word : flush(tokens, complexRun) + word;
      complexEnd = s.index + word.length;
      continue;
    }
    complexRun = flush(tokens, complexRun);
    complexEnd = -1;
    if (s.isWordLike) {
      if (!LETTER_OR_DIGIT.test(word)) continue;
      if (HAN.test(word)) splitHan(tokens, word);
      else pushToken(tokens, lower(word));
    } else if (EMOJI.test(word)) {
      pushToken(tokens, word);
    }
  }
  flush(tokens, complexRun);
  return tokens.list;
}

interface Tokens {
  list: string[];
  max: number;
}

function flush(tokens: Tokens, run: string): string {
  if (run) pushToken(tokens, lower(run));
  return '';
}

/** Han ideographs one per token, the other characters of the segment as ICU grouped them. */
function splitHan(tokens: Tokens, word: string): void {
  let rest = '';
  for (const ch of word) {
    if (HAN.test(ch)) {
      if (rest) pushToken(tokens, lower(rest));
      rest = '';
      pushToken(tokens, ch);
    } else {
      rest += ch;
    }
  }
  if (rest) pushToken(tokens, lower(rest));
}

/** A token longer than max_token_length is split at that interval (UTF-16 units, as Lucene's char buffer). */
function pushToken(tokens: Tokens, token: string): void {
  const max = tokens.max;
  if (token.length <= max) {
    tokens.list.push(token);
    return;
  }
  for (let i = 0; i < token.length; i += max) tokens.list.push(token.slice(i, i + max));
}

/** Lucene's LowerCaseFilter: Java's Character.toLowerCase per code point (no final sigma, İ → i). */
export function lower(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return lowerAscii(s);
  let out = '';
  for (const ch of s) out += String.fromCodePoint(simpleLower(ch.codePointAt(0)!));
  return out;
}

function lowerAscii(s: string): string {
  return s.toLowerCase();
}

/** ASCII letters and digits only: one token, no segmentation needed (the common case of short values). */
function isPlainAsciiWord(s: string, max: number): boolean {
  if (s.length === 0 || s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}
