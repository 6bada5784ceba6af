import robotsParser from 'robots-parser';
import type { Redis } from 'ioredis';

/**
 * robots.txt per RFC 9309: a 2xx body is obeyed; 4xx (and more than five redirects) means no
 * rules; 5xx, network errors and timeouts mean "disallow everything" until the entry expires.
 */
export type RobotsRecord =
  | { kind: 'allow-all'; status: number }
  | { kind: 'disallow-all'; reason: string }
  | { kind: 'rules'; url: string; body: string };

export interface RobotsCache {
  get(origin: string): Promise<RobotsRecord | undefined>;
  set(origin: string, record: RobotsRecord, ttlMs: number): Promise<void>;
}

/** RFC 9309 allows caching for at most 24 hours. */
export const MAX_ROBOTS_TTL_MS = 24 * 60 * 60 * 1000;
/** RFC 9309 asks crawlers to parse at least 500 KiB; the rest is ignored. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

export function robotsUrlFor(url: URL): URL {
  return new URL('/robots.txt', url.origin);
}

export function recordFromStatus(status: number, robotsUrl: string, body: string): RobotsRecord {
  if (status >= 200 && status < 300) return { kind: 'rules', url: robotsUrl, body };
  if (status >= 400 && status < 500 && status !== 429) return { kind: 'allow-all', status };
  // 5xx, 429 (treated as a server error, as the major crawlers do) and anything unexpected.
  return { kind: 'disallow-all', reason: `robots.txt answered ${status}` };
}

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our product token (or *), in ms, when one is given. */
  crawlDelayMs: number | undefined;
  /** Why, when not allowed. */
  reason?: string;
}

type Robot = ReturnType<typeof robotsParser>;
const parsedRobots = new Map<string, Robot>();
const PARSED_ROBOTS_KEPT = 256;

/** robots-parser output, memoised: the same file is checked on every fetch from its origin. */
function parsed(url: string, body: string): Robot {
  const key = `${url}\n${body}`;
  let robot = parsedRobots.get(key);
  if (robot === undefined) {
    robot = robotsParser(url, body);
    if (parsedRobots.size >= PARSED_ROBOTS_KEPT) {
      const oldest = parsedRobots.keys().next();
      if (oldest.done !== true) parsedRobots.delete(oldest.value);
    }
    parsedRobots.set(key, robot);
  }
  return robot;
}

export function robotsVerdict(record: RobotsRecord, url: URL, productToken: string): RobotsVerdict {
  switch (record.kind) {
    case 'allow-all':
      return { allowed: true, crawlDelayMs: undefined };
    case 'disallow-all':
      return { allowed: false, crawlDelayMs: undefined, reason: record.reason };
    case 'rules': {
      const robots = parsed(record.url, record.body);
      const allowed = robots.isAllowed(url.href, productToken) !== false;
      const delay = robots.getCrawlDelay(productToken);
      const crawlDelayMs = typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? Math.round(delay * 1000) : undefined;
      return allowed
        ? { allowed, crawlDelayMs }
        : { allowed, crawlDelayMs, reason: `robots.txt line ${robots.getMatchingLineNumber(url.href, productToken)} disallows ${url.pathname}` };
    }
  }
}

export function createMemoryRobotsCache(clock: () => number = Date.now): RobotsCache {
  const entries = new Map<string, { record: RobotsRecord; expiresAt: number }>();
  return {
    async get(origin) {
      const entry = entries.get(origin);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= clock()) {
        entries.delete(origin);
        return undefined;
      }
      return entry.record;
    },
    async set(origin, record, ttlMs) {
      entries.set(origin, { record, expiresAt: clock() + Math.min(ttlMs, MAX_ROBOTS_TTL_MS) });
    },
  };
}

/** Shared by every fetch worker: `<prefix>:robots:<origin>` with a TTL of at most 24 h. */
export function createRedisRobotsCache(options: { redis: Redis; prefix: string }): RobotsCache {
  const key = (origin: string) => `${options.prefix}:robots:${origin}`;
  return {
    async get(origin) {
      const value = await options.redis.get(key(origin));
      if (value === null) return undefined;
      try {
        return JSON.parse(value) as RobotsRecord;
      } catch {
        return undefined;
      }
    },
    async set(origin, record, ttlMs) {
      const ttl = Math.max(1, Math.min(Math.round(ttlMs), MAX_ROBOTS_TTL_MS));
      await options.redis.set(key(origin), JSON.stringify(record), 'PX', ttl);
    },
  };
}
