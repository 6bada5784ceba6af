/**
 * Document frequencies shared by every dedupe worker through Redis, behind the same synchronous
 * `DocumentFrequencies` interface as the in-process model (term-stats.ts, same IDF formula and
 * prior): two workers weigh a term alike, and a restarted worker resumes where the others are
 * instead of starting cold.
 *
 * Write-behind. `observe()` counts locally; every `flushEvery` documents (or `flushMs`) one Lua call
 * adds the pending deltas (an HMGET and an HSET a bucket) and the document count, and its replies — the global counts of
 * those keys — refresh the local view. The same call also re-reads a few buckets in turn
 * (`refreshPerFlush`), so counts of keys this worker never observes (a candidate's terms, counted by
 * another worker) follow the others within one cycle (buckets / refreshPerFlush flushes). At start
 * the whole table is loaded (bounded: ≤ buckets × bucketCap counts, ≈ 1 MB). Reads never wait on Redis.
 *
 *   view of a key = last global count seen + deltas in flight + deltas not yet sent
 *
 * so a worker always counts its own documents at once, and one worker alone sees exactly the
 * counts of the in-process model (until pruning).
 *
 * Storage (keys.ts): `P:df:{bucket}` hashes, field = a 23-bit number from the key's hash (stored as
 * an integer in the listpack: ≈ 7 bytes a key with its count), `P:dfn` the document count. A bucket
 * holds at most `bucketCap` fields (within Redis' listpack limit of 128): past it the script drops
 * the keys seen in one document (then two, …) until it is down to three quarters — the in-process
 * model's pruning, per bucket. Memory is thereby bounded (≈ buckets × bucketCap × 7 B + ≈ 100 B a
 * bucket), whatever the stream. Two keys with the same bucket and field share a count: with 2^33
 * slots and ≤ 123k keys, a handful of pairs, each a small error on one weight.
 */
import type { Redis, Result } from 'ioredis';
import { dedupeKeys } from './keys.ts';
import {
  createPseudoCounts,
  smoothedIdf,
  type DocumentFrequencies,
  type DocumentFrequencyOptions,
  type DocumentFrequencySnapshot,
} from './term-stats.ts';

/**
 * ARGV: prefix, bucketCap, documents delta, number of buckets written n, then per bucket: bucket,
 * k, k × (field, delta); then the buckets to re-read. Returns {documents, new count per field
 * written (in argument order)…, HGETALL per bucket re-read…}. One HMGET and one HSET a bucket, not
 * one HINCRBY a key: a flush of 32 articles writes ≈ 9,000 counts into ≈ 1,000 buckets.
 */
