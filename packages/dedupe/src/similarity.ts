/**
 * The pluggable similarity signal. The default is lexical and offline (entity ids, a dictionary
 * pivot to English, numbers and dates, publication time); a multilingual embedding model can be
 * added as another implementation of the same interface.
 */
import type { DedupeInput, MembershipEvidence } from '@newsflow/contracts/documents';

/**
 * What is kept of an article for comparing it with later ones. Must survive JSON
 * (it is stored in Redis with the article): plain objects and arrays only.
 */
export interface ArticleFeatures {
  itemId: string;
  language: string;
  /** ISO 8601: publication time, else fetch time. */
  publishedAt: string;
  /** Where `publishedAt` came from: the page (or feed), or the fetch time as a fallback. */
  publishedAtSource?: 'page' | 'fetch';
  /** Fingerprint of the normalised text: equal → exact duplicate. */
  textHash: string;
  canonicalUrl?: string;
  /** MinHash signature over word shingles: near-duplicates (syndicated copies). */
  minhash: number[];
  /** Entity ids with their weight in this article. */
  entities: { id: string; name: string; weight: number }[];
  /** Pivot terms (English lemmas) with TF-IDF-ready weights. */
  terms: Record<string, number>;
  /**
   * Content words in the article's own language (`<lang>:<lemma or stem>`) with TF weights: richer than
   * the pivot when two articles share a language.
   */
  nativeTerms?: Record<string, number>;
  /**
   * The same pivot as `terms`, one key per source word: its English senses joined by `|`
   * (`help|assistance|aid`). Two words match when their senses meet, so a word with several
   * translations is not diluted across them.
   */
  senses?: Record<string, number>;
  /** For the heaviest `nativeTerms` keys whose stem is not a word: the word form seen most (for evidence). */
  labels?: Record<string, string>;
  /** Name-like words (capitalised inside a sentence), transliterated to ASCII and cut to 5 letters. */
  names?: Record<string, number>;
  /** Normalised numbers, percentages and dates. */
  numbers: string[];
  /** How many words title and text have. */
  tokenCount?: number;
  /** Keys under which the article is indexed for candidate lookup (entity ids, rare terms, MinHash bands). */
  indexKeys: string[];
}

export interface Comparison {
  /** 0..1, higher = more likely the same event. */
  score: number;
  evidence: Omit<MembershipEvidence, 'reason' | 'matchedItemId'>;
  /** The per-signal values (0..1) behind the score, by name, for explanations and tuning. */
  signals?: Record<string, number>;
}

export interface Similarity {
  /** A name recorded with the evidence, e.g. 'lexical-v1'. */
  readonly name: string;
  /** The score at or above which two articles report the same event. */
  readonly threshold: number;
  features(input: DedupeInput): ArticleFeatures;
  compare(a: ArticleFeatures, b: ArticleFeatures): Comparison;
  /**
   * How much a term of `terms` or `nativeTerms` counts beyond its weight (e.g. its IDF now), so that
   * the terms kept in storage are the ones that will carry a comparison, not just the most frequent
   * ones (see `compactFeatures`). Optional: without it the heaviest weights are kept.
   */
  termImportance?(kind: 'terms' | 'nativeTerms', key: string): number;
}
