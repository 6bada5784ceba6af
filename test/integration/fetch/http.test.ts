import { gzipSync, brotliCompressSync } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '@newsflow/contracts/errors';
import { itemIdFor } from '@newsflow/contracts/ids';
import type { FetchPayload } from '@newsflow/contracts/payloads';
import { createFetcher, type Fetcher, type FetcherOptions } from '@newsflow/fetch/fetch-source';
import { routes, send, startServer, type TestServer } from './servers.ts';

const CONTACT = 'https://newsflow.example/bot';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FIFTY_MB = 50 * 1024 * 1024;

/** Writes 50 MB of one byte as fast as the client reads, until it hangs up; reports each chunk sent. */
function streamFiftyMegabytes(response: ServerResponse, fill: number, onWritten: (bytes: number) => void): void {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let written = 0;
  const pump = () => {
    for (let i = 0; i < 800 && written < FIFTY_MB && !response.destroyed; i += 1) {
      written += chunk.length;
      onWritten(chunk.length);
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
    if (written >= FIFTY_MB) response.end();
  };
  pump();
}

function urlPayload(url: string): FetchPayload {
  const source = { kind: 'url' as const, url };
  return { itemId: itemIdFor(source), sourceId: url, source };
}

async function serve(table: Parameters<typeof routes>[0]): Promise<TestServer> {
  const server = await startServer(routes(table));
  cleanups.push(() => server.close());
  return server;
}

function fetcher(options: Partial<FetcherOptions> = {}): Fetcher {
  const created = createFetcher({ contactUrl: CONTACT, allow: ['127.0.0.1'], minGapMs: 0, ...options });
  cleanups.push(() => created.close());
  return created;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the fetch to fail');
    },
    (error: unknown) => error,
  );
}

describe('fetching a page over HTTP', () => {
  it('returns the bytes untouched with status, final URL, media type and the declared charset', async () => {
    const latin2 = Buffer.from([0x3c, 0x70, 0x3e, 0xa3, 0xf3, 0x64, 0xbc, 0x3c, 0x2f, 0x70, 0x3e]); // <p>Łódź</p> in ISO-8859-2
    const server = await serve({ '/article': send(200, { 'content-type': 'text/html; charset="ISO-8859-2"' }, latin2) });
    const payload = urlPayload(`${server.origin}/article`);
    const outcome = await fetcher({ now: () => new Date('2026-11-23T12:00:00Z') }).fetchSource(payload);
    if (outcome.kind !== 'document') throw new Error('expected a document');
    expect(outcome.raw).toEqual({
      itemId: payload.itemId,
      sourceId: payload.sourceId,
      source: payload.source,
      finalUrl: `${server.origin}/article`,
      status: 200,
      contentType: 'text/html',
      declaredCharset: 'iso-8859-2',
      fetchedAt: '2026-11-23T12:00:00.000Z',
      byteLength: latin2.length,
    });
    expect(Buffer.from(outcome.body).equals(latin2)).toBe(true);
  });

  it('identifies itself with an honest User-Agent carrying the contact URL', async () => {
    const server = await serve({ '/': send(200, { 'content-type': 'text/plain' }, 'hello') });
    await fetcher().fetchSource(urlPayload(`${server.origin}/`));
    const page = server.pageRequests()[0];
    expect(page?.headers['user-agent']).toBe(`newsflow/0.1 (+${CONTACT})`);
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt', '/']);
  });

  it('sniffs a page served without a Content-Type', async () => {
    const server = await serve({ '/': (_q, r) => r.end('<!DOCTYPE html><html><body>no header</body></html>') });
    const outcome = await fetcher().fetchSource(urlPayload(`${server.origin}/`));
    expect(outcome.kind === 'document' && outcome.raw.contentType).toBe('text/html');
  });

  it('refuses an image as fetch.unsupported_type, and binary bytes without a Content-Type too', async () => {
    const server = await serve({
      '/photo': send(200, { 'content-type': 'image/png' }, Buffer.alloc(100)),
      '/blob': (_q, r) => r.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1])),
    });
    const photo = await failure(fetcher().fetchSource(urlPayload(`${server.origin}/photo`)));
    expect(photo).toBeInstanceOf(PermanentError);
    expect(photo).toMatchObject({ code: 'fetch.unsupported_type', details: { contentType: 'image/png' } });
    expect(await failure(fetcher().fetchSource(urlPayload(`${server.origin}/blob`)))).toMatchObject({ code: 'fetch.unsupported_type' });
  });

  it('decodes gzip and brotli bodies', async () => {
    const html = '<p>Zażółć gęślą jaźń</p>'.repeat(50);
    const server = await serve({
      '/gz': send(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }, gzipSync(html)),
      '/br': send(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' }, brotliCompressSync(html)),
    });
    for (const path of ['/gz', '/br']) {
      const outcome = await fetcher().fetchSource(urlPayload(`${server.origin}${path}`));
      if (outcome.kind !== 'document') throw new Error('expected a document');
      expect(Buffer.from(outcome.body).toString('utf8')).toBe(html);
      expect(outcome.raw.byteLength).toBe(Buffer.byteLength(html));
    }
  });
});

