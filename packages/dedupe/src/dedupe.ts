/**
 * The dedupe stage: exact duplicates, near-duplicates and online event clustering over a Redis
 * inverted index. See keys.ts for the key layout, cluster.ts for the decision, event-store.ts for
 * the atomic commit.
 *
 * ## Concurrency: several workers give the result of one
 *
 * `assign` is: compute features (no Redis, no lock) → lock → read candidates → decide → commit →
 * unlock. The lock is an all-or-nothing set of short Redis locks (lock.ts) over every key that
 * can connect this article to another one: its item id, its canonical-URL digest, its text hash,
 * every index key it is posted under, and its storyline keys. Two articles can only see each
 * other through a key they share (the candidates of an article are exactly the articles sharing
 * one of its index keys; its duplicates share its URL or hash), so any two articles that could
 * influence each other's decision are serialised, and articles with disjoint keys run in parallel.
 * Two jobs for the same item serialise on the item key and the second finds the record: 'unchanged'.
 *
 * What is *not* covered by those locks is event state touched through a third article: article A
 * decides to join event E while article B (with other keys) merges E into F. That is made safe by
 * the commit being one Lua script that resolves event redirects itself and writes everything at
 * once: A's membership lands in F, never in a dead E, and a merge moves members atomically.
 * The commit also re-checks the lock token on every lock key (fencing): if a slow worker's locks
 * expired and someone else took them, it writes nothing and decides again.
 */
import type { Redis } from 'ioredis';
import type { DedupeInput, DedupeResult, EventView } from '@newsflow/contracts/documents';
import { RetryableError } from '@newsflow/contracts/errors';
import type { Similarity, ArticleFeatures } from './similarity.ts';
import { bucketRef, dedupeKeys, eventIdFor, postingRef, slotOf, storylineIdFor } from './keys.ts';
import { compactFeatures, encodeFeatures } from './codec.ts';
import { acquireLockWith, defineLockCommands } from './lock.ts';
import { FeatureCache, defineIndexCommands, lockAndRead, readFeatures, type FeatureReadCounters } from './index-store.ts';
import { decide, rankCandidates, type Candidate, type Decision } from './cluster.ts';
import { storylineKeys } from './storyline.ts';
import {
  commit,
  defineEventCommands,
  encodeArticleRecord,
  readArticle,
  readCandidateEvents,
  readEventView,
  resolveEvent,
  type ArticleRecord,
  type CommitPlan,
} from './event-store.ts';

export interface DedupeLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface DedupeOptions {
  redis: Redis;
  /** Every key is `${prefix}:dd:…`. For Redis Cluster put a hash tag in it, e.g. `{nf}` (see keys.ts). */
  prefix: string;
  similarity: Similarity;
  clock?: () => Date;
  logger?: DedupeLogger;
  /** An event takes articles published within this many hours of its first/last article (default 36). */
  eventWindowHours?: number;
  /** Posting list length per index key and slot (default 10; ≤ 10 keeps a list within 64 bytes). */
  postingCap?: number;
  /** Candidates compared with `similarity.compare` per article (default 40). */
  maxCandidates?: number;
  /** Length of an index time slot in hours (default 24); see index-store.ts. */
  indexSlotHours?: number;
  /**
   * Hashes per slot for posting lists (default 4096) and features (default 256), and for the
   * exact-duplicate maps (default 4096). Size posting buckets ≈ articles a slot × 35 / 100 so that
   * they stay listpack-encoded (≤ 128 fields); bigger days still work, with more memory.
   */
  indexBuckets?: number;
  featureBuckets?: number;
  duplicateBuckets?: number;
  /** Hashes for the storyline pairs (default 1024: ≈ 100k pairs inside the storyline TTL stay listpacks). */
  storylineBuckets?: number;
  /** Decoded features kept in process for reuse (default 20000; 0 turns the cache off). */
  featureCacheSize?: number;
  /** Terms (and native terms) kept of each article for later comparisons (default 32); see codec.ts. */
  termsKept?: number;
  /** Bits kept of each MinHash value (default 8, b-bit MinHash); see codec.ts. */
  minhashBits?: number;
  /** MinHash agreement for a near-duplicate (default 0.8). */
  nearDuplicateThreshold?: number;
  /** Score at which a second open event is merged (default: similarity.threshold + 0.1). */
  mergeThreshold?: number;
  /** Events of one storyline are at most this many days apart (default 21). */
  storylineDays?: number;
  /** Lock time-to-live and the longest wait for it (default 10 s and 30 s). */
  lockTtlMs?: number;
  lockWaitMs?: number;
  /** Where to count the work of each `assign` (off when absent); see `createDedupeCounters`. */
  counters?: DedupeCounters;
}

