import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { testRedis, uniquePrefix } from '@newsflow/test/support/redis';
import { createDedupe, type Dedupe } from '@newsflow/dedupe/dedupe';
import { createJaccardSimilarity } from '@newsflow/dedupe/jaccard-similarity';
import { bucketRef } from '@newsflow/dedupe/keys';
import { article } from './articles.ts';

const putinCall = (itemId: string, publishedAt: string, extra: [string, number][] = []) =>
  article({
    itemId,
    publishedAt,
    title: `Putin and Lukashenko spoke by phone (${itemId})`,
    entities: [
      ['person:vladimir-putin', 3, true],
      ['person:alexander-lukashenko', 3, true],
      ['place:belarus', 1, false, 'place'],
      ...extra,
    ],
  });

describe('dedupe against a real Redis', () => {
  let redis: Redis;
  let prefix: string;
  let dedupe: Dedupe;

  beforeEach(() => {
    redis = testRedis();
    prefix = uniquePrefix('dedupe');
    dedupe = createDedupe({ redis, prefix, similarity: createJaccardSimilarity({ threshold: 0.5 }) });
  });

  afterEach(async () => {
    await redis.quit();
  });

  it('assigns the same article twice without changing anything the second time', async () => {
    const input = putinCall('a1', '2025-08-15T10:00:00Z');
    const first = await dedupe.assign(input);
    const statsBefore = await dedupe.stats();
    const keysBefore = (await redis.keys(`${prefix}:*`)).sort();
    const second = await dedupe.assign(input);

    expect(first.outcome).toBe('new-event');
    expect(second.outcome).toBe('unchanged');
    expect(second.eventId).toBe(first.eventId);
    expect(await dedupe.stats()).toEqual(statsBefore);
    expect(statsBefore).toEqual({ articles: 1, events: 1 });
    expect((await redis.keys(`${prefix}:*`)).sort()).toEqual(keysBefore);
    expect((await dedupe.event(first.eventId))?.articles.map((a) => a.itemId)).toEqual(['a1']);
  });

  it('links an article with the same canonical URL as a duplicate and does not count it', async () => {
    const original = await dedupe.assign(article({ itemId: 'o1', publishedAt: '2025-08-15T10:00:00Z', canonicalUrl: 'https://example.org/story', entities: [['person:x', 1]] }));
    const copy = await dedupe.assign(
      article({ itemId: 'c1', publishedAt: '2025-08-15T11:00:00Z', canonicalUrl: 'https://example.org/story', text: 'A different rendering of the same page.', entities: [['person:y', 1]] }),
    );

    expect(copy).toMatchObject({ outcome: 'duplicate', eventId: original.eventId, duplicateOf: 'o1' });
    expect(copy.evidence.reason).toContain('same canonical URL');
    expect(await dedupe.stats()).toEqual({ articles: 1, events: 1 });
    expect(await dedupe.eventOf('c1')).toBe(original.eventId);
    expect((await dedupe.event(original.eventId))?.articles.map((a) => a.itemId)).toEqual(['o1']);
  });

  it('links an article with the same normalised text as a duplicate of the original', async () => {
    const text = 'The central bank raised its main rate by half a point on Tuesday, citing inflation.';
    const original = await dedupe.assign(article({ itemId: 't1', publishedAt: '2025-08-15T10:00:00Z', title: 'Rate rise', text, entities: [['org:central-bank', 2]] }));
    const copy = await dedupe.assign(article({ itemId: 't2', publishedAt: '2025-08-15T10:05:00Z', title: 'Rate rise', text, sourceId: 'other', entities: [['org:central-bank', 2]] }));
    const again = await dedupe.assign(article({ itemId: 't2', publishedAt: '2025-08-15T10:05:00Z', title: 'Rate rise', text, sourceId: 'other', entities: [['org:central-bank', 2]] }));

    expect(copy).toMatchObject({ outcome: 'duplicate', eventId: original.eventId, duplicateOf: 't1' });
    expect(again).toMatchObject({ outcome: 'unchanged', eventId: original.eventId, duplicateOf: 't1' });
    expect(await dedupe.stats()).toEqual({ articles: 1, events: 1 });
  });

  it('links a lightly edited copy as a near-duplicate in the original’s event', async () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const original = await dedupe.assign(article({ itemId: 'n1', publishedAt: '2025-08-15T10:00:00Z', text: words, entities: [['person:a', 1]] }));
    const edited = await dedupe.assign(
      article({ itemId: 'n2', publishedAt: '2025-08-15T12:00:00Z', text: `${words} (Reuters)`, entities: [['person:b', 1]] }),
    );

    expect(edited).toMatchObject({ outcome: 'near-duplicate', eventId: original.eventId, duplicateOf: 'n1' });
    expect(edited.evidence.matchedItemId).toBe('n1');
    expect(edited.evidence.reason).toMatch(/near-duplicate of n1/);
    const view = await dedupe.event(original.eventId);
    expect(view?.articles.find((a) => a.itemId === 'n2')?.duplicateOf).toBe('n1');
    expect(await dedupe.stats()).toEqual({ articles: 2, events: 1 });
  });

  it('joins a related article to the open event and records why', async () => {
    const first = await dedupe.assign(putinCall('p1', '2025-08-15T10:00:00Z'));
    const second = await dedupe.assign(putinCall('p2', '2025-08-15T14:00:00Z', [['person:dmitry-peskov', 1]]));

    expect(second.outcome).toBe('joined-event');
    expect(second.eventId).toBe(first.eventId);
    expect(second.evidence.matchedItemId).toBe('p1');
    expect(second.evidence.score).toBeGreaterThanOrEqual(0.5);
    expect(second.evidence.sharedEntities.map((e) => e.id)).toEqual(
      expect.arrayContaining(['person:vladimir-putin', 'person:alexander-lukashenko']),
    );
    const view = await dedupe.event(first.eventId);
    expect(view?.evidence.filter((e) => e.kind === 'membership').map((e) => e.itemId)).toEqual(['p1', 'p2']);
    expect(view?.title).toBe('Putin and Lukashenko spoke by phone (p1)');
    expect(view?.articles.find((a) => a.itemId === 'p2')?.evidence.sharedEntities).toEqual(second.evidence.sharedEntities);
    expect(view?.firstSeen).toBe('2025-08-15T10:00:00.000Z');
    expect(view?.lastSeen).toBe('2025-08-15T14:00:00.000Z');
    expect(view?.entities[0]).toMatchObject({ articles: 2 });
  });

  it('starts a new event when the matching event closed before the article was published', async () => {
    const early = await dedupe.assign(putinCall('w1', '2025-08-15T10:00:00Z'));
    const late = await dedupe.assign(putinCall('w2', '2025-08-20T10:00:00Z'));

    expect(late.outcome).toBe('new-event');
    expect(late.eventId).not.toBe(early.eventId);
    expect(await dedupe.stats()).toEqual({ articles: 2, events: 2 });
  });

  it('merges two open events that an article shows to be one, and redirects the absorbed id', async () => {
    dedupe = createDedupe({ redis, prefix, similarity: createJaccardSimilarity({ threshold: 0.5 }), mergeThreshold: 0.5 });
    const left = await dedupe.assign(article({ itemId: 'm1', publishedAt: '2025-08-15T10:00:00Z', entities: [['person:x', 2], ['org:y', 2]] }));
    const right = await dedupe.assign(article({ itemId: 'm2', publishedAt: '2025-08-15T11:00:00Z', entities: [['person:z', 2], ['org:w', 2]] }));
    expect(right.eventId).not.toBe(left.eventId);

    const bridge = await dedupe.assign(
      article({ itemId: 'm3', publishedAt: '2025-08-15T12:00:00Z', entities: [['person:x', 2], ['org:y', 2], ['person:z', 2], ['org:w', 2]] }),
    );

    expect(bridge.outcome).toBe('joined-event');
    const survivor = bridge.eventId;
    const absorbed = survivor === left.eventId ? right.eventId : left.eventId;
    expect([left.eventId, right.eventId]).toContain(survivor);
    for (const id of ['m1', 'm2', 'm3']) expect(await dedupe.eventOf(id)).toBe(survivor);
    const view = await dedupe.event(absorbed);
    expect(view?.id).toBe(survivor);
    expect(view?.articles.map((a) => a.itemId).sort()).toEqual(['m1', 'm2', 'm3']);
    expect(view?.title).toBe(`Title of ${survivor.replace(/^ev-/, '')}`);
    const merge = view?.evidence.find((e) => e.kind === 'merge');
    expect(merge).toMatchObject({ itemId: 'm3', score: 0.5 });
    expect(merge?.reason).toContain(`merged ${absorbed} into ${survivor}`);
    expect(await dedupe.stats()).toEqual({ articles: 3, events: 1 });
    expect((await dedupe.events()).map((e) => e.id)).toEqual([survivor]);
  });

  it('drops storyline pairs older than their TTL from a full bucket when new pairs arrive, and keeps fresh ones', async () => {
    // One storyline bucket (cap 100), storylines 1 day apart at most: pairs are stale after 2 days.
    const small = createDedupe({ redis, prefix, similarity: createJaccardSimilarity({ threshold: 0.5 }), storylineBuckets: 1, storylineDays: 1 });
    const pairArticle = (n: number, publishedAt: string) =>
      article({ itemId: `p${n}`, publishedAt, title: `Pair ${n}`, text: `Story number ${n}.`, entities: [[`person:a${n}`, 2, true], [`person:b${n}`, 2, true]] });
    const bucket = `${prefix}:dd:sl:0`;
    for (let n = 0; n < 140; n++) await small.bulkLoad(pairArticle(n, '2025-08-01T10:00:00Z'), `g${n}`);
    expect(await redis.hlen(bucket)).toBe(140); // all fresh: scans at 101 and 133 dropped nothing

    // Ten days later the old pairs are stale: the bucket is scanned once every 32 new pairs past the cap.
    for (let n = 140; n < 164; n++) await small.bulkLoad(pairArticle(n, '2025-08-11T10:00:00Z'), `g${n}`);
    expect(await redis.hlen(bucket)).toBe(164);
    await small.bulkLoad(pairArticle(164, '2025-08-11T10:00:00Z'), 'g164');
    expect(await redis.hlen(bucket)).toBe(25);
    expect(await redis.hget(bucket, bucketRef('sl:person:a0|person:b0', 1).field)).toBeNull();
    expect(await redis.hget(bucket, bucketRef('sl:person:a164|person:b164', 1).field)).toMatch(/^sl-p164\|/);
  });

  it('links the 15, 16 and 30 August Putin–Lukashenko calls into one storyline of separate events', async () => {
    dedupe = createDedupe({ redis, prefix, similarity: createJaccardSimilarity({ threshold: 0.5 }), eventWindowHours: 12 });
    const aug15 = await dedupe.assign(putinCall('s15', '2025-08-15T10:00:00Z'));
    const aug16 = await dedupe.assign(putinCall('s16', '2025-08-16T18:00:00Z'));
    const aug30 = await dedupe.assign(putinCall('s30', '2025-08-30T09:00:00Z'));
    const other = await dedupe.assign(
      article({ itemId: 'o', publishedAt: '2025-08-16T10:00:00Z', entities: [['person:emmanuel-macron', 3, true], ['org:eu', 2, true, 'organisation']] }),
    );

    expect(new Set([aug15.eventId, aug16.eventId, aug30.eventId]).size).toBe(3);
    const views = await Promise.all([aug15, aug16, aug30].map((r) => dedupe.event(r.eventId)));
    const storylines = views.map((v) => v?.storylineId);
    expect(storylines[0]).toBeDefined();
    expect(new Set(storylines)).toEqual(new Set([storylines[0]]));
    expect((await dedupe.event(other.eventId))?.storylineId).not.toBe(storylines[0]);
  });

  it('lists events newest first, limited and filtered by time', async () => {
    dedupe = createDedupe({ redis, prefix, similarity: createJaccardSimilarity({ threshold: 0.5 }) });
    for (const [id, day] of [['e1', '10'], ['e2', '12'], ['e3', '11']] as const) {
      await dedupe.assign(article({ itemId: id, publishedAt: `2025-08-${day}T10:00:00Z`, entities: [[`person:${id}`, 1]] }));
    }

    expect((await dedupe.events()).map((e) => e.articles[0]?.itemId)).toEqual(['e2', 'e3', 'e1']);
    expect((await dedupe.events({ limit: 1 })).map((e) => e.articles[0]?.itemId)).toEqual(['e2']);
    expect((await dedupe.events({ since: '2025-08-11T00:00:00Z' })).map((e) => e.articles[0]?.itemId)).toEqual(['e2', 'e3']);
    expect(await dedupe.event('ev-nothing')).toBeUndefined();
    expect(await dedupe.eventOf('nothing')).toBeUndefined();
  });

  it('drops the index of days that left the retention and keeps the old assignments', async () => {
    const old = await dedupe.assign(putinCall('r1', '2025-08-01T10:00:00Z'));
    const slotOfDay = (iso: string) => String(Math.floor(Date.parse(iso) / 86_400_000));
    expect((await redis.keys(`${prefix}:dd:x:${slotOfDay('2025-08-01T10:00:00Z')}:*`)).length).toBeGreaterThan(0);

    const recent = await dedupe.assign(putinCall('r2', '2025-08-10T10:00:00Z'));

    const indexKeys = [...(await redis.keys(`${prefix}:dd:x:*`)), ...(await redis.keys(`${prefix}:dd:fb:*`))];
    expect(indexKeys.length).toBeGreaterThan(0);
    expect(indexKeys.every((k) => k.split(':').at(-2) === slotOfDay('2025-08-10T10:00:00Z'))).toBe(true);
    expect(await dedupe.eventOf('r1')).toBe(old.eventId);
    expect((await dedupe.event(old.eventId))?.articles.map((a) => a.itemId)).toEqual(['r1']);
    expect(recent.outcome).toBe('new-event');
    // A copy of the old article is still an exact duplicate: those maps are permanent.
    expect(await dedupe.assign({ ...putinCall('r1-copy', '2025-08-01T10:00:00Z'), clean: { ...putinCall('r1', '2025-08-01T10:00:00Z').clean, itemId: 'r1-copy' } })).toMatchObject({
      outcome: 'duplicate',
      duplicateOf: 'r1',
    });
  });

  it('bulk-loads articles into known groups that later articles can join', async () => {
    await dedupe.bulkLoad(putinCall('b1', '2025-08-15T10:00:00Z'), 'call');
    await dedupe.bulkLoad(putinCall('b2', '2025-08-15T11:00:00Z'), 'call');
    await dedupe.bulkLoad(article({ itemId: 'b3', publishedAt: '2025-08-15T11:00:00Z', entities: [['person:other', 2]] }), 'other');
    const later = await dedupe.assign(putinCall('b4', '2025-08-15T12:00:00Z'));

    expect(await dedupe.eventOf('b2')).toBe(await dedupe.eventOf('b1'));
    expect(await dedupe.eventOf('b3')).not.toBe(await dedupe.eventOf('b1'));
    expect(later).toMatchObject({ outcome: 'joined-event', eventId: await dedupe.eventOf('b1') });
    expect(await dedupe.stats()).toEqual({ articles: 4, events: 2 });
  });

  it('clusters a late backfill among itself after the index has moved on to newer days', async () => {
    await dedupe.assign(putinCall('late0', '2025-08-30T12:00:00Z'));
    const first = await dedupe.assign(putinCall('late1', '2025-08-16T14:00:00Z'));
    const second = await dedupe.assign(putinCall('late2', '2025-08-16T15:00:00Z'));

    expect(first.outcome).toBe('new-event');
    expect(second).toMatchObject({ outcome: 'joined-event', eventId: first.eventId });
    // The next newer day sweeps the backfilled slot again.
    await dedupe.assign(putinCall('late3', '2025-08-31T12:00:00Z'));
    const slotOfDay = (iso: string) => String(Math.floor(Date.parse(iso) / 86_400_000));
    expect(await redis.keys(`${prefix}:dd:x:${slotOfDay('2025-08-16T14:00:00Z')}:*`)).toEqual([]);
  });

  it('cuts a publication date far after the fetch to a day after it, so that it cannot sweep the index', async () => {
    await dedupe.assign(putinCall('f1', '2025-08-14T10:00:00Z'));
    const future = await dedupe.assign({ ...putinCall('f2', '2099-01-01T00:00:00Z'), fetchedAt: '2025-08-14T12:00:00Z' });

    expect(future.outcome).toBe('joined-event');
    expect((await dedupe.event(future.eventId))?.lastSeen).toBe('2025-08-15T12:00:00.000Z');
    expect(await redis.get(`${prefix}:dd:maxslot`)).toBe(String(Math.floor(Date.parse('2025-08-15T12:00:00Z') / 86_400_000)));
  });

  it('keeps every key under its prefix', async () => {
    await dedupe.assign(putinCall('k1', '2025-08-15T10:00:00Z'));
    await dedupe.assign(putinCall('k2', '2025-08-15T11:00:00Z'));
    const all = await redis.keys('*');
    const ours = all.filter((k) => k.includes(':a:k1') || k.includes(':a:k2'));
    expect(ours.every((k) => k.startsWith(`${prefix}:`))).toBe(true);
    expect(ours).toHaveLength(2);
    expect(await redis.keys(`${prefix}:dd:lk:*`)).toEqual([]);
  });
});
