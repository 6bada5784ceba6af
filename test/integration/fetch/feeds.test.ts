import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { PermanentError } from '@newsflow/contracts/errors';
import { feedIdFor, itemIdFor } from '@newsflow/contracts/ids';
import { FetchPayload } from '@newsflow/contracts/payloads';
import { createFetcher, type FeedOutcome, type Fetcher } from '@newsflow/fetch/fetch-source';
import { createFeedRegistry, nextIntervalMs, type FeedRegistry } from '@newsflow/fetch/feeds';
import { testRedis, uniquePrefix } from '@newsflow/test/support/redis';
import { routes, startServer, type Handler, type TestServer } from './servers.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

let redis: Redis;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(() => {
  redis = testRedis();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await redis.quit();
});

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  cleanups.push(() => server.close());
  return server;
}

function setup(maxSeen?: number): { registry: FeedRegistry; fetcher: Fetcher } {
  const registry = createFeedRegistry({ redis, prefix: uniquePrefix('feeds'), ...(maxSeen === undefined ? {} : { maxSeen }) });
  const fetcher = createFetcher({ contactUrl: 'https://newsflow.example/bot', allow: ['127.0.0.1'], minGapMs: 0, feeds: registry });
  cleanups.push(() => fetcher.close());
  return { registry, fetcher };
}

function feedPayload(url: string) {
  const source = { kind: 'feed' as const, url, feedId: feedIdFor(url) };
  return { itemId: itemIdFor(source), sourceId: url, source };
}

async function poll(fetcher: Fetcher, url: string): Promise<FeedOutcome> {
  const outcome = await fetcher.fetchSource(feedPayload(url));
  if (outcome.kind !== 'feed') throw new Error('expected a feed outcome');
  return outcome;
}

