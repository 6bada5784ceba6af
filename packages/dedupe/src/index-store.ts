/**
 * The inverted index: for each time slot (a day of publication time) and index key (entity id,
 * rare pivot term, MinHash band), a bounded posting list of compact article sequence numbers.
 *
 * Storage, for memory: most index keys are rare (a band value, a rare term: one or two articles),
 * and a Redis key of its own costs ≈ 100 bytes before it holds anything. So posting lists live as
 * fields of bucketed hashes (`P:x:{slot}:{bucket}`, field = 7-character digest of the index key,
 * value = "seq,seq,…" newest last, at most `postingCap` entries ≤ 64 bytes): a hash of ≤ 128 such
 * fields stays in Redis' listpack encoding at ≈ 16 bytes an entry. Writes happen inside the commit
 * script (event-store.ts).
 *
 * Lookup cost is flat: per index key one HGET per live slot of the window (≤ 4), each returning at
 * most `postingCap` ids, whatever the size of the index. One Lua call does all the HGETs.
 */
import type { Redis, Result } from 'ioredis';
import { bucketRef, type DedupeKeys } from './keys.ts';
import { decodeFeatures, type StoredFeatures } from './codec.ts';

const READ = `
local p = ARGV[1]
local nslots = tonumber(ARGV[2])
local out = {}
local first = 3 + nslots
for s = 3, 2 + nslots do
  local slot = ARGV[s]
  for i = first, #ARGV, 2 do
    local v = redis.call('HGET', p .. ':x:' .. slot .. ':' .. ARGV[i], ARGV[i + 1])
    out[#out + 1] = v or ''
  end
end
return out
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    nfDedupeReadPostings(numKeys: number, ...args: (string | number)[]): Result<string[], Context>;
  }
}

export function defineIndexCommands(redis: Redis): void {
  if (typeof (redis as unknown as Record<string, unknown>)['nfDedupeReadPostings'] === 'function') return;
  redis.defineCommand('nfDedupeReadPostings', { lua: READ });
}

export interface PostingQuery {
  indexKeys: readonly string[];
  slots: readonly number[];
  buckets: number;
}

/** A candidate's place in the index: its slot and sequence number, written `slot.seq`. */
export type PostingId = string;

/**
 * Posting lists per index key (over all queried slots), as `slot.seq` ids.
 * (Keys unknown in a slot give empty lists.)
 */
export async function readPostings(redis: Redis, keys: DedupeKeys, query: PostingQuery): Promise<PostingId[][]> {
  if (query.indexKeys.length === 0 || query.slots.length === 0) return [];
  const refs = query.indexKeys.map((k) => bucketRef(k, query.buckets));
  const args: (string | number)[] = [keys.prefix, query.slots.length, ...query.slots];
  for (const ref of refs) args.push(ref.bucket, ref.field);
  const flat = await redis.nfDedupeReadPostings(0, ...args);
  const out: PostingId[][] = refs.map(() => []);
  query.slots.forEach((slot, s) => {
    refs.forEach((_, k) => {
      const value = flat[s * refs.length + k];
      if (value) for (const seq of value.split(',')) out[k]!.push(`${slot}.${seq}`);
    });
  });
  return out;
}

/** The stored features of these index ids; those swept away since are left out. */
export async function readFeatures(
  redis: Redis,
  keys: DedupeKeys,
  ids: readonly PostingId[],
  featureBuckets: number,
): Promise<(StoredFeatures & { id: PostingId })[]> {
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) {
    const [slot, seq] = id.split('.') as [string, string];
    pipeline.hgetBuffer(keys.featureBucket(Number(slot), parseInt(seq, 36) % featureBuckets), seq);
  }
  const rows = (await pipeline.exec()) ?? [];
  const out: (StoredFeatures & { id: PostingId })[] = [];
  rows.forEach(([error, blob], i) => {
    if (error) throw error;
    if (blob) out.push({ ...decodeFeatures(blob as Buffer), id: ids[i]! });
  });
  return out;
}
