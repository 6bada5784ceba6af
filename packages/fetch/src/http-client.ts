import { pipeline } from 'node:stream/promises';
import { Transform, Writable, type Readable } from 'node:stream';
import { constants as zlibConstants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'undici';
import { PermanentError, RetryableError, StageError } from '@newsflow/contracts/errors';
import { checkUrlTarget, guardedLookup, type AddressPolicy, type Resolver } from './address-guard.ts';
import type { HostGate } from './host-gate.ts';
import { parseRetryAfter } from './retry-after.ts';
import {
  MAX_ROBOTS_TTL_MS,
  ROBOTS_MAX_BYTES,
  recordFromStatus,
  robotsUrlFor,
  robotsVerdict,
  type RobotsCache,
  type RobotsRecord,
} from './robots.ts';
import { sniffMediaType } from './sniff.ts';

export interface HttpClientOptions {
  userAgent: string;
  /** The token robots.txt groups are matched against (`newsflow`). */
  productToken: string;
  policy: AddressPolicy;
  resolver?: Resolver;
  /** Deadline for one exchange: connect, headers and the whole body. */
  timeoutMs: number;
  maxRedirects: number;
  gate: HostGate;
  minGapMs: number;
  maxConcurrentPerHost: number;
  gateWaitMs: number;
  maxCrawlDelayMs: number;
  /** robots.txt handling; `undefined` = not consulted (only for explicit one-off tools). */
  robots: { cache: RobotsCache; ttlMs: number; errorTtlMs: number } | undefined;
  now: () => number;
}

export interface GetOptions {
  headers?: Record<string, string>;
  /** Cap on the decoded body. */
  maxBytes: number;
  /** Which declared (or sniffed) media types are acceptable for a 2xx answer. */
  accept: (mediaType: string) => boolean;
}

export interface HttpResponse {
  /** The URL that answered, after redirects. */
  url: string;
  /** 2xx, or 304 for a conditional request. */
  status: number;
  /** Media type without parameters, lower-case; sniffed when the server declared none. */
  mediaType: string | undefined;
  charset: string | undefined;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
  /** Every URL redirected through, in order. */
  redirects: string[];
}

interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  mediaType: string | undefined;
  charset: string | undefined;
  body: Uint8Array;
}

const ACCEPT =
  'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function parseContentType(value: string | undefined): { mediaType: string | undefined; charset: string | undefined } {
  if (value === undefined || value.trim() === '') return { mediaType: undefined, charset: undefined };
  const [type = '', ...params] = value.split(';');
  let charset: string | undefined;
  for (const param of params) {
    const [name, ...rest] = param.split('=');
    if (name?.trim().toLowerCase() === 'charset') {
      const raw = rest.join('=').trim().replace(/^"(.*)"$/, '$1').toLowerCase();
      if (raw !== '') charset = raw;
    }
  }
  const mediaType = type.trim().toLowerCase();
  return { mediaType: mediaType === '' ? undefined : mediaType, charset };
}

