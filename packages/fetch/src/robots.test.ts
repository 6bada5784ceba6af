import { describe, expect, it } from 'vitest';
import { createMemoryRobotsCache, recordFromStatus, robotsUrlFor, robotsVerdict } from './robots.ts';

const url = (path: string) => new URL(`https://news.example${path}`);
const rules = (body: string) => recordFromStatus(200, 'https://news.example/robots.txt', body);

describe('robots.txt records (RFC 9309)', () => {
  it('lives at the root of the origin', () => {
    expect(robotsUrlFor(new URL('https://news.example:8443/a/b?c')).href).toBe('https://news.example:8443/robots.txt');
  });

  it('allows everything on 4xx and disallows everything on 5xx and 429', () => {
    expect(recordFromStatus(404, 'x', '')).toEqual({ kind: 'allow-all', status: 404 });
    expect(recordFromStatus(401, 'x', '')).toEqual({ kind: 'allow-all', status: 401 });
    expect(recordFromStatus(503, 'x', '')).toMatchObject({ kind: 'disallow-all' });
    expect(recordFromStatus(429, 'x', '')).toMatchObject({ kind: 'disallow-all' });
    expect(robotsVerdict(recordFromStatus(500, 'x', ''), url('/'), 'newsflow')).toMatchObject({ allowed: false });
  });

  it('uses the group for our product token over the * group, case-insensitively', () => {
    const record = rules('User-agent: *\nDisallow: /\n\nUser-agent: NewsFlow\nDisallow: /private\n');
    expect(robotsVerdict(record, url('/news/1'), 'newsflow').allowed).toBe(true);
    expect(robotsVerdict(record, url('/private/x'), 'newsflow')).toMatchObject({ allowed: false, reason: expect.stringContaining('disallows /private/x') });
    expect(robotsVerdict(record, url('/news/1'), 'otherbot').allowed).toBe(false);
  });

  it('lets the longest match win, and Allow win a tie', () => {
    const record = rules('User-agent: *\nDisallow: /a\nAllow: /a/open\nDisallow: /b\nAllow: /b\n');
    expect(robotsVerdict(record, url('/a/closed'), 'newsflow').allowed).toBe(false);
    expect(robotsVerdict(record, url('/a/open/1'), 'newsflow').allowed).toBe(true);
    expect(robotsVerdict(record, url('/b'), 'newsflow').allowed).toBe(true);
  });

  it('reads Crawl-delay in seconds, fractional too', () => {
    expect(robotsVerdict(rules('User-agent: *\nCrawl-delay: 2.5\n'), url('/'), 'newsflow').crawlDelayMs).toBe(2_500);
    expect(robotsVerdict(rules('User-agent: *\nDisallow:\n'), url('/'), 'newsflow').crawlDelayMs).toBeUndefined();
  });

  it('ignores a body that has no rules (an HTML error page, say)', () => {
    expect(robotsVerdict(rules('<html><body>Not here</body></html>'), url('/x'), 'newsflow').allowed).toBe(true);
  });
});

describe('createMemoryRobotsCache', () => {
  it('forgets entries when their TTL ends and never keeps one longer than 24 h', async () => {
    let now = 0;
    const cache = createMemoryRobotsCache(() => now);
    await cache.set('https://a.example', { kind: 'allow-all', status: 404 }, 1_000);
    await cache.set('https://b.example', { kind: 'allow-all', status: 404 }, 7 * 24 * 3_600_000);
    now = 999;
    expect(await cache.get('https://a.example')).toEqual({ kind: 'allow-all', status: 404 });
    now = 1_000;
    expect(await cache.get('https://a.example')).toBeUndefined();
    now = 24 * 3_600_000;
    expect(await cache.get('https://b.example')).toBeUndefined();
  });
});