describe('HTTP statuses', () => {
  it.each([404, 410, 403])('treats %i as a permanent fetch.http_status', async (status) => {
    const server = await serve({ '/gone': send(status, { 'content-type': 'text/html' }, 'nope') });
    const error = await failure(fetcher().fetchSource(urlPayload(`${server.origin}/gone`)));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'fetch.http_status', details: { status } });
  });

  it('retries 429 after the seconds Retry-After gives', async () => {
    const server = await serve({ '/busy': send(429, { 'retry-after': '120' }) });
    const error = await failure(fetcher().fetchSource(urlPayload(`${server.origin}/busy`)));
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ code: 'fetch.http_status', retryAfterMs: 120_000, details: { status: 429 } });
  });

  it('retries 503 after the date Retry-After gives, and 500 without one', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const server = await serve({
      '/maintenance': send(503, { 'retry-after': 'Mon, 23 Nov 2026 12:05:00 GMT' }),
      '/broken': send(500, {}),
    });
    const maintenance = await failure(fetcher({ now: () => now }).fetchSource(urlPayload(`${server.origin}/maintenance`)));
    expect(maintenance).toBeInstanceOf(RetryableError);
    expect(maintenance).toMatchObject({ retryAfterMs: 300_000 });
    const broken = await failure(fetcher().fetchSource(urlPayload(`${server.origin}/broken`)));
    expect(broken).toBeInstanceOf(RetryableError);
    expect(broken).toMatchObject({ code: 'fetch.http_status', retryAfterMs: undefined });
  });

  it('retries a refused connection as fetch.network', async () => {
    const server = await startServer(routes({}));
    await server.close();
    const error = await failure(fetcher({ robots: false }).fetchSource(urlPayload(`${server.origin}/`)));
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ code: 'fetch.network', details: { code: 'ECONNREFUSED' } });
  });
});

