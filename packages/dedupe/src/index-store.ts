/**
 * The inverted index: one bounded posting list per index key (entity id, rare pivot term,
 * MinHash band), a sorted set of compact article sequence numbers (base 36) scored by publication
 * time. Writes happen inside the commit script (event-store.ts): each add trims the list to the
 * newest `postingCap` entries and drops entries older than the retention, and refreshes the key's
 * TTL, so a key that stops being used disappears. A lookup reads at most `postingCap` entries per
 * key within the time window: the cost of a lookup does not grow with the size of the index.
 */
import type { Redis } from 'ioredis';
import type { DedupeKeys } from './keys.ts';
import { decodeFeatures, type StoredFeatures } from './codec.ts';

export interface PostingQuery {
  indexKeys: readonly string[];
  fromMs: number;
  toMs: number;
  perKey: number;
}

/** Posting lists of each key (sequence numbers, newest first) within [fromMs, toMs]. */
export async function readPostings(redis: Redis, keys: DedupeKeys, query: PostingQuery): Promise<string[][]> {
  if (query.indexKeys.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const indexKey of query.indexKeys) {
    pipeline.zrange(keys.posting(indexKey), String(query.toMs), String(query.fromMs), 'BYSCORE', 'REV', 'LIMIT', 0, query.perKey);
  }
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    return value as string[];
  });
}

/** The stored features of these sequence numbers; expired ones are left out. */
export async function readFeatures(redis: Redis, keys: DedupeKeys, seqs: readonly string[]): Promise<(StoredFeatures & { seq: string })[]> {
  if (seqs.length === 0) return [];
  const blobs = await redis.mgetBuffer(...seqs.map((s) => keys.features(s)));
  const out: (StoredFeatures & { seq: string })[] = [];
  blobs.forEach((blob, i) => {
    if (blob) out.push({ ...decodeFeatures(blob), seq: seqs[i]! });
  });
  return out;
}
