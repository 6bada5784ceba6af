import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as fetchCommand } from '@newsflow/cli/commands/fetch';
import { run as feedsCommand } from '@newsflow/cli/commands/feeds';
import { feedIdFor } from '@newsflow/contracts/ids';
import { testRedisUrl, uniquePrefix } from '@newsflow/test/support/redis';
import { routes, send, startServer, type TestServer } from './servers.ts';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  return { stdout, stderr, out: () => out.join(''), err: () => err.join('') };
}

let site: TestServer;
let canary: TestServer;

beforeAll(async () => {
  canary = await startServer(send(200, { 'content-type': 'text/html' }, 'internal'), '127.0.0.2');
  site = await startServer(
    routes({
      '/page': send(200, { 'content-type': 'text/html; charset=windows-1250' }, '<p>Dzień dobry</p>'),
      '/moved': send(301, { location: '/page' }),
      '/feed': send(200, { 'content-type': 'application/rss+xml' }, '<rss version="2.0"><channel><title>Feed</title><item><title>One</title><link>https://n.example/1</link></item></channel></rss>'),
      '/to-canary': send(302, { location: `http://127.0.0.2:${canary.port}/` }),
    }),
  );
});

afterAll(async () => {
  await site.close();
  await canary.close();
});

describe('newsflow fetch', () => {
  it('prints status, final URL, content type, size and charset', async () => {
    const io = capture();
    const code = await fetchCommand([`${site.origin}/moved`, '--allow', '127.0.0.1'], { ...io, env: {} });
    expect(code).toBe(0);
    expect(io.out()).toBe(
      [
        'status    200',
        `final URL ${site.origin}/page`,
        'type      text/html',
        `size      ${Buffer.byteLength('<p>Dzień dobry</p>')} bytes`,
        'charset   windows-1250',
        '',
      ].join('\n'),
    );
  });

  it('prints the typed refusal as JSON and never reaches the internal host', async () => {
    const io = capture();
    const code = await fetchCommand([`${site.origin}/to-canary`, '--json', '--allow=127.0.0.1'], { ...io, env: {} });
    expect(code).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ ok: false, code: 'fetch.blocked_address', retryable: false });
    expect(canary.requests).toHaveLength(0);
  });

  it('refuses loopback when nothing is allowed, naming the error and its kind', async () => {
    const io = capture();
    const code = await fetchCommand([`${site.origin}/page`], { ...io, env: {} });
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^refused {3}fetch\.blocked_address \(permanent\)\nreason {4}refusing 127\.0\.0\.1: 127\.0\.0\.1 is loopback\n$/);
  });

  it('lists the entries of a feed with --feed --json', async () => {
    const io = capture();
    const code = await fetchCommand([`${site.origin}/feed`, '--feed', '--json', '--allow', '127.0.0.1'], { ...io, env: {} });
    expect(code).toBe(0);
    const outcome = JSON.parse(io.out());
    expect(outcome).toMatchObject({ ok: true, kind: 'feed', feedId: feedIdFor(`${site.origin}/feed`), totalEntries: 1, entries: [{ kind: 'url', title: 'One' }] });
  });

  it('reads a local file', async () => {
    const io = capture();
    const path = fileURLToPath(new URL('./fixtures/atom.xml', import.meta.url));
    const code = await fetchCommand([path, '--json'], { ...io, env: {} });
    expect(code).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ ok: true, raw: { status: 200, contentType: 'application/atom+xml' } });
  });

  it('prints usage and exits 2 without a target', async () => {
    const io = capture();
    expect(await fetchCommand([], { ...io, env: {} })).toBe(2);
    expect(io.err()).toContain('usage: newsflow fetch');
  });
});

describe('newsflow feeds', () => {
  it('adds, lists, imports and removes feeds in Redis', async () => {
    const env = { REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: uniquePrefix('cli-feeds') };
    const add = capture();
    expect(await feedsCommand(['add', 'https://news.example/rss', '--interval', '30m', '--title', 'Kurier'], { ...add, env })).toBe(0);
    expect(add.out()).toBe(`added  ${feedIdFor('https://news.example/rss')}  https://news.example/rss  every 30m\n`);

    const imported = capture();
    const opml = fileURLToPath(new URL('./fixtures/subscriptions.opml', import.meta.url));
    expect(await feedsCommand(['import', opml], { ...imported, env })).toBe(0);
    expect(imported.out()).toContain('2 added, 1 already there, 1 skipped');

    const list = capture();
    expect(await feedsCommand(['list', '--json'], { ...list, env })).toBe(0);
    const feeds = JSON.parse(list.out()) as Array<{ url: string; intervalMs: number; nextIntervalMs: number }>;
    expect(feeds.map((f) => f.url).sort()).toEqual(['https://news.example/rss', 'https://news.example/rss?lang=pl&x=1', 'https://wire.example/atom.xml']);
    expect(feeds.find((f) => f.url === 'https://news.example/rss')).toMatchObject({ intervalMs: 1_800_000, nextIntervalMs: 1_800_000 });

    const remove = capture();
    expect(await feedsCommand(['remove', 'https://news.example/rss'], { ...remove, env })).toBe(0);
    const again = capture();
    expect(await feedsCommand(['remove', 'https://news.example/rss'], { ...again, env })).toBe(1);
    const after = capture();
    await feedsCommand(['list'], { ...after, env });
    expect(after.out()).not.toContain('https://news.example/rss  ');
    expect(after.out()).toContain('https://wire.example/atom.xml');
  });

  it('rejects an unknown subcommand and a bad interval with exit 2', async () => {
    const io = capture();
    expect(await feedsCommand(['frobnicate'], { ...io, env: {} })).toBe(2);
    expect(await feedsCommand(['add', 'https://x.example/', '--interval', 'soon'], { ...io, env: {} })).toBe(2);
  });
});
