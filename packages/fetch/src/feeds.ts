import type { Redis } from 'ioredis';
import { PermanentError } from '@newsflow/contracts/errors';
import { feedIdFor } from '@newsflow/contracts/ids';
import { EMPTY_FEED_STATE, nextIntervalMs, type EntryMeta, type FeedState, type FeedStateStore } from './feed-state.ts';

export { nextIntervalMs } from './feed-state.ts';
export type { FeedState } from './feed-state.ts';

/** A feed users subscribed to. Its id is `feedIdFor(url)`: adding the same URL twice is one feed. */
export interface FeedRecord {
  id: string;
  url: string;
  intervalMs: number;
  addedAt: string;
  title?: string;
}

/** What the scheduler needs: the feed, its state, and when to poll it next. */
export interface FeedListing extends FeedRecord {
  state: FeedState;
  /** `nextIntervalMs(state, intervalMs)`: the interval stretched by failures and unchanged polls. */
  nextIntervalMs: number;
}

export interface ImportResult {
  added: FeedRecord[];
  existing: FeedRecord[];
  /** Lines or outlines that were not http(s) URLs. */
  invalid: string[];
}

export interface FeedRegistry extends FeedStateStore {
  add(url: string, options?: { intervalMs?: number; title?: string }): Promise<{ feed: FeedRecord; created: boolean }>;
  get(id: string): Promise<FeedRecord | undefined>;
  list(): Promise<FeedListing[]>;
  /** Forgets the feed, its state and its seen entries. False when there was no such feed. */
  remove(id: string): Promise<boolean>;
  /** Imports OPML (detected by its `<opml` root) or a plain list (one URL a line, `#` comments). */
  importText(text: string, options?: { intervalMs?: number }): Promise<ImportResult>;
}

export interface FeedRegistryOptions {
  redis: Redis;
  /** Key prefix, e.g. `newsflow`. Keys: `<prefix>:feeds` (hash), `<prefix>:feed:<id>:state|seen`. */
  prefix: string;
  /** Default polling interval. 15 min. */
  defaultIntervalMs?: number;
  /** Entry keys remembered per feed (3 per entry: GUID, link, content hash). Default 10,000. */
  maxSeen?: number;
  /** How long a linked entry's feed title and date are kept for its page fetch. Default 7 days. */
  entryMetaTtlMs?: number;
  now?: () => Date;
}

export const MIN_INTERVAL_MS = 1_000;

/** An absolute http(s) URL in normal form, or undefined. */
export function normaliseFeedUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_match, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? '';
  });
}

