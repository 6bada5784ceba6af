import type { LookupAddress } from 'node:dns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '@newsflow/contracts/errors';
import { itemIdFor } from '@newsflow/contracts/ids';
import type { FetchPayload } from '@newsflow/contracts/payloads';
import { createFetcher, type Fetcher, type FetcherOptions } from '@newsflow/fetch/fetch-source';
import { routes, send, startServer, type TestServer } from './servers.ts';

/**
 * 127.0.0.2 stands in for an internal host (Linux routes all of 127/8 to lo). Only 127.0.0.1 is
 * allow-listed: whatever a URL, a redirect or a DNS answer says, the canary must see no request.
 */
let canary: TestServer;
let site: TestServer;
const fetchers: Fetcher[] = [];

function urlPayload(url: string): FetchPayload {
  const source = { kind: 'url' as const, url };
  return { itemId: itemIdFor(source), sourceId: url, source };
}

function fetcher(options: Partial<FetcherOptions> = {}): Fetcher {
  const created = createFetcher({ contactUrl: 'https://newsflow.example/bot', allow: ['127.0.0.1'], minGapMs: 0, ...options });
  fetchers.push(created);
  return created;
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the fetch to be refused');
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  canary = await startServer(send(200, { 'content-type': 'text/html' }, '<p>internal secrets</p>'), '127.0.0.2');
  const p = canary.port;
  site = await startServer(
    routes({
      '/ok': send(200, { 'content-type': 'text/html' }, '<p>public</p>'),
      '/to-canary': send(302, { location: `http://127.0.0.2:${p}/admin` }),
      '/to-canary-https': send(302, { location: `https://127.0.0.2:${p}/admin` }),
      '/to-canary-decimal': send(301, { location: `http://2130706434:${p}/admin` }),
      '/to-canary-mapped': send(307, { location: `http://[::ffff:127.0.0.2]:${p}/admin` }),
      '/to-internal-name': send(308, { location: `http://internal.test:${p}/admin` }),
      '/to-metadata': send(302, { location: 'http://169.254.169.254/latest/meta-data/' }),
      '/hop': send(302, { location: '/to-canary' }),
    }),
  );
});

afterEach(async () => {
  for (const created of fetchers.splice(0)) await created.close();
});

afterAll(async () => {
  await site.close();
  await canary.close();
});

describe('SSRF guard with only 127.0.0.1 allow-listed', () => {
  it('fetches the allow-listed address', async () => {
    const outcome = await fetcher().fetchSource(urlPayload(`${site.origin}/ok`));
    expect(outcome.kind).toBe('document');
  });

  it.each([
    ['dotted', (port: number) => `http://127.0.0.2:${port}/`],
    ['decimal', (port: number) => `http://2130706434:${port}/`],
    ['octal', (port: number) => `http://0177.0.0.2:${port}/`],
    ['hex', (port: number) => `http://0x7f000002:${port}/`],
    ['dotted hex', (port: number) => `http://0x7f.0.0.2:${port}/`],
    ['short', (port: number) => `http://127.2:${port}/`],
    ['IPv4-mapped IPv6', (port: number) => `http://[::ffff:127.0.0.2]:${port}/`],
    ['IPv4-mapped IPv6 in hex', (port: number) => `http://[::ffff:7f00:2]:${port}/`],
  ])('refuses the internal host written in %s form', async (_form, url) => {
    const error = await refusal(fetcher().fetchSource(urlPayload(url(canary.port))));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'fetch.blocked_address' });
    expect(canary.requests).toHaveLength(0);
  });

  it.each([
    ['/to-canary', 'a plain redirect'],
    ['/to-canary-https', 'a redirect switching to https'],
    ['/to-canary-decimal', 'a redirect in decimal form'],
    ['/to-canary-mapped', 'a redirect to an IPv4-mapped IPv6 literal'],
    ['/to-metadata', 'a redirect to the cloud metadata address'],
    ['/hop', 'a second redirect hop'],
  ])('re-checks every hop: refuses %s (%s)', async (path) => {
    const error = await refusal(fetcher().fetchSource(urlPayload(`${site.origin}${path}`)));
    expect(error).toMatchObject({ name: 'PermanentError', code: 'fetch.blocked_address' });
    expect(canary.requests).toHaveLength(0);
  });

  it('refuses a hostname whose DNS answer is internal, in the connector lookup', async () => {
    const resolver = async (): Promise<LookupAddress[]> => [{ address: '127.0.0.2', family: 4 }];
    const error = await refusal(fetcher({ resolver }).fetchSource(urlPayload(`${site.origin}/to-internal-name`)));
    expect(error).toMatchObject({ name: 'PermanentError', code: 'fetch.blocked_address', details: { host: 'internal.test', address: '127.0.0.2' } });
    expect(canary.requests).toHaveLength(0);
  });

  it('checks the address it connects to: a DNS answer that turns internal after a first good one is refused', async () => {
    // A "public" twin on 127.0.0.1 with the canary's port, closing every connection so each fetch
    // dials anew: were the second answer connected unchecked, the request would reach the canary.
    const twin = await startServer((request, response) => {
      response.setHeader('connection', 'close');
      routes({ '/first': send(200, { 'content-type': 'text/html' }, 'first'), '/second': send(200, { 'content-type': 'text/html' }, 'second') })(request, response);
    }, '127.0.0.1', canary.port);
    const answers: string[] = [];
    const resolver = async (): Promise<LookupAddress[]> => {
      const address = answers.length < 2 ? '127.0.0.1' : '127.0.0.2';
      answers.push(address);
      return [{ address, family: 4 }];
    };
    try {
      const rebinding = fetcher({ resolver });
      const first = await rebinding.fetchSource(urlPayload(`http://rebind.test:${canary.port}/first`));
      expect(first.kind === 'document' && Buffer.from(first.body).toString()).toBe('first');
      const error = await refusal(rebinding.fetchSource(urlPayload(`http://rebind.test:${canary.port}/second`)));
      expect(error).toMatchObject({ name: 'PermanentError', code: 'fetch.blocked_address', details: { address: '127.0.0.2' } });
      expect(answers).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.2']); // robots.txt, /first, then /second's connect
      expect(twin.requests.map((r) => r.path)).toEqual(['/robots.txt', '/first']);
      expect(canary.requests).toHaveLength(0);
    } finally {
      await twin.close();
    }
  });

  it('refuses every form of loopback when nothing is allow-listed', async () => {
    const strict = fetcher({ allow: [] });
    const port = site.port;
    for (const url of [
      `http://127.0.0.1:${port}/ok`,
      `http://2130706433:${port}/ok`,
      `http://0177.0.0.1:${port}/ok`,
      `http://0x7f.0.0.1:${port}/ok`,
      `http://0x7f000001:${port}/ok`,
      `http://127.1:${port}/ok`,
      `http://[::1]:${port}/ok`,
      `http://[::ffff:127.0.0.1]:${port}/ok`,
      `http://localhost:${port}/ok`,
      `http://0.0.0.0:${port}/ok`,
    ]) {
      const error = await refusal(strict.fetchSource(urlPayload(url)));
      expect(error, url).toMatchObject({ name: 'PermanentError', code: 'fetch.blocked_address' });
    }
    expect(site.requests.filter((r) => r.path === '/ok')).toHaveLength(1); // only the first test's fetch
  });

  it('never sent a single request to the canary', () => {
    expect(canary.requests).toEqual([]);
  });
});
