import { describe, expect, it } from 'vitest';
import { canonicalLink, createMemoryFeedStateStore, entryKeys, nextIntervalMs } from './feed-state.ts';

const entry = { guid: undefined, link: undefined, title: undefined, publishedAt: undefined, html: undefined, text: undefined };

describe('entry identity', () => {
  it('canonicalises links: no fragment, no tracking parameters, sorted query', () => {
    expect(canonicalLink('https://n.example/a?utm_source=x&b=2&a=1#c')).toBe('https://n.example/a?a=1&b=2');
    expect(canonicalLink('not a url')).toBe('not a url');
  });

  it('keys an entry by GUID, link and content, whichever it has', () => {
    expect(entryKeys({ ...entry, guid: 'g', link: 'https://n.example/a', title: 'T' }).map((k) => k.slice(0, 2))).toEqual(['g:', 'l:', 'h:']);
    expect(entryKeys({ ...entry, title: 'T' })).toHaveLength(1);
    expect(entryKeys(entry)).toEqual([]);
  });
});

describe('nextIntervalMs', () => {
  it('doubles per failure up to ×64 and stretches unchanged feeds up to ×4, within the maximum', () => {
    expect(nextIntervalMs({ failures: 0, unchanged: 0 }, 600_000)).toBe(600_000);
    expect(nextIntervalMs({ failures: 1, unchanged: 0 }, 600_000)).toBe(1_200_000);
    expect(nextIntervalMs({ failures: 6, unchanged: 0 }, 60_000)).toBe(3_840_000);
    expect(nextIntervalMs({ failures: 9, unchanged: 0 }, 60_000)).toBe(3_840_000);
    expect(nextIntervalMs({ failures: 0, unchanged: 1 }, 600_000)).toBe(900_000);
    expect(nextIntervalMs({ failures: 0, unchanged: 100 }, 600_000)).toBe(2_400_000);
    expect(nextIntervalMs({ failures: 10, unchanged: 0 }, 3_600_000, 6 * 3_600_000)).toBe(6 * 3_600_000);
  });
});

describe('createMemoryFeedStateStore', () => {
  it('keeps validators across a 304, counts unchanged polls and failures, and resets on change', async () => {
    const store = createMemoryFeedStateStore();
    await store.recordSuccess('f', { etag: '"1"', lastModified: 'x', changed: true, status: 200, at: 't1' });
    await store.recordSuccess('f', { changed: false, status: 304, at: 't2' });
    expect(await store.getState('f')).toEqual({ etag: '"1"', lastModified: 'x', failures: 0, unchanged: 1, lastFetchedAt: 't2', lastStatus: 304 });
    await store.recordFailure('f', { code: 'fetch.timeout', message: 'slow', at: 't3' });
    expect(await store.getState('f')).toMatchObject({ failures: 1, lastError: 'fetch.timeout: slow' });
    await store.recordSuccess('f', { changed: true, status: 200, at: 't4' });
    expect(await store.getState('f')).toEqual({ failures: 0, unchanged: 0, lastFetchedAt: 't4', lastStatus: 200 });
  });

  it('remembers seen keys per feed, forgetting the oldest beyond its bound', async () => {
    const store = createMemoryFeedStateStore({ maxSeen: 3 });
    await store.markSeen('f', ['a', 'b', 'c']);
    await store.markSeen('f', ['d']);
    expect(await store.unseen('f', [['a'], ['b', 'x'], ['d'], ['y']])).toEqual([true, false, false, true]);
    expect(await store.unseen('other', [['b']])).toEqual([true]);
  });
});