const FLUSH = `
local p = ARGV[1]
local cap = tonumber(ARGV[2])
local out = {redis.call('INCRBY', p .. ':dfn', ARGV[3])}
local i = 5
for _ = 1, tonumber(ARGV[4]) do
  local key = p .. ':df:' .. ARGV[i]
  local k = tonumber(ARGV[i + 1])
  local fields = {}
  for j = 1, k do fields[j] = ARGV[i + 2 * j] end
  local old = redis.call('HMGET', key, unpack(fields))
  local pairs_ = {}
  for j = 1, k do
    local v = (tonumber(old[j]) or 0) + tonumber(ARGV[i + 2 * j + 1])
    out[#out + 1] = v
    pairs_[#pairs_ + 1] = fields[j]
    pairs_[#pairs_ + 1] = v
  end
  redis.call('HSET', key, unpack(pairs_))
  if redis.call('HLEN', key) > cap then
    -- Drop the keys seen in at most f documents, f the smallest (≥ 1) that leaves ≤ 3/4 of the cap:
    -- f read off the sorted counts, one HDEL. (A pass and an HDEL a field per f = 1, 2, … cost more
    -- as the stream went on: counts climb, so f did, ≈ 130 µs of HDELs an article at 240k articles.)
    local all = redis.call('HGETALL', key)
    local keep = math.floor(cap * 3 / 4)
    local counts = {}
    for j = 2, #all, 2 do counts[#counts + 1] = tonumber(all[j]) end
    table.sort(counts)
    local floor = math.max(1, counts[#counts - keep])
    local drop = {}
    for j = 1, #all, 2 do
      if tonumber(all[j + 1]) <= floor then drop[#drop + 1] = all[j] end
    end
    for j = 1, #drop, 1000 do redis.call('HDEL', key, unpack(drop, j, math.min(j + 999, #drop))) end
  end
  i = i + 2 + 2 * k
end
for r = i, #ARGV do
  out[#out + 1] = redis.call('HGETALL', p .. ':df:' .. ARGV[r])
end
return out
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    nfDedupeFrequencies(numKeys: number, ...args: (string | number)[]): Result<(number | string[])[], Context>;
  }
}

export interface SharedDocumentFrequencyOptions extends Pick<DocumentFrequencyOptions, 'priorDocuments' | 'prior'> {
  redis: Redis;
  /** The dedupe prefix (keys are `${prefix}:dd:df…`, see keys.ts). */
  prefix: string;
  /** Hashes the counts are spread over (default 1024). Fixed for a prefix: changing it loses the counts. */
  buckets?: number;
  /** Counts a bucket keeps before pruning the rarest (default 120; ≤ 128 keeps it a listpack). */
  bucketCap?: number;
  /** Send the pending counts after this many documents (default 32) … */
  flushEvery?: number;
  /** … or this long after the first pending one (default 1000 ms). */
  flushMs?: number;
  /** Buckets re-read by each flush (default buckets / 64). */
  refreshPerFlush?: number;
  /** A failed flush keeps its counts for the next one and is reported here. */
  onError?: (error: unknown) => void;
}

export interface SharedDocumentFrequencies extends DocumentFrequencies {
  /** Sends the pending counts now (and refreshes the keys they touch). */
  flush(): Promise<void>;
  /** Sends the pending counts, then re-reads the whole table: afterwards this view is Redis'. */
  sync(): Promise<void>;
  /** Stops the timer and sends what is pending. */
  close(): Promise<void>;
}

const FIELD_BITS = 23;
const FIELD_SPAN = 2 ** FIELD_BITS;

/** Two 32-bit FNV-1a-style hashes of the key (different seeds): cheap enough to run per idf() call. */
function hash2(key: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  return [h1 >>> 0, h2 >>> 0];
}

/** A key's place: bucket × 2^23 + field, one safe integer. */
export function frequencyId(key: string, buckets: number): number {
  const [h1, h2] = hash2(key);
  return (h1 % buckets) * FIELD_SPAN + (h2 >>> (32 - FIELD_BITS));
}

function defineFrequencyCommands(redis: Redis): void {
  if (typeof (redis as unknown as Record<string, unknown>)['nfDedupeFrequencies'] === 'function') return;
  redis.defineCommand('nfDedupeFrequencies', { lua: FLUSH });
}

export async function createSharedDocumentFrequencies(options: SharedDocumentFrequencyOptions): Promise<SharedDocumentFrequencies> {
  const { redis } = options;
  const keys = dedupeKeys(options.prefix);
  const buckets = options.buckets ?? 1024;
  const bucketCap = options.bucketCap ?? 120;
  const flushEvery = options.flushEvery ?? 32;
  const flushMs = options.flushMs ?? 1000;
  const refreshPerFlush = Math.min(buckets, options.refreshPerFlush ?? Math.max(1, Math.ceil(buckets / 64)));
  const { m, pseudoCount } = createPseudoCounts(options);
  defineFrequencyCommands(redis);

  /** Last global count seen, per bucket: field → count. */
  const global: Map<number, number>[] = Array.from({ length: buckets }, () => new Map());
  let globalDocuments = 0;
  /** Deltas not sent yet, and deltas of the flush under way: id → count. */
  let pending = new Map<number, number>();
  let pendingDocuments = 0;
  let inFlight = new Map<number, number>();
  let inFlightDocuments = 0;
  /** key → id, so that a hot key is hashed once (bounded: cleared when full). */
  const ids = new Map<string, number>();
  let refreshCursor = 0;
  let timer: NodeJS.Timeout | undefined;
  /** The last flush queued, and the one queued but not started (it will take everything pending). */
  let chain: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | undefined;
  let closed = false;

  const idOf = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = frequencyId(key, buckets);
      if (ids.size >= 400_000) ids.clear();
      ids.set(key, id);
    }
    return id;
  };
  const countOf = (id: number): number =>
    (global[Math.floor(id / FIELD_SPAN)]!.get(id % FIELD_SPAN) ?? 0) + (inFlight.get(id) ?? 0) + (pending.get(id) ?? 0);
  const documents = (): number => globalDocuments + inFlightDocuments + pendingDocuments;

  const replaceBucket = (bucket: number, flat: string[]): void => {
    const map = new Map<number, number>();
    for (let j = 0; j < flat.length; j += 2) map.set(Number(flat[j]), Number(flat[j + 1]));
    global[bucket] = map;
  };

  async function sendPending(): Promise<void> {
    inFlight = pending;
    inFlightDocuments = pendingDocuments;
    pending = new Map();
    pendingDocuments = 0;
    // Grouped by bucket, in the order the script answers.
    const byBucket = new Map<number, [number, number][]>();
    for (const [id, delta] of inFlight) {
      const bucket = Math.floor(id / FIELD_SPAN);
      const list = byBucket.get(bucket);
      if (list) list.push([id % FIELD_SPAN, delta]);
      else byBucket.set(bucket, [[id % FIELD_SPAN, delta]]);
    }
    const refresh = Array.from({ length: refreshPerFlush }, (_, k) => (refreshCursor + k) % buckets);
    // At most 500 fields a group (Lua's unpack has a limit; a flush after a Redis outage can be large).
    const groups: [number, [number, number][]][] = [];
    for (const [bucket, list] of byBucket) for (let j = 0; j < list.length; j += 500) groups.push([bucket, list.slice(j, j + 500)]);
    const args: (string | number)[] = [keys.prefix, bucketCap, inFlightDocuments, groups.length];
    for (const [bucket, list] of groups) {
      args.push(bucket, list.length);
      for (const [field, delta] of list) args.push(field, delta);
    }
    args.push(...refresh);
    try {
      const reply = await redis.nfDedupeFrequencies(0, ...args);
      globalDocuments = Number(reply[0]);
      let r = 1;
      for (const [bucket, list] of groups) for (const [field] of list) global[bucket]!.set(field, Number(reply[r++]));
      refresh.forEach((bucket, k) => replaceBucket(bucket, reply[r + k] as string[]));
      refreshCursor = (refreshCursor + refreshPerFlush) % buckets;
    } catch (error) {
      // Nothing was lost: the counts go out with the next flush (a script either ran whole or not at all).
      for (const [id, delta] of inFlight) pending.set(id, (pending.get(id) ?? 0) + delta);
      pendingDocuments += inFlightDocuments;
      throw error;
    } finally {
      inFlight = new Map();
      inFlightDocuments = 0;
    }
  }

  /** One flush at a time; a request during one runs right after it (one queued at most). */
  function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (waiting) return waiting;
    const next = chain
      .catch(() => {})
      .then(() => {
        waiting = undefined;
        return sendPending();
      });
    waiting = next;
    chain = next;
    return next;
  }

  const flushInBackground = (): void => {
    flush().catch((error: unknown) => options.onError?.(error));
  };

  async function loadAll(): Promise<void> {
    const pipeline = redis.pipeline().get(keys.documentCount);
    for (let b = 0; b < buckets; b++) pipeline.hgetall(keys.frequencyBucket(b));
    const rows = (await pipeline.exec()) ?? [];
    for (const [error] of rows) if (error) throw error;
    globalDocuments = Number(rows[0]?.[1] ?? 0);
    for (let b = 0; b < buckets; b++) {
      const hash = (rows[b + 1]?.[1] ?? {}) as Record<string, string>;
      global[b] = new Map(Object.entries(hash).map(([field, n]) => [Number(field), Number(n)]));
    }
  }

  await loadAll();

  return {
    get documents() {
      return documents();
    },
    df: (key) => countOf(idOf(key)),
    idf: (key) => smoothedIdf(documents(), countOf(idOf(key)), m, pseudoCount(key)),
    observe(keysOfDocument) {
      pendingDocuments++;
      for (const key of new Set(keysOfDocument)) {
        const id = idOf(key);
        pending.set(id, (pending.get(id) ?? 0) + 1);
      }
      if (closed) return;
      if (pendingDocuments >= flushEvery) flushInBackground();
      else if (!timer) {
        timer = setTimeout(flushInBackground, flushMs);
        timer.unref();
      }
    },
    /** Only the keys this process has named (the table holds digests, not keys). */
    toJSON(): DocumentFrequencySnapshot {
      const df: Record<string, number> = {};
      for (const [key, id] of ids) {
        const n = countOf(id);
        if (n > 0) df[key] = n;
      }
      return { documents: documents(), df };
    },
    flush,
    async sync() {
      await flush();
      await loadAll();
    },
    async close() {
      closed = true;
      await flush();
    },
  };
}
