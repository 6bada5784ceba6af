import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Redis } from 'ioredis';
import { testRedis, uniquePrefix } from '@newsflow/test/support/redis';
import { createDocumentFrequencies } from '@newsflow/dedupe/term-stats';
import { createSharedDocumentFrequencies, type SharedDocumentFrequencyOptions } from '@newsflow/dedupe/shared-frequencies';
import { createLexicalSimilarity } from '@newsflow/dedupe/lexical-similarity';
import { article, random } from './articles.ts';

/** Documents of 5–25 keys drawn from a skewed vocabulary of 300 (a few keys in most, many in one). */
function documents(seed: number, count: number): string[][] {
  const rand = random(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 5 + Math.floor(rand() * 20) }, () => `t:w${Math.floor(Math.pow(rand(), 3) * 300)}`),
  );
}

const vocabulary = Array.from({ length: 300 }, (_, i) => `t:w${i}`).concat(['t:never-seen']);

describe('document frequencies shared through Redis', () => {
  const connections: Redis[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((c) => c.quit()));
  });

  async function shared(prefix: string, options: Partial<SharedDocumentFrequencyOptions> = {}) {
    const redis = testRedis();
    connections.push(redis);
    return createSharedDocumentFrequencies({ redis, prefix, priorDocuments: 50, flushEvery: 7, ...options });
  }

  it('gives two workers that counted different documents the same IDF: that of one model counting all of them', async () => {
    const prefix = uniquePrefix('df-two');
    const [a, b] = [await shared(prefix), await shared(prefix)];
    const [docsA, docsB] = [documents(1, 60), documents(2, 45)];
    const one = createDocumentFrequencies({ priorDocuments: 50 });
    // Interleaved, as two workers would count: flushes of one land between documents of the other.
    for (let i = 0; i < 60; i++) {
      a.observe(docsA[i]!);
      one.observe(docsA[i]!);
      if (docsB[i]) {
        b.observe(docsB[i]!);
        one.observe(docsB[i]!);
      }
    }
    // Before they meet, each weighs by its own documents (plus what the automatic flushes brought).
    expect(vocabulary.some((k) => a.idf(k) !== b.idf(k))).toBe(true);

    await a.sync();
    await b.sync();
    await a.sync();
    expect(a.documents).toBe(105);
    expect(b.documents).toBe(105);
    for (const key of vocabulary) {
      expect(a.df(key)).toBe(one.df(key));
      expect(b.df(key)).toBe(one.df(key));
      expect(a.idf(key)).toBeCloseTo(one.idf(key), 12);
      expect(b.idf(key)).toBeCloseTo(one.idf(key), 12);
    }
  });

  it('lets a restarted worker resume from Redis instead of starting cold', async () => {
    const prefix = uniquePrefix('df-restart');
    const first = await shared(prefix);
    const one = createDocumentFrequencies({ priorDocuments: 50 });
    for (const doc of documents(3, 40)) {
      first.observe(doc);
      one.observe(doc);
    }
    await first.close();

    const restarted = await shared(prefix);
    expect(restarted.documents).toBe(40);
    for (const key of vocabulary) expect(restarted.idf(key)).toBeCloseTo(one.idf(key), 12);
    // A cold in-process model would weigh the most common key as if it were unseen.
    expect(restarted.idf('t:w0')).toBeLessThan(createDocumentFrequencies({ priorDocuments: 50 }).idf('t:w0') - 0.5);
  });

  it('flushes on its own after flushEvery documents, and counts its own documents at once', async () => {
    const prefix = uniquePrefix('df-auto');
    const redis = testRedis();
    connections.push(redis);
    const df = await createSharedDocumentFrequencies({ redis, prefix, flushEvery: 5, flushMs: 60_000 });
    for (let i = 0; i < 4; i++) df.observe(['t:a', `t:only${i}`]);
    expect(df.df('t:a')).toBe(4);
    expect(await redis.get(`${prefix}:dd:dfn`)).toBeNull();
    df.observe(['t:a']);
    await vi.waitFor(async () => expect(await redis.get(`${prefix}:dd:dfn`)).toBe('5'));
    expect(df.df('t:a')).toBe(5);
    expect(df.documents).toBe(5);
  });

  it('keeps each bucket within its cap by dropping the rarest keys, never the common ones', async () => {
    const prefix = uniquePrefix('df-cap');
    const redis = testRedis();
    connections.push(redis);
    const df = await createSharedDocumentFrequencies({ redis, prefix, buckets: 4, bucketCap: 20, flushEvery: 10 });
    for (let i = 0; i < 400; i++) df.observe(['t:common', 'e:frequent', `t:rare${i}`]);
    await df.sync();
    for (let b = 0; b < 4; b++) expect(await redis.hlen(`${prefix}:dd:df:${b}`)).toBeLessThanOrEqual(20);
    expect(df.df('t:common')).toBe(400);
    expect(df.df('e:frequent')).toBe(400);
    expect(df.documents).toBe(400);
    // Most rare keys were pruned: they read as unseen (df 0), as the in-process model's pruning does.
    expect(Array.from({ length: 400 }, (_, i) => df.df(`t:rare${i}`)).filter((n) => n === 0).length).toBeGreaterThan(300);
  });

  it('prunes a full bucket to the keys seen in more documents than the smallest floor that leaves three quarters of the cap', async () => {
    const prefix = uniquePrefix('df-floor');
    const redis = testRedis();
    connections.push(redis);
    // One bucket, cap 8 (keeps ≤ 6): counts 1 1 2 2 3 3 4 5 9. Dropping the 1s leaves 7, the 1s and 2s leave 5.
    const df = await createSharedDocumentFrequencies({ redis, prefix, buckets: 1, bucketCap: 8, flushEvery: 1000 });
    const counts: Record<string, number> = { 't:a': 1, 't:b': 1, 't:c': 2, 't:d': 2, 't:e': 3, 't:f': 3, 't:g': 4, 't:h': 5, 't:i': 9 };
    for (let d = 0; d < 9; d++) df.observe(Object.keys(counts).filter((k) => counts[k]! > d));
    await df.sync();
    expect(await redis.hlen(`${prefix}:dd:df:0`)).toBe(5);
    expect(Object.fromEntries(Object.keys(counts).map((k) => [k, df.df(k)]))).toEqual({
      't:a': 0, 't:b': 0, 't:c': 0, 't:d': 0, 't:e': 3, 't:f': 3, 't:g': 4, 't:h': 5, 't:i': 9,
    });
  });

  it('flushes a backlog larger than one Lua unpack whole (as after a Redis outage)', async () => {
    const prefix = uniquePrefix('df-backlog');
    const redis = testRedis();
    connections.push(redis);
    const df = await createSharedDocumentFrequencies({ redis, prefix, buckets: 1, bucketCap: 5000, flushEvery: 1000 });
    const keys = Array.from({ length: 1200 }, (_, i) => `t:k${i}`);
    df.observe(keys);
    df.observe(keys.slice(0, 600));
    await df.flush();
    expect(await redis.hlen(`${prefix}:dd:df:0`)).toBe(1200);
    expect(await redis.get(`${prefix}:dd:dfn`)).toBe('2');
    const restarted = await createSharedDocumentFrequencies({ redis, prefix, buckets: 1, bucketCap: 5000 });
    expect(restarted.df('t:k0')).toBe(2);
    expect(restarted.df('t:k1199')).toBe(1);
  });

  it('weighs the lexical similarity alike in two workers once their counts have met', async () => {
    const prefix = uniquePrefix('df-lexical');
    const options = { languages: [], resources: () => ({}) };
    const [dfA, dfB] = [await shared(prefix), await shared(prefix)];
    const a = await createLexicalSimilarity({ ...options, documentFrequencies: dfA });
    const b = await createLexicalSimilarity({ ...options, documentFrequencies: dfB });
    const text = (words: string) => `${words} ${words}`;
    const x = article({ itemId: 'x', publishedAt: '2025-08-16T10:00:00Z', title: 'Minsk talks', text: text('talks in minsk on the border crossing and the grain corridor'), entities: [['ent:minsk', 2]] });
    const y = article({ itemId: 'y', publishedAt: '2025-08-16T12:00:00Z', title: 'Border talks', text: text('the border crossing talks went on in minsk about grain'), entities: [['ent:minsk', 1]] });
    // Each worker sees other articles on the same words, so their weights differ until they share.
    for (let i = 0; i < 8; i++) a.features(article({ itemId: `a${i}`, publishedAt: '2025-08-16T09:00:00Z', title: 'Grain', text: text(`grain corridor exports ${i}`), entities: [] }));
    for (let i = 0; i < 8; i++) b.features(article({ itemId: `b${i}`, publishedAt: '2025-08-16T09:00:00Z', title: 'Talks', text: text(`talks in minsk ${i}`), entities: [] }));
    const fx = a.features(x);
    const fy = b.features(y);
    expect(a.compare(fx, fy).score).not.toBe(b.compare(fx, fy).score);
    await dfA.sync();
    await dfB.sync();
    await dfA.sync();
    expect(a.compare(fx, fy).score).toBe(b.compare(fx, fy).score);
  });
});