/** Feed outlines of an OPML document: `<outline xmlUrl="…" title="…">`. */
export function parseOpml(xml: string): Array<{ url: string; title: string | undefined }> {
  if (/<!ENTITY/i.test(xml)) throw new PermanentError('feed.malformed', 'OPML declares XML entities');
  if (!/<opml[\s>]/i.test(xml)) throw new PermanentError('feed.malformed', 'not an OPML document');
  const outlines: Array<{ url: string; title: string | undefined }> = [];
  for (const match of xml.matchAll(/<outline\b([^>]*)>/gi)) {
    const attributes = new Map<string, string>();
    for (const attribute of (match[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes.set((attribute[1] ?? '').toLowerCase(), decodeXmlEntities(attribute[2] ?? attribute[3] ?? ''));
    }
    const url = attributes.get('xmlurl');
    if (url === undefined) continue; // a folder
    outlines.push({ url, title: attributes.get('title') ?? attributes.get('text') });
  }
  return outlines;
}

/** URLs of a plain list: one a line; blank lines and `#` comments ignored. */
export function parsePlainList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function createFeedRegistry(options: FeedRegistryOptions): FeedRegistry {
  const { redis, prefix } = options;
  const defaultIntervalMs = options.defaultIntervalMs ?? 15 * 60 * 1000;
  const maxSeen = options.maxSeen ?? 10_000;
  const now = options.now ?? (() => new Date());
  const feedsKey = `${prefix}:feeds`;
  const stateKey = (id: string) => `${prefix}:feed:${id}:state`;
  const seenKey = (id: string) => `${prefix}:feed:${id}:seen`;
  const metaKey = (itemId: string) => `${prefix}:feed-entry:${itemId}`;
  const entryMetaTtlMs = options.entryMetaTtlMs ?? 7 * 24 * 60 * 60 * 1000;

  function parseRecord(json: string | null): FeedRecord | undefined {
    if (json === null) return undefined;
    try {
      return JSON.parse(json) as FeedRecord;
    } catch {
      return undefined;
    }
  }

  function stateFrom(hash: Record<string, string>): FeedState {
    const state: FeedState = { failures: Number(hash.failures ?? 0) || 0, unchanged: Number(hash.unchanged ?? 0) || 0 };
    if (hash.etag !== undefined) state.etag = hash.etag;
    if (hash.lastModified !== undefined) state.lastModified = hash.lastModified;
    if (hash.lastFetchedAt !== undefined) state.lastFetchedAt = hash.lastFetchedAt;
    if (hash.lastStatus !== undefined) state.lastStatus = Number(hash.lastStatus);
    if (hash.lastError !== undefined) state.lastError = hash.lastError;
    return state;
  }

  async function add(url: string, addOptions: { intervalMs?: number; title?: string } = {}) {
    const normal = normaliseFeedUrl(url);
    if (normal === undefined) throw new PermanentError('payload.invalid', `not an http(s) URL: ${url}`);
    const intervalMs = addOptions.intervalMs ?? defaultIntervalMs;
    if (!Number.isInteger(intervalMs) || intervalMs < MIN_INTERVAL_MS) {
      throw new PermanentError('payload.invalid', `interval must be a whole number of ms ≥ ${MIN_INTERVAL_MS}`);
    }
    const feed: FeedRecord = { id: feedIdFor(normal), url: normal, intervalMs, addedAt: now().toISOString() };
    if (addOptions.title !== undefined && addOptions.title.trim() !== '') feed.title = addOptions.title.trim();
    const created = (await redis.hsetnx(feedsKey, feed.id, JSON.stringify(feed))) === 1;
    if (created) return { feed, created };
    const existing = parseRecord(await redis.hget(feedsKey, feed.id));
    return { feed: existing ?? feed, created };
  }

  async function get(id: string) {
    return parseRecord(await redis.hget(feedsKey, id));
  }

  async function getState(feedId: string): Promise<FeedState> {
    const hash = await redis.hgetall(stateKey(feedId));
    return Object.keys(hash).length === 0 ? { ...EMPTY_FEED_STATE } : stateFrom(hash);
  }

  async function list(): Promise<FeedListing[]> {
    const all = await redis.hgetall(feedsKey);
    const records = Object.values(all)
      .map((json) => parseRecord(json))
      .filter((record): record is FeedRecord => record !== undefined)
      .sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.url.localeCompare(b.url));
    const pipeline = redis.pipeline();
    for (const record of records) pipeline.hgetall(stateKey(record.id));
    const states = (await pipeline.exec()) ?? [];
    return records.map((record, index) => {
      const hash = (states[index]?.[1] ?? {}) as Record<string, string>;
      const state = Object.keys(hash).length === 0 ? { ...EMPTY_FEED_STATE } : stateFrom(hash);
      return { ...record, state, nextIntervalMs: nextIntervalMs(state, record.intervalMs) };
    });
  }

  async function remove(id: string): Promise<boolean> {
    const [[, removed] = []] = ((await redis.multi().hdel(feedsKey, id).del(stateKey(id), seenKey(id)).exec()) ?? []) as [unknown, unknown][];
    return removed === 1;
  }

  async function importText(text: string, importOptions: { intervalMs?: number } = {}): Promise<ImportResult> {
    const candidates = /<opml[\s>]/i.test(text) ? parseOpml(text) : parsePlainList(text).map((url) => ({ url, title: undefined }));
    const result: ImportResult = { added: [], existing: [], invalid: [] };
    for (const candidate of candidates) {
      if (normaliseFeedUrl(candidate.url) === undefined) {
        result.invalid.push(candidate.url);
        continue;
      }
      const { feed, created } = await add(candidate.url, {
        ...(importOptions.intervalMs === undefined ? {} : { intervalMs: importOptions.intervalMs }),
        ...(candidate.title === undefined ? {} : { title: candidate.title }),
      });
      (created ? result.added : result.existing).push(feed);
    }
    return result;
  }

  const store: FeedStateStore = {
    getState,
    async recordSuccess(feedId, update) {
      const key = stateKey(feedId);
      const multi = redis.multi();
      multi.hset(key, { failures: '0', lastFetchedAt: update.at, lastStatus: String(update.status) });
      multi.hdel(key, 'lastError');
      if (update.changed) multi.hset(key, 'unchanged', '0');
      else multi.hincrby(key, 'unchanged', 1);
      if (update.etag !== undefined) multi.hset(key, 'etag', update.etag);
      else if (update.status !== 304) multi.hdel(key, 'etag');
      if (update.lastModified !== undefined) multi.hset(key, 'lastModified', update.lastModified);
      else if (update.status !== 304) multi.hdel(key, 'lastModified');
      await multi.exec();
    },
    async recordFailure(feedId, failure) {
      const key = stateKey(feedId);
      await redis
        .multi()
        .hincrby(key, 'failures', 1)
        .hset(key, { lastError: `${failure.code}: ${failure.message}`.slice(0, 500), lastFetchedAt: failure.at })
        .exec();
    },
    async unseen(feedId, entries) {
      const flat = entries.flat();
      if (flat.length === 0) return entries.map(() => true);
      const scores = (await redis.zmscore(seenKey(feedId), ...flat)) as (string | null)[];
      let offset = 0;
      return entries.map((keys) => {
        const seen = keys.some((_key, index) => scores[offset + index] !== null && scores[offset + index] !== undefined);
        offset += keys.length;
        return !seen;
      });
    },
    async rememberEntries(entries: EntryMeta[]) {
      if (entries.length === 0) return;
      const multi = redis.multi();
      for (const meta of entries) multi.set(metaKey(meta.itemId), JSON.stringify(meta), 'PX', entryMetaTtlMs);
      await multi.exec();
    },
    async entryMeta(itemId: string) {
      const json = await redis.get(metaKey(itemId));
      if (json === null) return undefined;
      try {
        return JSON.parse(json) as EntryMeta;
      } catch {
        return undefined;
      }
    },
    async markSeen(feedId, keys) {
      if (keys.length === 0) return;
      const key = seenKey(feedId);
      const score = now().getTime();
      const members: (string | number)[] = [];
      for (const member of keys) members.push(score, member);
      await redis
        .multi()
        .zadd(key, ...members)
        .zremrangebyrank(key, 0, -(maxSeen + 1))
        .exec();
    },
  };

  return { add, get, list, remove, importText, ...store };
}