function findStageError(error: unknown): StageError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof StageError) return current;
    if (current instanceof AggregateError) {
      const inner = current.errors.find((e) => findStageError(e) !== undefined);
      if (inner !== undefined) return findStageError(inner);
    }
    current = typeof current === 'object' && 'cause' in current ? (current as { cause?: unknown }).cause : undefined;
  }
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** Drops a body we will not read; undici reports the destroy as an error nobody needs. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Stop marker for truncating reads (robots.txt). */
class Enough extends Error {}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
    case 'deflate':
      return createInflate({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

/**
 * Reads a body, undoing Content-Encoding ourselves so that the cap counts decoded bytes: a gzip
 * bomb stops at `maxBytes` of output. `truncate` keeps the first `maxBytes` instead of failing.
 */
async function readBody(
  body: Readable,
  headers: IncomingHttpHeaders,
  options: { maxBytes: number; truncate: boolean; signal: AbortSignal; url: string },
): Promise<Uint8Array> {
  const encodings = (header(headers, 'content-encoding') ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  if (encodings.length > 2) {
    throw new PermanentError('fetch.unsupported_type', `too many content encodings: ${encodings.join(', ')}`, { details: { url: options.url } });
  }
  const decoders: Transform[] = [];
  for (const encoding of encodings.reverse()) {
    const decoder = decoderFor(encoding);
    if (decoder === undefined) {
      throw new PermanentError('fetch.unsupported_type', `unsupported content encoding ${encoding}`, { details: { url: options.url, encoding } });
    }
    decoders.push(decoder);
  }
  // The encoded bytes count too: a stream of empty gzip members decodes to nothing, forever.
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > options.maxBytes && !options.truncate) {
        callback(new PermanentError('fetch.too_large', `body of ${options.url} exceeds ${options.maxBytes} bytes (encoded)`, { details: { url: options.url, maxBytes: options.maxBytes } }));
        return;
      }
      callback(null, chunk);
    },
  });
  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const room = options.maxBytes - total;
      if (chunk.length > room) {
        if (options.truncate) {
          if (room > 0) chunks.push(chunk.subarray(0, room));
          total += Math.max(0, room);
          callback(new Enough());
          return;
        }
        total += chunk.length;
        callback(
          new PermanentError('fetch.too_large', `body of ${options.url} exceeds ${options.maxBytes} bytes (decoded)`, {
            details: { url: options.url, maxBytes: options.maxBytes },
          }),
        );
        return;
      }
      total += chunk.length;
      chunks.push(chunk);
      callback();
    },
  });
  try {
    await pipeline([body, counter, ...decoders, sink], { signal: options.signal });
  } catch (error) {
    if (!(error instanceof Enough)) throw error;
  }
  return Buffer.concat(chunks, Math.min(total, options.maxBytes));
}

