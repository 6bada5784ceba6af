/**
 * A Unicode word tokenizer that keeps what entity matching needs: offsets, letter case and whether a
 * token opens a sentence. Words are runs of letters, marks and digits; hyphens and apostrophes split
 * words (`russo-bielorussa` → `russo`, `bielorussa`; `dell'Unione` → `dell`, `Unione`;
 * `Lukashenko’s` → `Lukashenko`, `s`) and what lay between two tokens is kept in `gapBefore`, so a
 * caller can join them again.
 */

/** The letter case of a token. `title`: first letter upper, the rest lower (or none). */
export type TokenCase = 'title' | 'upper' | 'lower' | 'mixed' | 'none';

export interface Token {
  /** The word as written. */
  text: string;
  /** UTF-16 offsets into the input: `input.slice(start, end) === text`. */
  start: number;
  end: number;
  case: TokenCase;
  /** The first token of the input, or the first after a sentence end (. ! ? …), a line break or a colon. */
  sentenceStart: boolean;
  /** The characters between the previous token (or the start of the input) and this one. */
  gapBefore: string;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const UPPER = /\p{Lu}|\p{Lt}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
/** A gap that ends a sentence: a full stop, ?, !, …, a colon, a semicolon or a line break. */
const SENTENCE_GAP = /[.!?…:;\n\r]/u;

/** The letter case of a word. */
export function tokenCase(word: string): TokenCase {
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  let first = true;
  for (const ch of word) {
    if (!LETTER.test(ch)) continue;
    const isUpper = UPPER.test(ch);
    const isLower = LOWER.test(ch);
    if (first) {
      firstUpper = isUpper;
      first = false;
    }
    if (isUpper) upper++;
    else if (isLower) lower++;
  }
  if (upper === 0 && lower === 0) return 'none';
  if (upper === 0) return 'lower';
  if (lower === 0) return upper === 1 && !firstUpper ? 'mixed' : 'upper';
  if (firstUpper && upper === 1) return 'title';
  return 'mixed';
}

/** Whether a word starts with an upper-case letter (title case, all capitals or mixed like `McCain`). */
export function isCapitalised(token: Pick<Token, 'text' | 'case'>): boolean {
  if (token.case === 'title' || token.case === 'upper') return true;
  if (token.case !== 'mixed') return false;
  const first = [...token.text].find((ch) => LETTER.test(ch));
  return first !== undefined && UPPER.test(first);
}

/** Splits text into word tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const word = match[0];
    const gapBefore = text.slice(previousEnd, start);
    tokens.push({
      text: word,
      start,
      end: start + word.length,
      case: tokenCase(word),
      sentenceStart: tokens.length === 0 || SENTENCE_GAP.test(gapBefore),
      gapBefore,
    });
    previousEnd = start + word.length;
  }
  return tokens;
}
