/**
 * The Redis key layout of the dedupe stage. Every key is `${prefix}:…`; nothing else in the
 * package writes a key by hand.
 *
 * | key | type | what | lifetime |
 * |---|---|---|---|
 * | `P:a:{itemId}` | string (JSON) | the article's assignment: event, outcome, evidence, view fields | permanent |
 * | `P:f:{seq}` | string (deflated) | the article's features, its item id and event at assignment | `featureTtlHours` |
 * | `P:i:{indexKey}` | zset seq → publication ms | posting list of one index key, capped, pruned by time | `featureTtlHours`, sliding |
 * | `P:url` / `P:txt` | hash digest → itemId | exact-duplicate maps (canonical URL, text hash) | permanent |
 * | `P:e:{eventId}` | hash | title, firstSeen/lastSeen (ms), n, storyline, redirect `r` after a merge | permanent |
 * | `P:em:{eventId}` | list | member item ids (exact duplicates excluded) | permanent |
 * | `P:mx:{eventId}` | list (JSON) | merge evidence | permanent |
 * | `P:events` | zset eventId → lastSeen ms | open (not absorbed) events, newest first | permanent |
 * | `P:sl:{pair}` | hash | storyline of a strong entity pair: id, last (ms) | `storylineDays` |
 * | `P:lk:{digest}` | string | short lock over one candidate key (see dedupe.ts) | lock TTL |
 * | `P:seq`, `P:stats` | string, hash | sequence for compact posting ids; counters | permanent |
 *
 * Redis Cluster: the decide-and-write section runs Lua scripts that touch many of these keys,
 * so they must hash to one slot. Put a hash tag in the prefix (`{nf}:dedupe` or `{nf:dedupe}`):
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
  features(seq: string): string;
  posting(indexKey: string): string;
  urlMap: string;
  textMap: string;
  event(eventId: string): string;
  members(eventId: string): string;
  merges(eventId: string): string;
  events: string;
  storyline(pair: string): string;
  lock(name: string): string;
  seq: string;
  stats: string;
}

export function dedupeKeys(prefix: string): DedupeKeys {
  const p = prefix;
  return {
    prefix: p,
    article: (itemId) => `${p}:a:${itemId}`,
    features: (seq) => `${p}:f:${seq}`,
    // Index keys can be long (a pivot term, an entity id); they are hashed only when long.
    posting: (indexKey) => `${p}:i:${indexKey.length > 24 ? digest(indexKey) : indexKey}`,
    urlMap: `${p}:url`,
    textMap: `${p}:txt`,
    event: (eventId) => `${p}:e:${eventId}`,
    members: (eventId) => `${p}:em:${eventId}`,
    merges: (eventId) => `${p}:mx:${eventId}`,
    events: `${p}:events`,
    storyline: (pair) => `${p}:sl:${digest(pair, 12)}`,
    lock: (name) => `${p}:lk:${digest(name, 12)}`,
    seq: `${p}:seq`,
    stats: `${p}:stats`,
  };
}

/** Event ids are derived from the first article: the same stream gives the same ids, and no ':' (BullMQ-safe). */
export function eventIdFor(itemId: string): string {
  return `ev-${itemId}`;
}

export function storylineIdFor(eventId: string): string {
  return `sl-${eventId.replace(/^ev-/, '')}`;
}
