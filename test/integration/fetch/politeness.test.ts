import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { PermanentError, RetryableError } from '@newsflow/contracts/errors';
import { itemIdFor } from '@newsflow/contracts/ids';
import type { FetchPayload } from '@newsflow/contracts/payloads';
import { createFetcher, type Fetcher, type FetcherOptions } from '@newsflow/fetch/fetch-source';
import { createRedisHostGate } from '@newsflow/fetch/redis-host-gate';
import { createRedisRobotsCache } from '@newsflow/fetch/robots';
import { testRedis, uniquePrefix } from '@newsflow/test/support/redis';
import { routes, send, startServer, type Handler, type SeenRequest, type TestServer } from './servers.ts';

let redisA: Redis;
let redisB: Redis;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(() => {
  redisA = testRedis();
  redisB = testRedis();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await redisA.quit();
  await redisB.quit();
});

function urlPayload(url: string): FetchPayload {
  const source = { kind: 'url' as const, url };
  return { itemId: itemIdFor(source), sourceId: url, source };
}

/** A fetch worker as a separate process would build it: its own Redis connection, the shared prefix. */
function worker(redis: Redis, prefix: string, options: Partial<FetcherOptions> = {}): Fetcher {
  const fetcher = createFetcher({
    contactUrl: 'https://newsflow.example/bot',
    allow: ['127.0.0.1'],
    hostGate: createRedisHostGate({ redis, prefix, pollMs: 20 }),
    robots: createRedisRobotsCache({ redis, prefix }),
    ...options,
  });
  cleanups.push(() => fetcher.close());
  return fetcher;
}

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  cleanups.push(() => server.close());
  return server;
}

function smallestGap(requests: SeenRequest[]): number {
  const times = requests.map((r) => r.at).sort((a, b) => a - b);
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i += 1) smallest = Math.min(smallest, (times[i] ?? 0) - (times[i - 1] ?? 0));
  return smallest;
}

/** A page that takes 30 ms to answer, counting how many requests are in flight at once. */
function slowPages(inFlight: { now: number; max: number }): Handler {
  return routes({
    ...Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `/page${i}`,
        ((_request, response) => {
          inFlight.now += 1;
          inFlight.max = Math.max(inFlight.max, inFlight.now);
          setTimeout(() => {
            inFlight.now -= 1;
            response.writeHead(200, { 'content-type': 'text/html' });
            response.end(`<p>page ${i}</p>`);
          }, 30);
        }) satisfies Handler,
      ]),
    ),
  });
}

describe('politeness across processes (Redis host gate)', () => {
  it('keeps one request at a time and the minimum gap per host across two workers fetching concurrently', async () => {
    const inFlight = { now: 0, max: 0 };
    const server = await serve(slowPages(inFlight));
    const prefix = uniquePrefix('gate');
    const gapMs = 150;
    const a = worker(redisA, prefix, { minGapMs: gapMs });
    const b = worker(redisB, prefix, { minGapMs: gapMs });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).fetchSource(urlPayload(`${server.origin}/page${i}`))),
    );
    expect(results.every((r) => r.kind === 'document')).toBe(true);
    expect(server.pageRequests()).toHaveLength(8);
    expect(server.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
    const gap = smallestGap(server.requests);
    console.info(`smallest gap between requests to one host across 2 workers: ${gap.toFixed(1)} ms (configured ${gapMs} ms)`);
    expect(gap).toBeGreaterThanOrEqual(gapMs);
    expect(inFlight.max).toBe(1);
  });

  it('honours a Crawl-delay longer than the configured gap', async () => {
    const server = await serve(
      routes({
        '/robots.txt': send(200, { 'content-type': 'text/plain' }, 'User-agent: *\nCrawl-delay: 0.3\n'),
        '/p1': send(200, { 'content-type': 'text/html' }, '1'),
        '/p2': send(200, { 'content-type': 'text/html' }, '2'),
        '/p3': send(200, { 'content-type': 'text/html' }, '3'),
      }),
    );
    const prefix = uniquePrefix('delay');
    const a = worker(redisA, prefix, { minGapMs: 10 });
    const b = worker(redisB, prefix, { minGapMs: 10 });
    await Promise.all([a.fetchSource(urlPayload(`${server.origin}/p1`)), b.fetchSource(urlPayload(`${server.origin}/p2`)), a.fetchSource(urlPayload(`${server.origin}/p3`))]);
    const gap = smallestGap(server.pageRequests());
    console.info(`smallest gap between pages under Crawl-delay 0.3: ${gap.toFixed(1)} ms`);
    expect(gap).toBeGreaterThanOrEqual(300);
    expect(server.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
  });

  it('allows more than one request at a time per host only when configured, still across workers', async () => {
    const inFlight = { now: 0, max: 0 };
    const server = await serve(slowPages(inFlight));
    const prefix = uniquePrefix('wide');
    const a = worker(redisA, prefix, { minGapMs: 0, maxConcurrentPerHost: 2 });
    const b = worker(redisB, prefix, { minGapMs: 0, maxConcurrentPerHost: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).fetchSource(urlPayload(`${server.origin}/page${i}`))));
    expect(inFlight.max).toBe(2);
  });

  it('gives up waiting for a busy host with a retryable error', async () => {
    const server = await serve(routes({ '/slow': (_q, response) => setTimeout(() => response.end('late'), 400) }));
    const prefix = uniquePrefix('busy');
    const gate = createRedisHostGate({ redis: redisA, prefix, pollMs: 20 });
    const held = await gate.acquire('127.0.0.1', { minGapMs: 0, leaseMs: 5_000, maxWaitMs: 1_000 });
    try {
      const error = await worker(redisB, prefix, { minGapMs: 0, gateWaitMs: 150 }).fetchSource(urlPayload(`${server.origin}/slow`)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableError);
      expect(error).toMatchObject({ code: 'fetch.timeout', details: { host: '127.0.0.1' } });
      expect(server.requests).toHaveLength(0);
    } finally {
      await held.release();
    }
  });

  it('frees the slot of a worker that died holding it once its lease ends', async () => {
    const prefix = uniquePrefix('lease');
    const gate = createRedisHostGate({ redis: redisA, prefix, pollMs: 20 });
    await gate.acquire('news.example', { minGapMs: 0, leaseMs: 200, maxWaitMs: 1_000 }); // never released
    const started = Date.now();
    const permit = await createRedisHostGate({ redis: redisB, prefix, pollMs: 20 }).acquire('news.example', { minGapMs: 0, leaseMs: 1_000, maxWaitMs: 2_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await permit.release();
  });
});

