/**
 * Function words per language (stopwords-iso, MIT, 58 languages), folded as the features fold
 * words. Dropping them keeps IDF honest while the stream is young and the document frequencies
 * have not yet learnt that "bir", "ile" and "için" are everywhere.
 */
import { createRequire } from 'node:module';
import { foldCase } from './text.ts';

const require = createRequire(import.meta.url);
let lists: Record<string, string[]> | undefined;
const folded = new Map<string, ReadonlySet<string>>();
const EMPTY: ReadonlySet<string> = new Set();

/** The stopwords of a language (ISO 639-1), folded; empty for languages without a list. */
export function stopwordsOf(language: string): ReadonlySet<string> {
  const cached = folded.get(language);
  if (cached) return cached;
  lists ??= require('stopwords-iso') as Record<string, string[]>;
  const words = lists[language];
  const set = words ? new Set(words.map((w) => foldCase(w, language))) : EMPTY;
  folded.set(language, set);
  return set;
}
