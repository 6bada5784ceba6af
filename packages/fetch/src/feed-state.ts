import { contentHash } from '@newsflow/contracts/ids';
import type { ParsedEntry } from './feed-parse.ts';

/** What is remembered about one feed between polls. */
export interface FeedState {
  etag?: string;
  lastModified?: string;
  /** Consecutive failed polls (reset by a success). */
  failures: number;
  /** Consecutive polls that brought nothing new (304 or no new entries). */
  unchanged: number;
  lastFetchedAt?: string;
  lastStatus?: number;
  lastError?: string;
}

export const EMPTY_FEED_STATE: FeedState = { failures: 0, unchanged: 0 };

/** Per-feed state and the set of entries already seen. `feeds.ts` implements it on Redis. */
export interface FeedStateStore {
  getState(feedId: string): Promise<FeedState>;
  recordSuccess(feedId: string, update: { etag?: string; lastModified?: string; changed: boolean; status: number; at: string }): Promise<void>;
  recordFailure(feedId: string, failure: { code: string; message: string; at: string }): Promise<void>;
  /** For each entry (given as its identity keys), whether none of its keys has been seen. */
  unseen(feedId: string, entries: string[][]): Promise<boolean[]>;
  markSeen(feedId: string, keys: string[]): Promise<void>;
  /** Remembers what the feed said about linked entries (title, date) until their page is fetched. */
  rememberEntries?(entries: EntryMeta[]): Promise<void>;
  /** What a feed said about an item, if it came from one. */
  entryMeta?(itemId: string): Promise<EntryMeta | undefined>;
}

export interface EntryMeta {
  itemId: string;
  title?: string;
  publishedAt?: string;
}

/**
 * How long to wait before polling a feed again: the configured interval, doubled per consecutive
 * failure (up to ×64), stretched by half per unchanged poll (up to ×4), never over `maxMs`.
 */
export function nextIntervalMs(state: Pick<FeedState, 'failures' | 'unchanged'>, intervalMs: number, maxMs = 24 * 60 * 60 * 1000): number {
  const failureFactor = 2 ** Math.min(Math.max(0, state.failures), 6);
  const unchangedFactor = Math.min(1 + 0.5 * Math.max(0, state.unchanged), 4);
  return Math.round(Math.min(intervalMs * Math.max(failureFactor, unchangedFactor), Math.max(intervalMs, maxMs)));
}

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$/i;

/** A link in the form two feeds (or two polls) agree on: no fragment, no tracking parameters. */
export function canonicalLink(link: string): string {
  try {
    const url = new URL(link);
    url.hash = '';
    for (const name of [...url.searchParams.keys()]) if (TRACKING.test(name)) url.searchParams.delete(name);
    url.searchParams.sort();
    return url.href;
  } catch {
    return link;
  }
}

/** The identities an entry is recognised by: its GUID, its canonical link, its content. */
export function entryKeys(entry: ParsedEntry): string[] {
  const keys: string[] = [];
  if (entry.guid !== undefined) keys.push(`g:${contentHash(entry.guid)}`);
  if (entry.link !== undefined) keys.push(`l:${contentHash(canonicalLink(entry.link))}`);
  const content = [entry.title ?? '', entry.html ?? entry.text ?? ''].join('\n').trim();
  if (content !== '') keys.push(`h:${contentHash(content)}`);
  return keys;
}

/** In-process store, for unit tests and one-off CLI runs. */
export function createMemoryFeedStateStore(options: { maxSeen?: number } = {}): FeedStateStore {
  const maxSeen = options.maxSeen ?? 10_000;
  const states = new Map<string, FeedState>();
  const metas = new Map<string, EntryMeta>();
  const seen = new Map<string, Set<string>>();
  const seenOf = (feedId: string) => {
    let set = seen.get(feedId);
    if (set === undefined) {
      set = new Set();
      seen.set(feedId, set);
    }
    return set;
  };
  return {
    async getState(feedId) {
      return { ...(states.get(feedId) ?? EMPTY_FEED_STATE) };
    },
    async recordSuccess(feedId, update) {
      const previous = states.get(feedId) ?? EMPTY_FEED_STATE;
      const next: FeedState = {
        failures: 0,
        unchanged: update.changed ? 0 : previous.unchanged + 1,
        lastFetchedAt: update.at,
        lastStatus: update.status,
      };
      const etag = update.etag ?? (update.status === 304 ? previous.etag : undefined);
      const lastModified = update.lastModified ?? (update.status === 304 ? previous.lastModified : undefined);
      if (etag !== undefined) next.etag = etag;
      if (lastModified !== undefined) next.lastModified = lastModified;
      states.set(feedId, next);
    },
    async recordFailure(feedId, failure) {
      const previous = states.get(feedId) ?? EMPTY_FEED_STATE;
      states.set(feedId, { ...previous, failures: previous.failures + 1, lastError: `${failure.code}: ${failure.message}`, lastFetchedAt: failure.at });
    },
    async unseen(feedId, entries) {
      const set = seenOf(feedId);
      return entries.map((keys) => !keys.some((key) => set.has(key)));
    },
    async rememberEntries(entries) {
      for (const meta of entries) metas.set(meta.itemId, meta);
    },
    async entryMeta(itemId) {
      return metas.get(itemId);
    },
    async markSeen(feedId, keys) {
      const set = seenOf(feedId);
      for (const key of keys) {
        set.delete(key);
        set.add(key);
      }
      // Oldest first out: Sets iterate in insertion order.
      for (const key of set) {
        if (set.size <= maxSeen) break;
        set.delete(key);
      }
    },
  };
}
