/**
 * Document frequencies for IDF weighting, kept online: every article the similarity sees is
 * counted once, so rarity follows the stream ("Belarus" in a week of Belarus stories weighs less
 * than "CSTO"). It starts from an optional background snapshot (`toJSON()` of an earlier run) and can
 * be saved again; keys are namespaced by the caller (`t:` pivot term, `s:` native stem, `e:` entity,
 * `n:` number). Memory is bounded: past `maxKeys`, keys seen in a single document are dropped.
 */

export interface DocumentFrequencySnapshot {
  documents: number;
  df: Record<string, number>;
}

export interface DocumentFrequencies {
  /** How many documents have been counted. */
  readonly documents: number;
  /** In how many documents a key occurred. */
  df(key: string): number;
  /**
   * Smoothed inverse document frequency, ≥ 1 for keys in few documents, towards 0 for keys in all:
   * `ln((N + 1) / (df + 1))`, plus `floor` for unseen-ish keys so that nothing weighs exactly 0 early on.
   */
  idf(key: string): number;
  /** Counts one document's distinct keys. */
  observe(keys: Iterable<string>): void;
  toJSON(): DocumentFrequencySnapshot;
}

export interface DocumentFrequencyOptions {
  /** A background model to start from. */
  background?: DocumentFrequencySnapshot;
  /** Prune rare keys beyond this many. Default 400,000. */
  maxKeys?: number;
  /**
   * Documents to assume before any is seen, each containing no key: keeps the IDF of every key
   * high and equal while the stream is young. Default 20.
   */
  priorDocuments?: number;
}

export function createDocumentFrequencies(options: DocumentFrequencyOptions = {}): DocumentFrequencies {
  const counts = new Map<string, number>(Object.entries(options.background?.df ?? {}));
  let documents = options.background?.documents ?? 0;
  const maxKeys = options.maxKeys ?? 400_000;
  const prior = options.priorDocuments ?? 20;

  const prune = (): void => {
    for (const [key, n] of counts) if (n <= 1) counts.delete(key);
  };

  return {
    get documents() {
      return documents;
    },
    df: (key) => counts.get(key) ?? 0,
    idf: (key) => Math.log((documents + prior + 1) / ((counts.get(key) ?? 0) + 1)),
    observe(keys) {
      documents++;
      for (const key of new Set(keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
      if (counts.size > maxKeys) prune();
    },
    toJSON: () => ({ documents, df: Object.fromEntries(counts) }),
  };
}
