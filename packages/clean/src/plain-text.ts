/**
 * Boilerplate removal for plain-text articles (a page saved as text, a paste). No source-specific
 * strings: the rules look at the shape of lines.
 *
 * - The head: lines before the first prose paragraph. The longest headline-like line there is the
 *   title; the lines before it are navigation ("Skip to main content", breadcrumbs).
 * - The tail: after the last prose paragraph of 20+ words ending in a full stop, when 3+ more
 *   lines follow and at most a third of them are sentences, they are not the article (agency tag,
 *   section word, lists of other headlines).
 *   Measured: neutral on the 181-page benchmark, while naive tail trimming cost 0.009 F1.
 * - Short lines that occur more than once are navigation or teaser lists, never paragraphs.
 * - Credit lines ("Photo: …", "Fot. AGENCY/…"), date stamps and bylines anywhere (`line-rules.ts`).
 */

import { isFurnitureLine, wordCount } from './line-rules.ts';

export interface PlainTextResult {
  /** The headline found at the top, if one looked like a headline. */
  title?: string;
  /** One paragraph per line. */
  text: string;
  /** Non-empty lines dropped as boilerplate (the title is not counted). */
  droppedLines: number;
}

/** Ends like a sentence: . ! ? … possibly followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?…:;]["'”’»)\]]*$/u;
const FULL_STOP_END = /[.!?…]["'”’»)\]]*$/u;

/** A paragraph of running text, not a label or a headline. */
function isProse(line: string): boolean {
  const words = wordCount(line);
  return (words >= 12 && SENTENCE_END.test(line)) || words >= 30;
}

/** The anchor of the tail rule: 20+ words ending in a full stop. */
function isLongParagraph(line: string): boolean {
  return wordCount(line) >= 20 && FULL_STOP_END.test(line);
}

/** A headline: a handful of words, starts with a capital or digit, no trailing full stop. */
function isHeadlineLike(line: string): boolean {
  const words = wordCount(line);
  return words >= 4 && words <= 30 && /^[\p{Lu}\p{N}"'„“«]/u.test(line) && !/[.:,;]$/.test(line);
}

function normaliseLine(line: string): string {
  return line.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

export function cleanPlainText(input: string): PlainTextResult {
  const lines = input
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(normaliseLine)
    .filter((line) => line !== '' && /[\p{L}\p{N}]/u.test(line));

  const keep = lines.map(() => true);

  // Short lines seen more than once: navigation, teasers, "Read more".
  const seen = new Map<string, number>();
  for (const line of lines) seen.set(line, (seen.get(line) ?? 0) + 1);
  lines.forEach((line, index) => {
    if ((seen.get(line) ?? 0) > 1 && !isProse(line)) keep[index] = false;
  });

  lines.forEach((line, index) => {
    if (isFurnitureLine(line)) keep[index] = false;
  });

  // The head: everything before the first prose paragraph.
  let title: string | undefined;
  const firstProse = lines.findIndex(isProse);
  const headEnd = firstProse === -1 ? 0 : firstProse;
  // The headline is the longest headline-like line of the head ("Skip to main content" is one too).
  let titleIndex = -1;
  for (let index = 0; index < headEnd; index++) {
    const line = lines[index] ?? '';
    if (keep[index] !== true || !isHeadlineLike(line)) continue;
    if (titleIndex === -1 || wordCount(line) >= wordCount(lines[titleIndex] ?? '')) titleIndex = index;
  }
  if (titleIndex !== -1) {
    title = lines[titleIndex];
    keep[titleIndex] = false;
    // Before the headline: navigation (skip links, breadcrumbs).
    for (let index = 0; index < titleIndex; index++) keep[index] = false;
  }
  // Very short head lines are labels (section names, "Live", "Updated"), not text.
  for (let index = 0; index < headEnd; index++) {
    if (wordCount(lines[index] ?? '') < 4) keep[index] = false;
  }

  // The tail: after the last long paragraph, 3+ more lines are not the article.
  let lastLong = -1;
  for (let index = lines.length - 1; index >= 0; index--) {
    if (isLongParagraph(lines[index] ?? '')) {
      lastLong = index;
      break;
    }
  }
  // Unless most of them are sentences: an article may end on a few short paragraphs.
  const tail = lastLong === -1 ? [] : lines.slice(lastLong + 1);
  const sentences = tail.filter((line) => FULL_STOP_END.test(line)).length;
  if (tail.length >= 3 && sentences <= tail.length / 3) {
    for (let index = lastLong + 1; index < lines.length; index++) keep[index] = false;
  }

  const text = lines.filter((_, index) => keep[index]).join('\n');
  const droppedLines = keep.filter((kept) => !kept).length - (title === undefined ? 0 : 1);
  return title === undefined ? { text, droppedLines } : { title, text, droppedLines };
}

const CLOSING_QUOTES: Readonly<Record<string, readonly string[]>> = { '"': ['"'], '“': ['”'], '„': ['“', '”'], '«': ['»'] };

/** A title from the text itself: its first sentence, cut at a word boundary. */
export function titleFromText(text: string, maxLength = 120): string {
  const firstLine = text.split('\n', 1)[0] ?? '';
  let sentence = /^.*?[.!?…](?=\s|$)/u.exec(firstLine)?.[0] ?? firstLine;
  // A quotation's first sentence ("…today. Also…", said X): drop the quote mark the sentence never closes.
  const opening = /^["“„«]/u.exec(sentence)?.[0];
  if (opening !== undefined && !CLOSING_QUOTES[opening]?.some((mark) => sentence.includes(mark, 1))) sentence = sentence.slice(1);
  if (sentence.length <= maxLength) return sentence.trim();
  const cut = sentence.slice(0, maxLength);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).trim()}…`;
}