/**
 * The work behind `assign`, summed over calls: how many candidates it looked up and compared,
 * where their features came from, and wall time by phase (ms). For benchmarks and diagnostics.
 */
export interface DedupeCounters extends FeatureReadCounters {
  assigns: number;
  /** Posting ids read (all slots, all keys, before ranking). */
  postingsRead: number;
  /** Distinct candidates found in the postings, and those kept by the ranking. */
  candidatesFound: number;
  candidatesRanked: number;
  /** Candidates handed to the decision (features still stored, event found). */
  candidatesCompared: number;
  phaseMs: { features: number; lockRead: number; fetch: number; decide: number; commit: number };
}

export function createDedupeCounters(): DedupeCounters {
  return {
    assigns: 0,
    postingsRead: 0,
    candidatesFound: 0,
    candidatesRanked: 0,
    candidatesCompared: 0,
    cacheHits: 0,
    cacheMisses: 0,
    decodes: 0,
    bytesRead: 0,
    decodeMs: 0,
    phaseMs: { features: 0, lockRead: 0, fetch: 0, decide: 0, commit: 0 },
  };
}

export interface Dedupe {
  assign(input: DedupeInput): Promise<DedupeResult>;
  /** Events, newest (by last article) first; `since` keeps events with an article at or after it. */
  events(query?: { limit?: number; since?: string }): Promise<EventView[]>;
  event(id: string): Promise<EventView | undefined>;
  eventOf(itemId: string): Promise<string | undefined>;
  /** Articles counted (exact duplicates are not) and live events (absorbed ones are not). */
  stats(): Promise<{ articles: number; events: number }>;
  /**
   * Import an article into a known group (`groupKey`: the first article of a group starts its
   * event) without lookup, comparison or lock, through the same commit script as `assign`. For a
   * single writer only: importing an already clustered corpus, and filling the benchmark's index.
   */
  bulkLoad(input: DedupeInput, groupKey: string): Promise<DedupeResult>;
}

const HOUR = 3_600_000;
const noop = () => {};
const silent: DedupeLogger = { info: noop, warn: noop, error: noop, debug: noop };

/**
 * Publication time, else fetch time, else now. A date more than a day after the fetch is a page's
 * mistake (or a time zone's): it is cut to fetch time + 1 day, because the newest publication
 * slot drives the index sweep and one article "from 2099" would otherwise sweep the whole index.
 */
function publishedMsOf(features: ArticleFeatures, input: DedupeInput, now: () => Date): number {
  const fetchedMs = Date.parse(input.fetchedAt);
  const latest = (Number.isFinite(fetchedMs) ? fetchedMs : now().getTime()) + 24 * HOUR;
  for (const c of [features.publishedAt, input.clean.publishedAt, input.fetchedAt]) {
    const ms = c ? Date.parse(c) : NaN;
    if (Number.isFinite(ms)) return Math.min(ms, latest);
  }
  return now().getTime();
}

