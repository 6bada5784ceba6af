import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { testRedis, uniquePrefix } from '@newsflow/test/support/redis';
import type { DedupeResult, EventView } from '@newsflow/contracts/documents';
import { createAnalyser } from '@newsflow/dedupe/analyse';
import { createDedupe } from '@newsflow/dedupe/dedupe';
import { createLexicalSimilarity } from '@newsflow/dedupe/lexical-similarity';

/**
 * The four seeds through the real stages and the default similarity. The seed files carry no
 * publication times; these are the days of the calls they report (001 en and 003 pl: the 16 Aug
 * call; 002 en: the 15 Aug call; 000 it: taken as the 30 Aug call). Processed in file order, so the
 * 30 Aug article comes first and the others are a backfill.
 */
const seedsDir = fileURLToPath(new URL('../../../seeds/', import.meta.url));
const publishedAt: Record<string, string> = {
  '000': '2020-08-30T12:00:00Z',
  '001': '2020-08-16T14:00:00Z',
  '002': '2020-08-15T14:00:00Z',
  '003': '2020-08-16T15:00:00Z',
};

describe('the four seeds through dedupe with the default similarity', () => {
  let redis: Redis;
  const results = new Map<string, DedupeResult>();
  let events: EventView[] = [];

  beforeAll(async () => {
    redis = testRedis();
    const analyser = await createAnalyser();
    const dedupe = createDedupe({ redis, prefix: uniquePrefix('dedupe-seeds'), similarity: await createLexicalSimilarity() });
    for (const file of readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()) {
      const id = file.slice(0, 3);
      const input = await analyser.analyse({ id, text: readFileSync(`${seedsDir}${file}`, 'utf8') });
      input.clean.publishedAt = publishedAt[id]!;
      results.set(id, await dedupe.assign(input));
    }
    events = await dedupe.events();
  }, 180_000); // loading the analyser and every lexicon: ≈ 20 s alone, minutes on a busy machine

  afterAll(async () => {
    await redis.quit();
  });

  it('puts the English and Polish reports of the 16 Aug call in one event', () => {
    expect(results.get('003')).toMatchObject({ outcome: 'joined-event', eventId: results.get('001')?.eventId });
    expect(results.get('003')?.evidence.sharedEntities.map((e) => e.id)).toEqual(
      expect.arrayContaining(['person:vladimir-putin', 'person:alexander-lukashenko']),
    );
  });

  it('keeps the 15 Aug and 30 Aug calls as events of their own', () => {
    expect(events).toHaveLength(3);
    expect(new Set(['000', '001', '002'].map((id) => results.get(id)?.eventId)).size).toBe(3);
  });

  it('links the three calls into one storyline', () => {
    const storylines = new Set(events.map((e) => e.storylineId));
    expect(storylines.size).toBe(1);
    expect([...storylines][0]).toBeDefined();
  });
});