describe('deadlines and size caps', () => {
  it('gives up on a server that drips one byte every 50 ms at the whole-exchange deadline', async () => {
    let dripped = 0;
    const server = await serve({
      '/drip': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => {
          dripped += 1;
          response.write('.');
        }, 50);
        response.on('close', () => clearInterval(timer));
      },
    });
    const started = performance.now();
    const error = await failure(fetcher({ timeoutMs: 600 }).fetchSource(urlPayload(`${server.origin}/drip`)));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ code: 'fetch.timeout', details: { timeoutMs: 600 } });
    expect(dripped).toBeGreaterThan(3); // bytes kept arriving: a per-chunk timeout would never fire
    expect(elapsed).toBeLessThan(3_000);
  });

  it('gives up on a server that never sends headers', async () => {
    const server = await serve({ '/silent': () => undefined });
    const error = await failure(fetcher({ timeoutMs: 300 }).fetchSource(urlPayload(`${server.origin}/silent`)));
    expect(error).toMatchObject({ name: 'RetryableError', code: 'fetch.timeout' });
  });

  it('refuses a 50 MB page announced by Content-Length without reading it', async () => {
    let written = 0;
    const server = await serve({
      '/huge': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
        streamFiftyMegabytes(response, 0x61, (bytes) => (written += bytes));
      },
    });
    const error = await failure(fetcher({ maxBytes: 1024 * 1024 }).fetchSource(urlPayload(`${server.origin}/huge`)));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'fetch.too_large', details: { contentLength: 50 * 1024 * 1024, maxBytes: 1024 * 1024 } });
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('stops reading a 50 MB chunked page at the cap and hangs up', async () => {
    let written = 0;
    let hungUp: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => {
      hungUp = resolve;
    });
    const server = await serve({
      '/stream': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.on('close', () => hungUp());
        streamFiftyMegabytes(response, 0x62, (bytes) => (written += bytes));
      },
    });
    const error = await failure(fetcher({ maxBytes: 2 * 1024 * 1024 }).fetchSource(urlPayload(`${server.origin}/stream`)));
    expect(error).toMatchObject({ name: 'PermanentError', code: 'fetch.too_large', details: { maxBytes: 2 * 1024 * 1024 } });
    await closed;
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('counts decompressed bytes: a gzip bomb stops at the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros in ≈ 64 KiB
    expect(bomb.length).toBeLessThan(200 * 1024);
    const server = await serve({ '/bomb': send(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': bomb.length }, bomb) });
    const error = await failure(fetcher({ maxBytes: 1024 * 1024 }).fetchSource(urlPayload(`${server.origin}/bomb`)));
    expect(error).toMatchObject({ name: 'PermanentError', code: 'fetch.too_large' });
  });

  it('counts encoded bytes too: endless empty gzip members stop at the cap', async () => {
    const empty = gzipSync(Buffer.alloc(0));
    const members = Buffer.concat(Array.from({ length: Math.ceil((2 * 1024 * 1024) / empty.length) }, () => empty));
    const server = await serve({ '/empty': send(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, members) });
    const error = await failure(fetcher({ maxBytes: 1024 * 1024 }).fetchSource(urlPayload(`${server.origin}/empty`)));
    expect(error).toMatchObject({ name: 'PermanentError', code: 'fetch.too_large', message: expect.stringContaining('(encoded)') });
  });

  it('refuses an unknown content encoding', async () => {
    const server = await serve({ '/z': send(200, { 'content-type': 'text/html', 'content-encoding': 'compress' }, 'xx') });
    expect(await failure(fetcher().fetchSource(urlPayload(`${server.origin}/z`)))).toMatchObject({ code: 'fetch.unsupported_type' });
  });
});

describe('redirects', () => {
  let hops: TestServer;
  beforeAll(async () => {
    hops = await startServer(
      routes({
        '/a': send(301, { location: '/b' }),
        '/b': send(302, { location: '/c?x=1#frag' }),
        '/c': send(200, { 'content-type': 'text/html' }, '<p>arrived</p>'),
        '/loop1': send(302, { location: '/loop2' }),
        '/loop2': send(302, { location: '/loop1' }),
        '/file': send(302, { location: 'file:///etc/passwd' }),
        ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`/chain${i}`, send(307, { location: `/chain${i + 1}` })])),
        '/chain8': send(200, { 'content-type': 'text/html' }, 'end of chain'),
      }),
    );
    return () => hops.close();
  });

  it('follows redirects and reports the final URL', async () => {
    const outcome = await fetcher().fetchSource(urlPayload(`${hops.origin}/a`));
    expect(outcome.kind === 'document' && outcome.raw.finalUrl).toBe(`${hops.origin}/c?x=1`);
  });

  it('stops a redirect loop as fetch.too_many_redirects', async () => {
    const error = await failure(fetcher().fetchSource(urlPayload(`${hops.origin}/loop1`)));
    expect(error).toMatchObject({ name: 'PermanentError', code: 'fetch.too_many_redirects' });
  });

  it('stops after the configured number of redirects', async () => {
    const error = await failure(fetcher({ maxRedirects: 5 }).fetchSource(urlPayload(`${hops.origin}/chain0`)));
    expect(error).toMatchObject({ code: 'fetch.too_many_redirects' });
    expect(hops.requests.filter((r) => r.path.startsWith('/chain')).map((r) => r.path)).toEqual(
      ['/chain0', '/chain1', '/chain2', '/chain3', '/chain4', '/chain5'],
    );
    const outcome = await fetcher({ maxRedirects: 8 }).fetchSource(urlPayload(`${hops.origin}/chain0`));
    expect(outcome.kind === 'document' && outcome.raw.finalUrl).toBe(`${hops.origin}/chain8`);
  });

  it('refuses a redirect to a file: URL', async () => {
    const error = await failure(fetcher().fetchSource(urlPayload(`${hops.origin}/file`)));
    expect(error).toMatchObject({ name: 'PermanentError', code: 'fetch.blocked_address' });
  });
});
