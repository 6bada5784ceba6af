/**
 * Function words per language (stopwords-iso, MIT, 58 languages; English: the pivot's own short list), folded as the features fold
 * words. Dropping them keeps IDF honest while the stream is young and the document frequencies
 * have not yet learnt that "bir", "ile" and "için" are everywhere.
 */
import { createRequire } from 'node:module';
import { PIVOT_STOPWORDS } from '@newsflow/lexicon/pivot';
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
  // stopwords-iso's English list (1,298 words) takes content words too (help, home, world, state, year):
  // English uses the pivot's short list of function words instead.
  const words = language === 'en' ? [...PIVOT_STOPWORDS] : lists[language];
  const set = words ? new Set(words.map((w) => foldCase(w, language))) : EMPTY;
  folded.set(language, set);
  return set;
}