describe('robots.txt', () => {
  it('obeys a Disallow for our product token and never requests the disallowed page', async () => {
    const server = await serve(
      routes({
        '/robots.txt': send(200, { 'content-type': 'text/plain' }, 'User-agent: otherbot\nDisallow: /\n\nUser-agent: newsflow\nDisallow: /private\n'),
        '/private/report': send(200, { 'content-type': 'text/html' }, 'secret'),
        '/public': send(200, { 'content-type': 'text/html' }, 'hello'),
      }),
    );
    const fetcher = worker(redisA, uniquePrefix('robots'), { minGapMs: 0 });
    const error = await fetcher.fetchSource(urlPayload(`${server.origin}/private/report`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'fetch.robots_disallowed' });
    expect((await fetcher.fetchSource(urlPayload(`${server.origin}/public`))).kind).toBe('document');
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt', '/public']);
  });

  it('follows a redirected robots.txt and obeys it', async () => {
    const server = await serve(
      routes({
        '/robots.txt': send(301, { location: '/static/robots.txt' }),
        '/static/robots.txt': send(200, { 'content-type': 'text/plain' }, 'User-agent: *\nDisallow: /drafts/\n'),
        '/drafts/1': send(200, { 'content-type': 'text/html' }, 'draft'),
      }),
    );
    const error = await worker(redisA, uniquePrefix('robots-301'), { minGapMs: 0 }).fetchSource(urlPayload(`${server.origin}/drafts/1`)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PermanentError', code: 'fetch.robots_disallowed' });
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt', '/static/robots.txt']);
  });

  it('caches robots.txt in Redis for at most 24 hours, shared by every worker', async () => {
    const server = await serve(routes({ '/robots.txt': send(200, { 'content-type': 'text/plain' }, 'User-agent: *\nAllow: /\n'), '/a': send(200, { 'content-type': 'text/html' }, 'a') }));
    const prefix = uniquePrefix('robots-cache');
    await worker(redisA, prefix, { minGapMs: 0 }).fetchSource(urlPayload(`${server.origin}/a`));
    await worker(redisB, prefix, { minGapMs: 0 }).fetchSource(urlPayload(`${server.origin}/a`));
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt', '/a', '/a']);
    const ttl = await redisA.pttl(`${prefix}:robots:${server.origin}`);
    expect(ttl).toBeGreaterThan(23 * 60 * 60 * 1000);
    expect(ttl).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
  });

  it('treats a 404 robots.txt as allowing everything', async () => {
    const server = await serve(routes({ '/a': send(200, { 'content-type': 'text/html' }, 'a') }));
    const outcome = await worker(redisA, uniquePrefix('robots-404'), { minGapMs: 0 }).fetchSource(urlPayload(`${server.origin}/a`));
    expect(outcome.kind).toBe('document');
  });

  it('treats a 500 robots.txt as disallowing everything, for a while, without requesting the page', async () => {
    const server = await serve(routes({ '/robots.txt': send(500, {}), '/a': send(200, { 'content-type': 'text/html' }, 'a') }));
    const prefix = uniquePrefix('robots-500');
    const fetcher = worker(redisA, prefix, { minGapMs: 0, robotsErrorTtlMs: 60_000 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await fetcher.fetchSource(urlPayload(`${server.origin}/a`)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableError);
      expect(error).toMatchObject({ code: 'fetch.robots_disallowed', retryAfterMs: 60_000 });
    }
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt']);
    const ttl = await redisA.pttl(`${prefix}:robots:${server.origin}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('treats an unreachable robots.txt (no answer within the deadline) as disallowing everything', async () => {
    const server = await serve(routes({ '/robots.txt': () => undefined, '/a': send(200, { 'content-type': 'text/html' }, 'a') }));
    const error = await worker(redisA, uniquePrefix('robots-hang'), { minGapMs: 0, timeoutMs: 200 }).fetchSource(urlPayload(`${server.origin}/a`)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RetryableError', code: 'fetch.robots_disallowed' });
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });
});
