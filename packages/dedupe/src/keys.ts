/**
 * The Redis key layout of the dedupe stage. Every key is `${prefix}:dd:…` (P below); nothing else
 * in the package writes a key by hand.
 *
 * | key | type | what | lifetime |
 * |---|---|---|---|
 * | `P:a:{itemId}` | string (binary, event-store.ts) | the article's assignment: event, outcome, evidence, view fields | permanent |
 * | `P:x:{slot}:{bucket}` | hash indexKeyDigest (a number, `postingRef`) → "seq,seq,…" | posting lists of the articles published in one time slot (a day), ≤ `postingCap` newest a key, many keys to a hash so that small lists stay in Redis' compact listpack encoding | until the slot leaves the retention |
 * | `P:fb:{slot}:{bucket}` | hash seq → features (binary, codec.ts) | features of the articles of one slot, with item id and event at assignment | as the slot |
 * | `P:slots` | zset slot → slot | the slots that hold index and feature buckets, for the sweep | permanent |
 * | `P:d:{bucket}` | hash `u`/`t` + digest → itemId | exact-duplicate maps (canonical URL, text hash) | permanent |
 * | `P:e:{eventId}` | hash | firstSeen/lastSeen (ms) `fs`/`ls`, n, dup, storyline `sl`, redirect `r` after a merge; a field `.{itemId}` (value '') per member in arrival order, exact duplicates excluded (the title is the founding article's, `ev-{itemId}`) | permanent |
 * | `P:em:{eventId}` | list | member item ids: the first layout only (read, and moved on a merge) | permanent |
 * | `P:mx:{eventId}` | list (JSON) | merge evidence | permanent |
 * | `P:events` | zset eventId → lastSeen ms | live (not absorbed) events, newest first | permanent |
 * | `P:sl:{bucket}` | hash pairDigest → "storylineId\|last ms" | storylines of strong entity pairs, bucketed like the index (a key each cost ≈ 120 B with its TTL) | a full bucket drops pairs a TTL older (publication time) than the article writing |
 * | `P:lk:{digest}` | string | short lock over one candidate key (see dedupe.ts) | lock TTL |
 * | `P:seq`, `P:maxslot`, `P:stats` | string, string, hash | sequence for compact posting ids; newest slot; counters | permanent |
 * | `P:df:{bucket}` | hash keyDigest (a number) → documents | shared document frequencies (shared-frequencies.ts); ≤ `bucketCap` fields a bucket, the rarest pruned past it | permanent, bounded |
 * | `P:dfn` | string | documents counted in the shared document frequencies | permanent |
 *
 * Retention works on publication time, not on the wall clock: when the newest slot moves on, the
 * commit script deletes (UNLINK) the index and feature buckets of the slots that fell out of
 * the retention (bucket names are computable, no key list is needed). Closed events keep their
 * permanent records; only what finds candidates goes. The Lua scripts in event-store.ts build
 * the same names from the prefix: change both together.
 *
 * Redis Cluster: the decide-and-write section runs Lua scripts that touch many of these keys,
 * so they must hash to one slot. Put a hash tag in the prefix (`{nf}` or `{nf}:pipeline`):
 * Redis hashes only the part inside the first `{…}`, so every key above lands in the same slot and
 * the scripts keep working unchanged. (The dedupe state is one shard then; at our sizes — ≤ 2 KB an
 * article — that is a deliberate choice over cross-slot coordination.)
 */
import { createHash } from 'node:crypto';

export function digest(text: string, hexLength = 16): string {
  return createHash('sha1').update(text).digest('hex').slice(0, hexLength);
}

export interface DedupeKeys {
  prefix: string;
  article(itemId: string): string;
  indexBucket(slot: number, bucket: number): string;
  featureBucket(slot: number, bucket: number): string;
  dupBucket(bucket: number): string;
  slots: string;
  event(eventId: string): string;
  members(eventId: string): string;
  merges(eventId: string): string;
  events: string;
  lock(name: string): string;
  seq: string;
  stats: string;
  /** Shared document frequencies (shared-frequencies.ts). */
  frequencyBucket(bucket: number): string;
  documentCount: string;
}

/**
 * Keys under `${prefix}:dd:` — the `dd` segment keeps them apart from the other users of a shared
 * pipeline prefix (the article store's `doc:`/`body:`, BullMQ's `{queue}:`, fetch's `feed…`/`host`).
 */
export function dedupeKeys(prefix: string): DedupeKeys {
  const p = `${prefix}:dd`;
  return {
    prefix: p,
    article: (itemId) => `${p}:a:${itemId}`,
    indexBucket: (slot, bucket) => `${p}:x:${slot}:${bucket}`,
    featureBucket: (slot, bucket) => `${p}:fb:${slot}:${bucket}`,
    dupBucket: (bucket) => `${p}:d:${bucket}`,
    slots: `${p}:slots`,
    event: (eventId) => `${p}:e:${eventId}`,
    members: (eventId) => `${p}:em:${eventId}`,
    merges: (eventId) => `${p}:mx:${eventId}`,
    events: `${p}:events`,
    lock: (name) => `${p}:lk:${digest(name, 12)}`,
    seq: `${p}:seq`,
    stats: `${p}:stats`,
    frequencyBucket: (bucket) => `${p}:df:${bucket}`,
    documentCount: `${p}:dfn`,
  };
}

/** Event ids are derived from the first article: the same stream gives the same ids, and no ':' (BullMQ-safe). */
/**
 * Where a key lives in a bucketed hash: the bucket (from the first 4 bytes of its SHA-1) and a
 * 7-character field (the next 42 bits, base64url). A collision inside one bucket needs 2^21
 * keys there: far beyond the ≈ 100 a bucket is sized for.
 */
export function bucketRef(key: string, buckets: number): { bucket: number; field: string } {
  const sha = createHash('sha1').update(key).digest();
  return { bucket: sha.readUInt32BE(0) % buckets, field: sha.subarray(4, 10).toString('base64url').slice(0, 7) };
}

/**
 * Where an index key's posting list lives: the bucket (first 4 bytes of its SHA-1) and a field that
 * is a decimal number below 2^23 (the next 23 bits). Redis keeps a field that reads as an integer
 * as one in a listpack: 5 bytes with its length byte, against 9 for a 7-character digest, and a
 * posting list is written ≈ 35 times an article. Two index keys of one bucket share a field with
 * probability ≈ fields² / 2^24 (≈ 1e-4 for the ≈ 40 of a bucket): their lists are merged, which
 * only adds candidates — harmless, unlike the exact-duplicate maps, which keep `bucketRef`'s 42 bits.
 */
export function postingRef(key: string, buckets: number): { bucket: number; field: string } {
  const sha = createHash('sha1').update(key).digest();
  return { bucket: sha.readUInt32BE(0) % buckets, field: String(sha.readUInt32BE(4) >>> 9) };
}

export function slotOf(publishedMs: number, slotMs: number): number {
  return Math.floor(publishedMs / slotMs);
}

/** A sequence number in base 36: the compact id of an article inside posting lists. */
export function seqId(seq: number): string {
  return seq.toString(36);
}

export function eventIdFor(itemId: string): string {
  return `ev-${itemId}`;
}

export function storylineIdFor(eventId: string): string {
  return `sl-${eventId.replace(/^ev-/, '')}`;
}