/** Serves one body with an ETag and Last-Modified, answering 304 to a matching conditional GET. */
function conditional(type: string, body: () => Buffer, etag: () => string): Handler {
  return (request, response) => {
    if (request.headers['if-none-match'] === etag()) {
      response.writeHead(304, { etag: etag() });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': type, etag: etag(), 'last-modified': 'Mon, 23 Nov 2026 08:00:00 GMT' });
    response.end(body());
  };
}

describe('polling feeds', () => {
  it('turns RSS 2.0 entries into url items, and a linkless entry with content into an inline document', async () => {
    const server = await serve(routes({ '/rss': conditional('application/rss+xml; charset=utf-8', () => fixture('rss2.xml'), () => '"v1"') }));
    const { fetcher } = setup();
    const url = `${server.origin}/rss`;
    const outcome = await poll(fetcher, url);
    expect(outcome).toMatchObject({ feedId: feedIdFor(url), status: 200, notModified: false, format: 'rss', title: 'Kurier Testowy', totalEntries: 5 });
    expect(outcome.entries.map((e) => e.kind)).toEqual(['url', 'url', 'inline']); // duplicate GUID and empty entry dropped
    const [first, relative, inline] = outcome.entries;
    if (first?.kind !== 'url' || relative?.kind !== 'url' || inline?.kind !== 'inline') throw new Error('unexpected entry kinds');
    const link = 'https://news.example/2026/11/lukaszenka?utm_source=rss';
    expect(first).toEqual({
      kind: 'url',
      payload: { itemId: itemIdFor({ kind: 'url', url: link }), sourceId: link, source: { kind: 'url', url: link, feedId: feedIdFor(url) } },
      title: 'Łukaszenka w Moskwie',
      publishedAt: '2026-11-23T08:00:00.000Z',
      guid: 'kt-1001',
    });
    expect(FetchPayload.parse(first.payload)).toEqual(first.payload);
    expect(relative.payload.source).toMatchObject({ url: `${server.origin}/2026/11/relative` });
    expect(relative.publishedAt).toBe('2026-11-23T08:30:00.000Z');
    expect(inline.raw).toMatchObject({
      source: { kind: 'feed', url, feedId: feedIdFor(url) },
      contentType: 'text/html',
      declaredCharset: 'utf-8',
      feedTitle: 'Komunikat bez linku',
      byteLength: inline.body.byteLength,
    });
    expect(inline.raw.itemId).toMatch(/^[a-z0-9-]{1,64}$/);
    expect(Buffer.from(inline.body).toString('utf8')).toContain('<p>Treść komunikatu: <b>pełna</b>.</p>');
  });

  it('asks conditionally after a committed poll and reports 304 as not modified', async () => {
    const server = await serve(routes({ '/rss': conditional('application/rss+xml', () => fixture('rss2.xml'), () => '"v1"') }));
    const { fetcher, registry } = setup();
    const url = `${server.origin}/rss`;
    await (await poll(fetcher, url)).commit();
    const second = await poll(fetcher, url);
    expect(second).toMatchObject({ status: 304, notModified: true, entries: [] });
    const conditionalRequest = server.pageRequests()[1];
    expect(conditionalRequest?.headers['if-none-match']).toBe('"v1"');
    expect(conditionalRequest?.headers['if-modified-since']).toBe('Mon, 23 Nov 2026 08:00:00 GMT');
    await second.commit();
    expect(await registry.getState(feedIdFor(url))).toMatchObject({ etag: '"v1"', unchanged: 1, failures: 0, lastStatus: 304 });
  });

  it('returns only entries not seen before: by GUID, by canonical link, by content', async () => {
    let version = 1;
    const item = (body: string) => `<item>${body}</item>`;
    const rss = (items: string[]) => Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items.join('')}</channel></rss>`);
    const v1 = [item('<title>A</title><link>https://n.example/a</link><guid>a</guid>'), item('<title>B</title><link>https://n.example/b?utm_medium=feed</link>'), item('<title>C</title><description>only content</description>')];
    const v2 = [
      ...v1,
      item('<title>A again</title><link>https://n.example/a-renamed</link><guid>a</guid>'), // same GUID
      item('<title>B again</title><link>https://n.example/b#comments</link><guid>b-new-guid</guid>'), // same canonical link
      item('<title>C</title><description>only content</description>'), // same content
      item('<title>D</title><link>https://n.example/d</link><guid>d</guid>'), // new
    ];
    const server = await serve(routes({ '/rss': (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(version === 1 ? rss(v1) : rss(v2)) }));
    const { fetcher } = setup();
    const url = `${server.origin}/rss`;
    const first = await poll(fetcher, url);
    expect(first.entries).toHaveLength(3);
    await first.commit();
    version = 2;
    const second = await poll(fetcher, url);
    expect(second.entries.map((e) => (e.kind === 'url' ? e.payload.source : e.kind))).toEqual([{ kind: 'url', url: 'https://n.example/d', feedId: feedIdFor(url) }]);
  });

  it("gives a linked entry's page the feed's title and date once the poll is committed", async () => {
    const article = Buffer.from('<p>article body</p>');
    const server = await serve(
      routes({
        '/rss': (_q, r) =>
          r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            `<rss version="2.0"><channel><title>x</title><item><title>Nagłówek z kanału</title><link>http://127.0.0.1:${(_q.socket.localPort ?? 0).toString()}/story</link><pubDate>Sun, 22 Nov 2026 21:15:00 GMT</pubDate></item></channel></rss>`,
          ),
        '/story': (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(article),
      }),
    );
    const { fetcher } = setup();
    const outcome = await poll(fetcher, `${server.origin}/rss`);
    await outcome.commit();
    const entry = outcome.entries[0];
    if (entry?.kind !== 'url') throw new Error('expected a url entry');
    const page = await fetcher.fetchSource(entry.payload);
    expect(page.kind === 'document' && page.raw).toMatchObject({ feedTitle: 'Nagłówek z kanału', feedPublishedAt: '2026-11-22T21:15:00.000Z', byteLength: article.length });
  });

  it('offers the same entries again until the poll is committed (nothing is lost if enqueueing fails)', async () => {
    const server = await serve(routes({ '/json': (_q, r) => r.writeHead(200, { 'content-type': 'application/feed+json' }).end(fixture('feed.json')) }));
    const { fetcher } = setup();
    const url = `${server.origin}/json`;
    expect((await poll(fetcher, url)).entries).toHaveLength(3);
    const again = await poll(fetcher, url);
    expect(again.entries).toHaveLength(3);
    await again.commit();
    expect((await poll(fetcher, url)).entries).toHaveLength(0);
  });

  it.each([
    ['Atom', '/atom', 'application/atom+xml', 'atom.xml', 'atom', ['https://wire.example/one', 'https://wire.example/two']],
    ['RSS 1.0', '/rdf', 'application/rdf+xml', 'rss1.rdf', 'rss', ['https://rdf.example/a']],
    ['RSS 0.91 in ISO-8859-1', '/091', 'text/xml', 'rss091.xml', 'rss', ['https://old.example/cafe']],
    ['JSON Feed', '/json', 'application/feed+json', 'feed.json', 'json', ['https://json.example/first', 'https://elsewhere.example/story']],
  ])('parses %s', async (_name, path, type, file, format, links) => {
    const server = await serve(routes({ [path]: (_q, r) => r.writeHead(200, { 'content-type': type }).end(fixture(file)) }));
    const outcome = await poll(setup().fetcher, `${server.origin}${path}`);
    expect(outcome.format).toBe(format);
    expect(outcome.entries.filter((e) => e.kind === 'url').map((e) => (e.kind === 'url' ? e.payload.source.kind === 'url' && e.payload.source.url : ''))).toEqual(links);
  });

  it('reads titles and dates across formats (Atom dates, ISO-8859-1 text, JSON Feed text-only entries)', async () => {
    const server = await serve(
      routes({
        '/atom': (_q, r) => r.writeHead(200, { 'content-type': 'application/atom+xml' }).end(fixture('atom.xml')),
        '/091': (_q, r) => r.writeHead(200, { 'content-type': 'text/xml' }).end(fixture('rss091.xml')),
        '/json': (_q, r) => r.writeHead(200, { 'content-type': 'application/feed+json' }).end(fixture('feed.json')),
      }),
    );
    const { fetcher } = setup();
    const atom = await poll(fetcher, `${server.origin}/atom`);
    expect(atom.entries[0]).toMatchObject({ title: 'Atom entry one', publishedAt: '2026-11-23T10:00:00.000Z' });
    const old = await poll(fetcher, `${server.origin}/091`);
    expect(old.entries[0]).toMatchObject({ title: 'Café du matin' });
    const json = await poll(fetcher, `${server.origin}/json`);
    expect(json.entries[0]).toMatchObject({ kind: 'url', title: 'First', publishedAt: '2026-11-23T05:00:00.000Z' });
    const textOnly = json.entries[1];
    if (textOnly?.kind !== 'inline') throw new Error('expected an inline entry');
    expect(textOnly.raw).toMatchObject({ contentType: 'text/plain', feedTitle: 'Text only', sourceId: `${server.origin}/json#j-2` });
    expect(Buffer.from(textOnly.body).toString('utf8')).toBe('Text only\n\nJust words, no link.');
  });

  it('fails a malformed feed as feed.malformed and counts the failure for backoff', async () => {
    const server = await serve(routes({ '/bad': (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('malformed.xml')) }));
    const { fetcher, registry } = setup();
    const url = `${server.origin}/bad`;
    const { feed } = await registry.add(url, { intervalMs: 60_000 });
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const error = await fetcher.fetchSource(feedPayload(url)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ code: 'feed.malformed' });
    }
    const listed = (await registry.list()).find((f) => f.id === feed.id);
    expect(listed?.state).toMatchObject({ failures: 2 });
    expect(listed?.state.lastError).toMatch(/^feed\.malformed: /);
    expect(listed?.nextIntervalMs).toBe(240_000);
  });

  it('fails a billion-laughs feed cleanly and quickly as feed.malformed', async () => {
    const server = await serve(routes({ '/lol': (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('billion-laughs.xml')) }));
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    const error = await setup().fetcher.fetchSource(feedPayload(`${server.origin}/lol`)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PermanentError', code: 'feed.malformed' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses an HTML page posing as a feed', async () => {
    const server = await serve(routes({ '/page': (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>hi</body></html>') }));
    const error = await setup().fetcher.fetchSource(feedPayload(`${server.origin}/page`)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PermanentError', code: 'feed.malformed' });
  });

  it('keeps the seen set per feed bounded', async () => {
    const items = Array.from({ length: 10 }, (_, i) => `<item><title>t${i}</title><link>https://n.example/${i}</link><guid>g${i}</guid></item>`).join('');
    const server = await serve(routes({ '/rss': (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<rss version="2.0"><channel><title>x</title>${items}</channel></rss>`) }));
    const prefix = uniquePrefix('bounded');
    const registry = createFeedRegistry({ redis, prefix, maxSeen: 12 });
    const fetcher = createFetcher({ contactUrl: 'https://newsflow.example/bot', allow: ['127.0.0.1'], minGapMs: 0, feeds: registry });
    cleanups.push(() => fetcher.close());
    const url = `${server.origin}/rss`;
    await (await poll(fetcher, url)).commit();
    expect(await redis.zcard(`${prefix}:feed:${feedIdFor(url)}:seen`)).toBe(12);
  });
});

describe('the feed registry', () => {
  it('adds a feed once, lists it with its state and schedule, and removes it with its state', async () => {
    const { registry } = setup();
    const first = await registry.add('https://news.example/rss#top', { intervalMs: 300_000 });
    const second = await registry.add('https://news.example/rss', { intervalMs: 60_000 });
    expect(first.created).toBe(true);
    expect(second).toEqual({ feed: first.feed, created: false });
    expect(first.feed).toMatchObject({ id: feedIdFor('https://news.example/rss'), url: 'https://news.example/rss', intervalMs: 300_000 });
    await registry.recordFailure(first.feed.id, { code: 'fetch.timeout', message: 'slow', at: new Date().toISOString() });
    expect(await registry.list()).toEqual([{ ...first.feed, state: expect.objectContaining({ failures: 1 }), nextIntervalMs: 600_000 }]);
    await registry.markSeen(first.feed.id, ['g:x']);
    expect(await registry.remove(first.feed.id)).toBe(true);
    expect(await registry.remove(first.feed.id)).toBe(false);
    expect(await registry.list()).toEqual([]);
    expect(await registry.getState(first.feed.id)).toEqual({ failures: 0, unchanged: 0 });
    expect(await registry.unseen(first.feed.id, [['g:x']])).toEqual([true]);
  });

  it('refuses URLs that are not http(s) and intervals under a second', async () => {
    const { registry } = setup();
    await expect(registry.add('file:///etc/passwd')).rejects.toMatchObject({ code: 'payload.invalid' });
    await expect(registry.add('not a url')).rejects.toMatchObject({ code: 'payload.invalid' });
    await expect(registry.add('https://ok.example/rss', { intervalMs: 10 })).rejects.toMatchObject({ code: 'payload.invalid' });
  });

  it('imports OPML with folders and entities, skipping duplicates and non-http outlines', async () => {
    const { registry } = setup();
    const result = await registry.importText(fixture('subscriptions.opml').toString('utf8'), { intervalMs: 120_000 });
    expect(result.added.map((f) => [f.url, f.title])).toEqual([
      ['https://news.example/rss?lang=pl&x=1', 'Kurier & Co'],
      ['https://wire.example/atom.xml', 'Atom Wire'],
    ]);
    expect(result.existing.map((f) => f.url)).toEqual(['https://wire.example/atom.xml']);
    expect(result.invalid).toEqual(['javascript:alert(1)']);
    expect((await registry.list()).map((f) => f.intervalMs)).toEqual([120_000, 120_000]);
  });

  it('imports a plain list, one URL a line, ignoring comments and blank lines', async () => {
    const { registry } = setup();
    const result = await registry.importText(fixture('feeds.txt').toString('utf8'));
    expect(result.added.map((f) => f.url)).toEqual(['https://json.example/feed.json', 'https://rdf.example/index.rdf']);
    expect(result.invalid).toEqual(['not a url']);
  });

  it('stretches the interval of unchanged feeds and backs off failing ones', () => {
    expect(nextIntervalMs({ failures: 0, unchanged: 0 }, 60_000)).toBe(60_000);
    expect(nextIntervalMs({ failures: 0, unchanged: 2 }, 60_000)).toBe(120_000);
    expect(nextIntervalMs({ failures: 0, unchanged: 50 }, 60_000)).toBe(240_000);
    expect(nextIntervalMs({ failures: 3, unchanged: 0 }, 60_000)).toBe(480_000);
    expect(nextIntervalMs({ failures: 30, unchanged: 0 }, 60_000)).toBe(3_840_000);
    expect(nextIntervalMs({ failures: 30, unchanged: 0 }, 3_600_000)).toBe(86_400_000);
  });
});
