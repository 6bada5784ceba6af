import type { RawDocument } from '@newsflow/contracts/documents';
import { describeError } from '@newsflow/contracts/errors';
import { contentHash, itemIdFor } from '@newsflow/contracts/ids';
import type { FetchPayload, SourceRef } from '@newsflow/contracts/payloads';
import { createAddressPolicy, type Resolver } from './address-guard.ts';
import { parseFeed, type ParsedEntry } from './feed-parse.ts';
import { EMPTY_FEED_STATE, entryKeys, type FeedStateStore } from './feed-state.ts';
import { readFileSource } from './file-source.ts';
import { createMemoryHostGate, type HostGate } from './host-gate.ts';
import { createHttpClient } from './http-client.ts';
import { createMemoryRobotsCache, MAX_ROBOTS_TTL_MS, type RobotsCache } from './robots.ts';

/** A page (or a file) fetched: the bytes as received, and what the transport said about them. */
export interface DocumentOutcome {
  kind: 'document';
  raw: RawDocument;
  body: Uint8Array;
}

/** A new feed entry with a link: enqueue `payload` on the fetch queue. */
export interface UrlEntry {
  kind: 'url';
  payload: FetchPayload;
  title: string | undefined;
  publishedAt: string | undefined;
  guid: string | undefined;
}

/**
 * A new feed entry without a link but with content: already a document. Store `raw` + `body`
 * under `raw.itemId` and enqueue the clean stage, as for a fetched page.
 */
export interface InlineEntry {
  kind: 'inline';
  raw: RawDocument;
  body: Uint8Array;
  guid: string | undefined;
}

export type FeedEntry = UrlEntry | InlineEntry;

export interface FeedOutcome {
  kind: 'feed';
  feedId: string;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  /** 200, or 304 when the conditional GET found nothing new. */
  status: number;
  notModified: boolean;
  format: 'rss' | 'atom' | 'json' | undefined;
  title: string | undefined;
  /** Entries not seen before, in feed order. */
  entries: FeedEntry[];
  /** Entries in the feed (new or not). */
  totalEntries: number;
  /**
   * Records the poll: stores ETag/Last-Modified, resets the failure count, marks `entries` as
   * seen and remembers linked entries' feed title and date (set on their RawDocument when the
   * page is fetched with the same `feeds` store). Call it after the entries are enqueued: until then a retry sees them again (job ids are
   * deterministic, so enqueueing twice is harmless), and none is lost if enqueueing fails.
   */
  commit(): Promise<void>;
}

export type FetchOutcome = DocumentOutcome | FeedOutcome;

export interface FetcherOptions {
  /** A page about the crawler and how to reach its operators: sent in the User-Agent. */
  contactUrl: string;
  /** Product token in the User-Agent and for robots.txt groups. Default `newsflow`. */
  productToken?: string;
  /** Version in the User-Agent. Default `0.1`. */
  version?: string;
  /** Largest body kept, counted after decompression (bytes). Default 10 MiB. */
  maxBytes?: number;
  /** Deadline for one HTTP exchange (connect, headers, whole body). Default 30 s. */
  timeoutMs?: number;
  /** Redirects followed, each re-checked. Default 5. */
  maxRedirects?: number;
  /** Addresses (`127.0.0.1`), CIDRs (`10.0.0.0/8`) or hostnames that may be fetched although internal. */
  allow?: readonly string[];
  /** DNS, injectable for tests. Default: the system resolver. */
  resolver?: Resolver;
  /** Per-host politeness. Default: in memory (one process). Use `createRedisHostGate` in workers. */
  hostGate?: HostGate;
  /** Minimum gap between the end of one request to a host and the start of the next. Default 1 s. */
  minGapMs?: number;
  /** Requests at a time per host. Default 1. */
  maxConcurrentPerHost?: number;
  /** How long to wait for a host's turn before giving up (RetryableError). Default 120 s. */
  gateWaitMs?: number;
  /** Crawl-delay honoured up to this. Default 60 s. */
  maxCrawlDelayMs?: number;
  /** Where robots.txt records are cached (Redis in workers); `false` ignores robots.txt. Default: in memory. */
  robots?: RobotsCache | false;
  /** Cache time for robots.txt answers. Default and maximum 24 h. */
  robotsTtlMs?: number;
  /** Cache time for an unreachable/5xx robots.txt (= disallow all). Default 10 min. */
  robotsErrorTtlMs?: number;
  /** Feed state (validators, seen entries, failures). Without it every entry is new and nothing is conditional. */
  feeds?: FeedStateStore;
  /** Base directory for relative file sources. Default: the process's working directory. */
  cwd?: string;
  /**
   * Directories file sources must lie in (after resolving symlinks). Default: anywhere the process
   * can read, as the replay CLI needs; a worker taking payloads from a shared queue should set it.
   */
  fileRoots?: readonly string[];
  /** Clock, for `fetchedAt`. */
  now?: () => Date;
}