export interface HttpClient {
  get(url: string, options: GetOptions): Promise<HttpResponse>;
  close(): Promise<void>;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const agent = new Agent({
    connect: { lookup: guardedLookup(options.policy, options.resolver), timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 4_000,
  });

  /** One request/response, under the whole-exchange deadline. Non-2xx bodies are discarded. */
  async function exchange(
    url: URL,
    request_: { headers: Record<string, string>; maxBytes: number; truncate: boolean; accept?: (mediaType: string) => boolean },
  ): Promise<Exchange> {
    checkUrlTarget(options.policy, url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await request(url, {
        method: 'GET',
        dispatcher: agent,
        signal: controller.signal,
        headers: {
          'user-agent': options.userAgent,
          accept: ACCEPT,
          'accept-encoding': 'gzip, deflate, br',
          ...request_.headers,
        },
      });
      const { statusCode: status, headers } = response;
      const { mediaType, charset } = parseContentType(header(headers, 'content-type'));
      if (status < 200 || status >= 300) {
        discard(response.body);
        return { status, headers, mediaType, charset, body: new Uint8Array(0) };
      }
      if (mediaType !== undefined && request_.accept !== undefined && !request_.accept(mediaType)) {
        discard(response.body);
        throw new PermanentError('fetch.unsupported_type', `${url.href} is ${mediaType}`, { details: { url: url.href, contentType: mediaType } });
      }
      const declaredLength = Number(header(headers, 'content-length'));
      if (!request_.truncate && encodingless(headers) && Number.isFinite(declaredLength) && declaredLength > request_.maxBytes) {
        discard(response.body);
        throw new PermanentError('fetch.too_large', `${url.href} announces ${declaredLength} bytes, over ${request_.maxBytes}`, {
          details: { url: url.href, contentLength: declaredLength, maxBytes: request_.maxBytes },
        });
      }
      const body = await readBody(response.body, headers, {
        maxBytes: request_.maxBytes,
        truncate: request_.truncate,
        signal: controller.signal,
        url: url.href,
      });
      let finalType = mediaType;
      if (finalType === undefined && request_.accept !== undefined) {
        finalType = sniffMediaType(body);
        if (finalType === undefined || !request_.accept(finalType)) {
          throw new PermanentError('fetch.unsupported_type', `${url.href} declares no type and does not look like text`, { details: { url: url.href } });
        }
      }
      return { status, headers, mediaType: finalType, charset, body };
    } catch (error) {
      const stage = findStageError(error);
      if (stage !== undefined) throw stage;
      if (controller.signal.aborted) {
        throw new RetryableError('fetch.timeout', `${url.href} did not finish within ${options.timeoutMs} ms`, {
          cause: error,
          details: { url: url.href, timeoutMs: options.timeoutMs },
        });
      }
      const code = errorCode(error);
      throw new RetryableError('fetch.network', `${url.href}: ${code ?? (error instanceof Error ? error.message : String(error))}`, {
        cause: error,
        details: { url: url.href, code },
      });
    } finally {
      clearTimeout(timer);
    }
  }

  function encodingless(headers: IncomingHttpHeaders): boolean {
    const encoding = header(headers, 'content-encoding');
    return encoding === undefined || encoding.trim().toLowerCase() === 'identity';
  }

  function acquireTurn(url: URL, minGapMs: number) {
    return options.gate.acquire(url.hostname, {
      minGapMs,
      leaseMs: options.timeoutMs + 5_000,
      maxWaitMs: options.gateWaitMs,
      maxConcurrent: options.maxConcurrentPerHost,
    });
  }

  /** Runs `work` in the host's turn: one at a time per host, with the gap after it. */
  async function inTurn<T>(url: URL, minGapMs: number, work: () => Promise<T>): Promise<T> {
    const permit = await acquireTurn(url, minGapMs);
    try {
      return await work();
    } finally {
      await permit.release();
    }
  }

  const robotsInFlight = new Map<string, Promise<RobotsRecord>>();

  /** The robots record of the URL's origin: from the cache, or fetched once per process at a time. */
  async function robotsRecord(url: URL): Promise<RobotsRecord> {
    const robots = options.robots;
    if (robots === undefined) return { kind: 'allow-all', status: 0 };
    const cached = await robots.cache.get(url.origin);
    if (cached !== undefined) return cached;
    const pending = robotsInFlight.get(url.origin);
    if (pending !== undefined) return pending;
    const fetching = fetchRobots(url, robots).finally(() => robotsInFlight.delete(url.origin));
    robotsInFlight.set(url.origin, fetching);
    return fetching;
  }

  type RobotsAttempt = { kind: 'answer'; answer: Exchange } | { kind: 'error'; error: unknown } | { kind: 'cached'; record: RobotsRecord };

  async function fetchRobots(url: URL, robots: NonNullable<HttpClientOptions['robots']>): Promise<RobotsRecord> {
    // More than five redirects: RFC 9309 says "unavailable", i.e. no rules.
    let record: RobotsRecord = { kind: 'allow-all', status: 310 };
    let current = robotsUrlFor(url);
    for (let hop = 0; hop <= 5; hop += 1) {
      const target = current;
      const permit = await acquireTurn(target, options.minGapMs);
      let used = false;
      let attempt: RobotsAttempt;
      try {
        // Another worker may have fetched it while this one waited for the host's turn.
        const cachedNow = hop === 0 ? await robots.cache.get(url.origin) : undefined;
        if (cachedNow !== undefined) {
          attempt = { kind: 'cached', record: cachedNow };
        } else {
          used = true;
          attempt = { kind: 'answer', answer: await exchange(target, { headers: { accept: 'text/plain,*/*;q=0.5' }, maxBytes: ROBOTS_MAX_BYTES, truncate: true }) };
        }
      } catch (error) {
        attempt = { kind: 'error', error };
      } finally {
        await permit.release(used);
      }
      if (attempt.kind === 'cached') return attempt.record;
      if (attempt.kind === 'error') {
        const { error } = attempt;
        // The page's own host is refused: that is the answer, not an unreachable robots.txt.
        if (error instanceof PermanentError && error.code === 'fetch.blocked_address' && target.host === url.host) throw error;
        record = { kind: 'disallow-all', reason: error instanceof StageError ? `robots.txt unreachable: ${error.code}` : 'robots.txt unreachable' };
        break;
      }
      const { answer } = attempt;
      const location = header(answer.headers, 'location');
      if (answer.status >= 300 && answer.status < 400 && location !== undefined) {
        current = new URL(location, target);
        continue;
      }
      record = recordFromStatus(answer.status, target.href, Buffer.from(answer.body).toString('utf8'));
      break;
    }
    const ttl = record.kind === 'disallow-all' ? robots.errorTtlMs : robots.ttlMs;
    await robots.cache.set(url.origin, record, Math.min(ttl, MAX_ROBOTS_TTL_MS));
    return record;
  }

  async function robotsCheck(url: URL): Promise<number> {
    if (options.robots === undefined) return options.minGapMs;
    const record = await robotsRecord(url);
    const verdict = robotsVerdict(record, url, options.productToken);
    if (!verdict.allowed) {
      const details = { url: url.href, reason: verdict.reason };
      if (record.kind === 'disallow-all') {
        // The server could not say: a temporary refusal, tried again once the cached entry expires.
        throw new RetryableError('fetch.robots_disallowed', `${url.href}: ${verdict.reason}`, {
          details,
          retryAfterMs: options.robots.errorTtlMs,
        });
      }
      throw new PermanentError('fetch.robots_disallowed', `${url.href}: ${verdict.reason}`, { details });
    }
    const delay = verdict.crawlDelayMs === undefined ? 0 : Math.min(verdict.crawlDelayMs, options.maxCrawlDelayMs);
    return Math.max(options.minGapMs, delay);
  }

  async function get(input: string, getOptions: GetOptions): Promise<HttpResponse> {
    let current: URL;
    try {
      current = new URL(input);
    } catch (error) {
      throw new PermanentError('payload.invalid', `not a URL: ${input}`, { cause: error });
    }
    const redirects: string[] = [];
    const visited = new Set<string>();
    // Bounded: at most maxRedirects + 1 exchanges.
    for (let hop = 0; ; hop += 1) {
      checkUrlTarget(options.policy, current);
      visited.add(current.href);
      const gap = await robotsCheck(current);
      const target = current;
      const answer = await inTurn(target, gap, () =>
        exchange(target, { headers: getOptions.headers ?? {}, maxBytes: getOptions.maxBytes, truncate: false, accept: getOptions.accept }),
      );
      const { status } = answer;
      if (status >= 200 && status < 300) {
        return { url: current.href, status, mediaType: answer.mediaType, charset: answer.charset, headers: answer.headers, body: answer.body, redirects };
      }
      if (status === 304) {
        return { url: current.href, status, mediaType: answer.mediaType, charset: answer.charset, headers: answer.headers, body: answer.body, redirects };
      }
      const location = header(answer.headers, 'location');
      if (status >= 300 && status < 400 && location !== undefined) {
        let next: URL;
        try {
          next = new URL(location, current);
        } catch (error) {
          throw new PermanentError('fetch.http_status', `${current.href} redirects to an invalid URL`, { cause: error, details: { url: current.href, location } });
        }
        next.hash = '';
        if (hop + 1 > options.maxRedirects || visited.has(next.href)) {
          throw new PermanentError(
            'fetch.too_many_redirects',
            visited.has(next.href) ? `redirect loop at ${next.href}` : `more than ${options.maxRedirects} redirects from ${input}`,
            { details: { url: input, redirects: [...redirects, next.href] } },
          );
        }
        redirects.push(next.href);
        current = next;
        continue;
      }
      throw statusError(current.href, status, answer.headers);
    }
  }

  function statusError(url: string, status: number, headers: IncomingHttpHeaders): StageError {
    const details = { url, status };
    if (status === 408 || status === 425 || status === 429 || status >= 500) {
      const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), options.now());
      return new RetryableError('fetch.http_status', `${url} answered ${status}`, {
        details,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    return new PermanentError('fetch.http_status', `${url} answered ${status}`, { details });
  }

  return {
    get,
    close: () => agent.close(),
  };
}