export function createDedupe(options: DedupeOptions): Dedupe {
  const { redis, similarity } = options;
  const keys = dedupeKeys(options.prefix);
  const logger = options.logger ?? silent;
  const clock = options.clock ?? (() => new Date());
  const windowMs = (options.eventWindowHours ?? 36) * HOUR;
  const postingCap = options.postingCap ?? 10;
  const maxCandidates = options.maxCandidates ?? 40;
  const slotMs = Math.round((options.indexSlotHours ?? 24) * HOUR);
  // Live slots must cover every lookup window [t - W, t + W] of an article in the newest slot, plus
  // one slot of slack: the newest slot is set by the newest publication time seen, which runs ahead
  // of the bulk of a stream that is not in publication order (the benchmark's ran ≈ 2 days ahead).
  const keepSlots = Math.ceil((2 * windowMs) / slotMs) + 2;
  const indexBuckets = options.indexBuckets ?? 4096;
  const featureBuckets = options.featureBuckets ?? 256;
  const duplicateBuckets = options.duplicateBuckets ?? 4096;
  const storylineBuckets = options.storylineBuckets ?? 1024;
  const termsKept = options.termsKept ?? 32;
  const minhashBits = options.minhashBits ?? 8;
  const cache = new FeatureCache(options.featureCacheSize ?? 20_000);
  const nearDuplicateThreshold = options.nearDuplicateThreshold ?? 0.8;
  const mergeThreshold = options.mergeThreshold ?? Math.min(1, similarity.threshold + 0.1);
  const storylineWindowMs = (options.storylineDays ?? 21) * 24 * HOUR;
  const lockTtlMs = options.lockTtlMs ?? 10_000;
  const lockWaitMs = options.lockWaitMs ?? 30_000;
  const counters = options.counters;
  const now = () => (counters ? performance.now() : 0);
  defineLockCommands(redis);
  defineEventCommands(redis);
  defineIndexCommands(redis);
  const urlRef = (url: string) => bucketRef(`u:${url}`, duplicateBuckets);
  const textRef = (hash: string) => bucketRef(`t:${hash}`, duplicateBuckets);

  async function unchanged(itemId: string, record: ArticleRecord): Promise<DedupeResult> {
    const eventId = await resolveEvent(redis, keys, record.e);
    return { itemId, outcome: 'unchanged', eventId, ...(record.d ? { duplicateOf: record.d } : {}), evidence: record.v };
  }

  async function exactDuplicateOf(
    features: ArticleFeatures,
    byUrl: string | undefined,
    byText: string | undefined,
  ): Promise<{ original: string; record: ArticleRecord; reason: string } | undefined> {
    for (const [original, reason] of [
      [byUrl, 'same canonical URL'],
      [byText, 'same normalised text'],
    ] as const) {
      if (!original || original === features.itemId) continue;
      const record = await readArticle(redis, keys, original);
      if (record) return { original, record, reason };
    }
    return undefined;
  }

  function storylineArgs(input: DedupeInput): (number | string)[] {
    return storylineKeys(input.entities.entities).flatMap((pair) => {
      const ref = bucketRef(`sl:${pair}`, storylineBuckets);
      return [ref.bucket, ref.field];
    });
  }

  function postingArgs(features: ArticleFeatures): (number | string)[] {
    return [...new Set(features.indexKeys)].flatMap((k) => {
      const ref = postingRef(k, indexBuckets);
      return [ref.bucket, ref.field];
    });
  }

  function basePlanOf(input: DedupeInput, features: ArticleFeatures, publishedMs: number) {
    const text = textRef(features.textHash);
    const url = features.canonicalUrl ? urlRef(features.canonicalUrl) : undefined;
    return {
      item: input.itemId,
      pubMs: String(publishedMs),
      textBucket: text.bucket,
      textField: text.field,
      ...(url ? { urlBucket: url.bucket, urlField: url.field } : {}),
      slot: String(slotOf(publishedMs, slotMs)),
      cap: postingCap,
      keepSlots,
      indexBuckets,
      featureBuckets,
      storylineWindowMs,
      storylineTtlMs: storylineWindowMs * 2,
      storylineBucketCap: 100,
    };
  }

  const bulkEvents = new Map<string, string>();

  function lookupSlots(publishedMs: number): number[] {
    const slots: number[] = [];
    for (let s = slotOf(publishedMs - windowMs, slotMs); s <= slotOf(publishedMs + windowMs, slotMs); s++) slots.push(s);
    return slots;
  }

  async function candidatesFor(postings: string[][]): Promise<Candidate[]> {
    const ids = rankCandidates(postings, maxCandidates);
    if (counters) {
      let read = 0;
      const found = new Set<string>();
      for (const list of postings) for (const id of list) (read++, found.add(id));
      counters.postingsRead += read;
      counters.candidatesFound += found.size;
      counters.candidatesRanked += ids.length;
    }
    const stored = await readFeatures(redis, keys, ids, featureBuckets, cache, counters);
    const events = await readCandidateEvents(redis, keys, stored.map((s) => s.eventId));
    const out: Candidate[] = [];
    for (const s of stored) {
      const event = events.get(s.eventId);
      if (!event) continue;
      out.push({ itemId: s.itemId, features: s.features, event, ...(s.duplicateOf ? { duplicateOf: s.duplicateOf } : {}) });
    }
    if (counters) counters.candidatesCompared += out.length;
    return out;
  }

  function recordOf(input: DedupeInput, features: ArticleFeatures, outcome: ArticleRecord['o'], eventId: string, decision: { duplicateOf?: string; evidence: ArticleRecord['v'] }): ArticleRecord {
    const record: ArticleRecord = {
      e: eventId,
      o: outcome,
      s: input.sourceId,
      l: features.language,
      t: input.clean.title.slice(0, 300),
      v: decision.evidence,
      x: input.entities.entities.map((e) => [e.id, e.name, e.kind]),
    };
    if (input.clean.publishedAt) record.p = input.clean.publishedAt;
    if (decision.duplicateOf) record.d = decision.duplicateOf;
    return record;
  }

  async function assignOnce(input: DedupeInput, features: ArticleFeatures, lockNames: string[]): Promise<DedupeResult | 'retry'> {
    const itemId = input.itemId;
    const publishedMs = publishedMsOf(features, input, clock);
    const text = textRef(features.textHash);
    const url = features.canonicalUrl ? urlRef(features.canonicalUrl) : undefined;
    // One round trip takes the lock and reads the item's own record, the duplicate maps and the
    // posting lists.
    const tLock = now();
    const { lock, value: read } = await acquireLockWith(redis, lockNames.map(keys.lock), { ttlMs: lockTtlMs, waitMs: lockWaitMs }, (sorted, token) =>
      lockAndRead(redis, keys, sorted, token, lockTtlMs, {
        itemId,
        text,
        ...(url ? { url } : {}),
        indexKeys: features.indexKeys,
        slots: lookupSlots(publishedMs),
        buckets: indexBuckets,
      }),
    );
    if (counters) counters.phaseMs.lockRead += now() - tLock;
    let released = false;
    try {
      if (read.recorded) {
        const record = await readArticle(redis, keys, itemId);
        if (record) return await unchanged(itemId, record);
      }
      const duplicate = await exactDuplicateOf(features, read.byUrl, read.byText);

      const basePlan = basePlanOf(input, features, publishedMs);

      if (duplicate) {
        const eventId = await resolveEvent(redis, keys, duplicate.record.e);
        const evidence = { score: 1, matchedItemId: duplicate.original, sharedEntities: [], sharedTerms: [], reason: `duplicate: ${duplicate.reason} as ${duplicate.original}` };
        const record = recordOf(input, features, 'duplicate', eventId, { duplicateOf: duplicate.original, evidence });
        const plan: CommitPlan = { ...basePlan, outcome: 'duplicate', eventId, postings: [], merges: [], storylines: [], newStorylineId: '' };
        const result = await commit(redis, keys, lock, plan, encodeArticleRecord(itemId, record), Buffer.alloc(0));
        if (result.status === 'ok') released = true;
        if (result.status === 'lost-lock') return 'retry';
        if (result.status === 'exists') return await unchanged(itemId, (await readArticle(redis, keys, itemId))!);
        return { itemId, outcome: 'duplicate', eventId: result.eventId, duplicateOf: duplicate.original, evidence };
      }

      const tFetch = now();
      const candidates = await candidatesFor(read.postings);
      const tDecide = now();
      const decision: Decision = decide({ ...features, publishedAt: new Date(publishedMs).toISOString() }, candidates, {
        similarity,
        windowMs,
        nearDuplicateThreshold,
        mergeThreshold,
      });
      const tCommit = now();
      if (counters) {
        counters.phaseMs.fetch += tDecide - tFetch;
        counters.phaseMs.decide += tCommit - tDecide;
      }
      const eventId = decision.kind === 'new-event' ? eventIdFor(itemId) : decision.eventId;
      const duplicateOf = decision.kind === 'near-duplicate' ? decision.duplicateOf : undefined;
      const record = recordOf(input, features, decision.kind, eventId, { ...(duplicateOf ? { duplicateOf } : {}), evidence: decision.evidence });
      const plan: CommitPlan = {
        ...basePlan,
        outcome: decision.kind,
        eventId,
        postings: postingArgs(features),
        merges:
          decision.kind === 'joined-event'
            ? decision.merges.map((m) => ({ id: m.absorbedEventId, evidence: JSON.stringify({ ...m.evidence, itemId }) }))
            : [],
        storylines: storylineArgs(input),
        newStorylineId: storylineIdFor(eventId),
      };
      const blob = encodeFeatures({ itemId, eventId, features, ...(duplicateOf ? { duplicateOf } : {}) });
      const result = await commit(redis, keys, lock, plan, encodeArticleRecord(itemId, record), blob);
      if (counters) counters.phaseMs.commit += now() - tCommit;
      if (result.status === 'ok') released = true;
      if (result.status === 'lost-lock') return 'retry';
      if (result.status === 'exists') return await unchanged(itemId, (await readArticle(redis, keys, itemId))!);
      if (decision.kind === 'joined-event' && decision.merges.length > 0) {
        logger.info({ itemId, eventId: result.eventId, merged: decision.merges.map((m) => m.absorbedEventId) }, 'events merged');
      }
      return {
        itemId,
        outcome: decision.kind,
        eventId: result.eventId,
        ...(duplicateOf ? { duplicateOf } : {}),
        evidence: decision.evidence,
      };
    } finally {
      // A successful commit released the locks itself (saves a round trip).
      if (!released) await lock.release();
    }
  }

  const importance = similarity.termImportance?.bind(similarity);

  return {
    async assign(input) {
      const existing = await readArticle(redis, keys, input.itemId);
      if (existing) return unchanged(input.itemId, existing);
      const tFeatures = now();
      const features = compactFeatures(similarity.features(input), termsKept, minhashBits, importance);
      if (counters) {
        counters.assigns++;
        counters.phaseMs.features += now() - tFeatures;
      }
      const lockNames = [
        `item:${input.itemId}`,
        `txt:${features.textHash}`,
        ...(features.canonicalUrl ? [`url:${features.canonicalUrl}`] : []),
        ...features.indexKeys.map((k) => `ix:${k}`),
        ...storylineKeys(input.entities.entities).map((k) => `sl:${k}`),
      ];
      for (let attempt = 0; attempt < 5; attempt++) {
        const result = await assignOnce(input, features, lockNames);
        if (result !== 'retry') {
          logger.debug({ itemId: input.itemId, outcome: result.outcome, eventId: result.eventId }, 'dedupe assigned');
          return result;
        }
        logger.warn({ itemId: input.itemId, attempt }, 'dedupe lock expired before commit; deciding again');
      }
      throw new RetryableError('internal', `dedupe of ${input.itemId} lost its lock 5 times`, { details: { itemId: input.itemId } });
    },

    async bulkLoad(input, groupKey) {
      const features = compactFeatures(similarity.features(input), termsKept, minhashBits, importance);
      const publishedMs = publishedMsOf(features, input, clock);
      const known = bulkEvents.get(groupKey);
      const eventId = known ?? eventIdFor(input.itemId);
      bulkEvents.set(groupKey, eventId);
      const outcome = known ? 'joined-event' : 'new-event';
      const evidence = { score: 1, sharedEntities: [], sharedTerms: [], reason: `bulk load of group ${groupKey}` };
      const record = recordOf(input, features, outcome, eventId, { evidence });
      const plan: CommitPlan = {
        ...basePlanOf(input, features, publishedMs),
        outcome,
        eventId,
        postings: postingArgs(features),
        merges: [],
        storylines: storylineArgs(input),
        newStorylineId: storylineIdFor(eventId),
      };
      const result = await commit(
        redis,
        keys,
        { keys: [], token: '' },
        plan,
        encodeArticleRecord(input.itemId, record),
        encodeFeatures({ itemId: input.itemId, eventId, features }),
      );
      return { itemId: input.itemId, outcome: result.status === 'ok' ? outcome : 'unchanged', eventId: result.eventId || eventId, evidence };
    },

    async events(query = {}) {
      const limit = query.limit ?? 50;
      const min = query.since ? Date.parse(query.since) : -Infinity;
      const ids = await redis.zrange(keys.events, '+inf', Number.isFinite(min) ? String(min) : '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, limit);
      const views = await Promise.all(ids.map((id) => readEventView(redis, keys, id)));
      return views.filter((v): v is EventView => v !== undefined);
    },

    event(id) {
      return readEventView(redis, keys, id);
    },

    async eventOf(itemId) {
      const record = await readArticle(redis, keys, itemId);
      return record ? resolveEvent(redis, keys, record.e) : undefined;
    },

    async stats() {
      const [articles, events] = await redis.hmget(keys.stats, 'articles', 'events');
      return { articles: Number(articles ?? 0), events: Number(events ?? 0) };
    },
  };
}