export interface Fetcher {
  fetchSource(payload: FetchPayload): Promise<FetchOutcome>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const DOCUMENT_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain', 'text/xml', 'application/xml']);
const FEED_TYPES = new Set([...DOCUMENT_TYPES, 'application/feed+json', 'application/json']);

function isDocumentType(mediaType: string): boolean {
  return DOCUMENT_TYPES.has(mediaType) || /^application\/[a-z0-9.+-]+\+xml$/.test(mediaType);
}

function isFeedType(mediaType: string): boolean {
  return FEED_TYPES.has(mediaType) || /^application\/[a-z0-9.+-]+\+(xml|json)$/.test(mediaType);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A validator worth sending back: printable ASCII of sane length (it becomes a request header). */
function validator(value: string | undefined): string | undefined {
  return value !== undefined && /^[\x20-\x7e]{1,512}$/.test(value) ? value : undefined;
}

export function createFetcher(options: FetcherOptions): Fetcher {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const now = options.now ?? (() => new Date());
  const productToken = options.productToken ?? 'newsflow';
  const userAgent = `${productToken}/${options.version ?? '0.1'} (+${options.contactUrl})`;
  const robotsCache = options.robots === false ? undefined : (options.robots ?? createMemoryRobotsCache());
  const http = createHttpClient({
    userAgent,
    productToken,
    policy: createAddressPolicy(options.allow),
    ...(options.resolver === undefined ? {} : { resolver: options.resolver }),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRedirects: options.maxRedirects ?? 5,
    gate: options.hostGate ?? createMemoryHostGate(),
    minGapMs: options.minGapMs ?? 1_000,
    maxConcurrentPerHost: options.maxConcurrentPerHost ?? 1,
    gateWaitMs: options.gateWaitMs ?? 120_000,
    maxCrawlDelayMs: options.maxCrawlDelayMs ?? 60_000,
    robots:
      robotsCache === undefined
        ? undefined
        : {
            cache: robotsCache,
            ttlMs: Math.min(options.robotsTtlMs ?? MAX_ROBOTS_TTL_MS, MAX_ROBOTS_TTL_MS),
            errorTtlMs: options.robotsErrorTtlMs ?? 10 * 60 * 1000,
          },
    now: () => now().getTime(),
  });

  async function fetchFile(payload: FetchPayload, path: string): Promise<DocumentOutcome> {
    const file = await readFileSource(path, {
      maxBytes,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.fileRoots === undefined ? {} : { roots: options.fileRoots }),
    });
    const raw: RawDocument = {
      itemId: payload.itemId,
      sourceId: payload.sourceId,
      source: payload.source,
      finalUrl: file.finalUrl,
      status: 200,
      contentType: file.contentType,
      fetchedAt: now().toISOString(),
      byteLength: file.body.byteLength,
    };
    return { kind: 'document', raw, body: file.body };
  }

  async function fetchPage(payload: FetchPayload, url: string): Promise<DocumentOutcome> {
    const response = await http.get(url, { maxBytes, accept: isDocumentType });
    const raw: RawDocument = {
      itemId: payload.itemId,
      sourceId: payload.sourceId,
      source: payload.source,
      finalUrl: response.url,
      status: response.status,
      // The HTTP client refuses 2xx answers without an acceptable (declared or sniffed) type.
      contentType: response.mediaType ?? 'application/octet-stream',
      fetchedAt: now().toISOString(),
      byteLength: response.body.byteLength,
    };
    if (response.charset !== undefined) raw.declaredCharset = response.charset;
    if (payload.source.kind === 'url' && payload.source.feedId !== undefined && options.feeds?.entryMeta !== undefined) {
      const meta = await options.feeds.entryMeta(payload.itemId);
      if (meta?.title !== undefined) raw.feedTitle = meta.title;
      if (meta?.publishedAt !== undefined) raw.feedPublishedAt = meta.publishedAt;
    }
    return { kind: 'document', raw, body: response.body };
  }

  function inlineEntry(entry: ParsedEntry, key: string, feed: { url: string; feedId: string; finalUrl: string }, fetchedAt: string): InlineEntry | undefined {
    const html = entry.html;
    const text = entry.text;
    if (html === undefined && text === undefined) return undefined;
    const source: SourceRef = { kind: 'feed', url: feed.url, feedId: feed.feedId };
    const title = entry.title;
    let content: string;
    let contentType: string;
    if (html !== undefined) {
      contentType = 'text/html';
      content = /<html[\s>]/i.test(html)
        ? html
        : `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title ?? '')}</title></head><body>${html}</body></html>`;
    } else {
      contentType = 'text/plain';
      content = title === undefined ? (text ?? '') : `${title}\n\n${text ?? ''}`;
    }
    const body = new TextEncoder().encode(content);
    const raw: RawDocument = {
      itemId: contentHash(`inline:${feed.feedId}:${key}`),
      sourceId: `${feed.url}#${entry.guid ?? key}`,
      source,
      finalUrl: feed.finalUrl,
      status: 200,
      contentType,
      // We decoded the feed and encode its content as UTF-8 again.
      declaredCharset: 'utf-8',
      fetchedAt,
      byteLength: body.byteLength,
    };
    if (entry.publishedAt !== undefined) raw.feedPublishedAt = entry.publishedAt;
    if (title !== undefined) raw.feedTitle = title;
    return { kind: 'inline', raw, body, guid: entry.guid };
  }

  async function fetchFeed(url: string, feedId: string): Promise<FeedOutcome> {
    const store = options.feeds;
    const state = store === undefined ? EMPTY_FEED_STATE : await store.getState(feedId);
    const headers: Record<string, string> = {
      accept: 'application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.1',
    };
    if (state.etag !== undefined) headers['if-none-match'] = state.etag;
    if (state.lastModified !== undefined) headers['if-modified-since'] = state.lastModified;
    const fetchedAt = now().toISOString();
    try {
      const response = await http.get(url, { headers, maxBytes, accept: isFeedType });
      const etag = validator(header(response.headers, 'etag'));
      const lastModified = validator(header(response.headers, 'last-modified'));
      const validators = { ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) };
      if (response.status === 304) {
        return {
          kind: 'feed',
          feedId,
          finalUrl: response.url,
          status: 304,
          notModified: true,
          format: undefined,
          title: undefined,
          entries: [],
          totalEntries: 0,
          commit: async () => {
            await store?.recordSuccess(feedId, { ...validators, changed: false, status: 304, at: fetchedAt });
          },
        };
      }
      const parsed = await parseFeed(response.body, { mediaType: response.mediaType, charset: response.charset, baseUrl: response.url });
      const keyed = parsed.entries.map((entry) => ({ entry, keys: entryKeys(entry) })).filter((e) => e.keys.length > 0);
      const fresh = store === undefined ? keyed.map(() => true) : await store.unseen(feedId, keyed.map((e) => e.keys));
      const entries: FeedEntry[] = [];
      const taken = new Set<string>();
      const newKeys: string[] = [];
      keyed.forEach(({ entry, keys }, index) => {
        if (fresh[index] !== true || keys.some((key) => taken.has(key))) return;
        for (const key of keys) taken.add(key);
        let built: FeedEntry | undefined;
        if (entry.link !== undefined) {
          const source: SourceRef = { kind: 'url', url: entry.link, feedId };
          built = {
            kind: 'url',
            payload: { itemId: itemIdFor(source), sourceId: entry.link, source },
            title: entry.title,
            publishedAt: entry.publishedAt,
            guid: entry.guid,
          };
        } else {
          built = inlineEntry(entry, keys[0] ?? '', { url, feedId, finalUrl: response.url }, fetchedAt);
        }
        if (built === undefined) return;
        entries.push(built);
        newKeys.push(...keys);
      });
      return {
        kind: 'feed',
        feedId,
        finalUrl: response.url,
        status: response.status,
        notModified: false,
        format: parsed.format,
        title: parsed.title,
        entries,
        totalEntries: parsed.entries.length,
        commit: async () => {
          if (store === undefined) return;
          const metas = entries.flatMap((entry) =>
            entry.kind === 'url' && (entry.title !== undefined || entry.publishedAt !== undefined)
              ? [{ itemId: entry.payload.itemId, ...(entry.title === undefined ? {} : { title: entry.title }), ...(entry.publishedAt === undefined ? {} : { publishedAt: entry.publishedAt }) }]
              : [],
          );
          if (metas.length > 0) await store.rememberEntries?.(metas);
          if (newKeys.length > 0) await store.markSeen(feedId, newKeys);
          await store.recordSuccess(feedId, { ...validators, changed: entries.length > 0, status: response.status, at: fetchedAt });
        },
      };
    } catch (error) {
      if (store !== undefined) {
        const { code, message } = describeError(error);
        // The poll's own error matters more than a failure to record it.
        await store.recordFailure(feedId, { code, message, at: fetchedAt }).catch(() => undefined);
      }
      throw error;
    }
  }

  async function fetchSource(payload: FetchPayload): Promise<FetchOutcome> {
    const { source } = payload;
    switch (source.kind) {
      case 'file':
        return fetchFile(payload, source.path);
      case 'url':
        return fetchPage(payload, source.url);
      case 'feed':
        return fetchFeed(source.url, source.feedId);
    }
  }

  return { fetchSource, close: () => http.close() };
}
