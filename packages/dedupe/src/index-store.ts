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
 * most `postingCap` ids, whatever the size of the index. One Lua call takes the lock and does all the
 * HGETs (a write syscall costs ≈ 0.1 ms on the shared machine: round trips are what cost).
 */
import type { Redis, Result } from 'ioredis';
import { postingRef, type DedupeKeys } from './keys.ts';
import { decodeFeatures, type StoredFeatures } from './codec.ts';

/**
 * Lock, then read, in one round trip (the lock is lock.ts's, taken here so that the reads ride
 * along): KEYS = lock keys; ARGV = token, ttl, prefix, itemId, url bucket, url field ('' if none),
 * text bucket, text field, number of slots, slots…, then bucket/field pairs of the index keys.
 * Returns {0} when any lock key is held, else {1, '1' if the article has a record, url original, text original,
 * posting values slot-major…} with '' for missing values.
 */
const BEGIN = `
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return {0} end
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
end
local p = ARGV[3]
local out = {1}
out[2] = redis.call('EXISTS', p .. ':a:' .. ARGV[4]) == 1 and '1' or ''
out[3] = ARGV[6] ~= '' and (redis.call('HGET', p .. ':d:' .. ARGV[5], ARGV[6]) or '') or ''
out[4] = redis.call('HGET', p .. ':d:' .. ARGV[7], ARGV[8]) or ''
local nslots = tonumber(ARGV[9])
local first = 10 + nslots
for s = 10, 9 + nslots do
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
    nfDedupeBegin(numKeys: number, ...args: (string | number)[]): Result<(string | number)[], Context>;
  }
}

export function defineIndexCommands(redis: Redis): void {
  if (typeof (redis as unknown as Record<string, unknown>)['nfDedupeBegin'] === 'function') return;
  redis.defineCommand('nfDedupeBegin', { lua: BEGIN });
}

export interface PostingQuery {
  indexKeys: readonly string[];
  slots: readonly number[];
  buckets: number;
}

/** A candidate's place in the index: its slot and sequence number, written `slot.seq`. */
export type PostingId = string;

export interface BeginQuery extends PostingQuery {
  itemId: string;
  url?: { bucket: number; field: string };
  text: { bucket: number; field: string };
}

export interface BeginResult {
  /** The article has a record already (a job delivered twice). */
  recorded: boolean;
  byUrl: string | undefined;
  byText: string | undefined;
  /** Posting lists per index key (over all queried slots), as `slot.seq` ids. */
  postings: PostingId[][];
}

/** Take the lock keys and read the item, the duplicate maps and the postings; undefined when locked. */
export async function lockAndRead(
  redis: Redis,
  keys: DedupeKeys,
  lockKeys: readonly string[],
  token: string,
  ttlMs: number,
  query: BeginQuery,
): Promise<BeginResult | undefined> {
  const refs = query.indexKeys.map((k) => postingRef(k, query.buckets));
  const args: (string | number)[] = [
    ...lockKeys,
    token,
    ttlMs,
    keys.prefix,
    query.itemId,
    query.url?.bucket ?? 0,
    query.url?.field ?? '',
    query.text.bucket,
    query.text.field,
    query.slots.length,
    ...query.slots,
  ];
  for (const ref of refs) args.push(ref.bucket, ref.field);
  const reply = await redis.nfDedupeBegin(lockKeys.length, ...args);
  if (reply[0] !== 1) return undefined;
  const text = (i: number) => {
    const v = reply[i];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const postings: PostingId[][] = refs.map(() => []);
  query.slots.forEach((slot, s) => {
    refs.forEach((_, k) => {
      const value = text(4 + s * refs.length + k);
      if (value) for (const seq of value.split(',')) postings[k]!.push(`${slot}.${seq}`);
    });
  });
  return { recorded: text(1) !== undefined, byUrl: text(2), byText: text(3), postings };
}

/**
 * A small in-process LRU of decoded features. Stored features never change once written (the
 * event they name is resolved apart), so a cached copy is always right — except that its slot may
 * have been swept since, which only means a candidate outside every window is compared: harmless.
 * Recent articles are the candidates of many later ones, so most lookups hit.
 */
export class FeatureCache {
  private readonly map = new Map<PostingId, StoredFeatures>();
  constructor(private readonly capacity: number) {}
  get(id: PostingId): StoredFeatures | undefined {
    const hit = this.map.get(id);
    if (hit) {
      this.map.delete(id);
      this.map.set(id, hit);
    }
    return hit;
  }
  set(id: PostingId, value: StoredFeatures): void {
    if (this.capacity <= 0) return;
    this.map.set(id, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

/** What a feature read costs, counted when asked (see `DedupeCounters` in dedupe.ts). */
export interface FeatureReadCounters {
  cacheHits: number;
  cacheMisses: number;
  decodes: number;
  bytesRead: number;
  decodeMs: number;
}

/** The stored features of these index ids; those swept away since are left out. */
export async function readFeatures(
  redis: Redis,
  keys: DedupeKeys,
  ids: readonly PostingId[],
  featureBuckets: number,
  cache?: FeatureCache,
  counters?: FeatureReadCounters,
): Promise<(StoredFeatures & { id: PostingId })[]> {
  if (ids.length === 0) return [];
  const out: (StoredFeatures & { id: PostingId })[] = [];
  const missing: PostingId[] = [];
  for (const id of ids) {
    const hit = cache?.get(id);
    if (hit) out.push({ ...hit, id });
    else missing.push(id);
  }
  if (counters) {
    counters.cacheHits += ids.length - missing.length;
    counters.cacheMisses += missing.length;
  }
  if (missing.length === 0) return out;
  const pipeline = redis.pipeline();
  for (const id of missing) {
    const [slot, seq] = id.split('.') as [string, string];
    pipeline.hgetBuffer(keys.featureBucket(Number(slot), parseInt(seq, 36) % featureBuckets), seq);
  }
  const rows = (await pipeline.exec()) ?? [];
  rows.forEach(([error, blob], i) => {
    if (error) throw error;
    if (!blob) return;
    const t0 = counters ? performance.now() : 0;
    const decoded = decodeFeatures(blob as Buffer);
    if (counters) {
      counters.decodes++;
      counters.bytesRead += (blob as Buffer).length;
      counters.decodeMs += performance.now() - t0;
    }
    cache?.set(missing[i]!, decoded);
    out.push({ ...decoded, id: missing[i]! });
  });
  return out;
}
