import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { testRedis, uniquePrefix } from '@newsflow/test/support/redis';
import type { DedupeInput } from '@newsflow/contracts/documents';
import { createDedupe, type Dedupe } from '@newsflow/dedupe/dedupe';
import { createJaccardSimilarity } from '@newsflow/dedupe/jaccard-similarity';
import { article, random, shuffle } from './articles.ts';

const GROUPS = 10;
const PER_GROUP = 6;

/**
 * ~80 articles in 10 true groups. Article k of a group names core entities k, k+1, k+2 (mod 6)
 * of its group, so only neighbours on a ring match directly (score 0.4–0.5; two apart ≈ 0.2):
 * groups form by chaining and by merges, depending on the order. Each also names one of three
 * entities common to all groups; two per group are an exact and a near copy of the first.
 */
function stream(seed: number): { inputs: DedupeInput[]; groupOf: Map<string, number> } {
  const rand = random(seed);
  const inputs: DedupeInput[] = [];
  const groupOf = new Map<string, number>();
  for (let g = 0; g < GROUPS; g++) {
    const base = Date.parse('2025-08-01T00:00:00Z') + g * 6 * 3_600_000;
    for (let k = 0; k < PER_GROUP; k++) {
      const itemId = `g${g}a${k}`;
      const core = [k, k + 1, k + 2].map((c) => [`ent:g${g}-${c % PER_GROUP}`, 2] as [string, number]);
      const common: [string, number] = [`ent:common-${Math.floor(rand() * 3)}`, 1];
      const words = Array.from({ length: 60 }, (_, i) => `g${g}w${Math.floor(rand() * 400)}x${i}`).join(' ');
      inputs.push(
        article({ itemId, publishedAt: new Date(base + Math.floor(rand() * 8) * 3_600_000).toISOString(), text: words, entities: [...core, common] }),
      );
      groupOf.set(itemId, g);
    }
    // An exact copy (same text and title) and a near copy of the group's first article.
    const first = inputs[inputs.length - PER_GROUP]!;
    inputs.push({ ...first, itemId: `g${g}copy`, clean: { ...first.clean, itemId: `g${g}copy` } });
    inputs.push({ ...first, itemId: `g${g}near`, clean: { ...first.clean, itemId: `g${g}near`, text: `${first.clean.text} (AFP)` } });
    groupOf.set(`g${g}copy`, g);
    groupOf.set(`g${g}near`, g);
  }
  return { inputs, groupOf };
}

/** The grouping as a set of sorted member lists, independent of event ids. */
async function grouping(dedupe: Dedupe, itemIds: readonly string[]): Promise<string[]> {
  const byEvent = new Map<string, string[]>();
  for (const itemId of itemIds) {
    const eventId = await dedupe.eventOf(itemId);
    if (!eventId) throw new Error(`${itemId} has no event`);
    byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), itemId]);
  }
  return [...byEvent.values()].map((m) => m.sort().join(' ')).sort();
}

describe('dedupe with several workers at once', () => {
  const connections: Redis[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((c) => c.quit()));
  });

  function instance(prefix: string): Dedupe {
    const redis = testRedis();
    connections.push(redis);
    // Merging at the join threshold makes the result the connected components of the
    // similarity graph: what one worker gives in any order, and what racing workers must give.
    return createDedupe({ redis, prefix, similarity: createJaccardSimilarity({ threshold: 0.4 }), mergeThreshold: 0.4 });
  }

  it('gives three racing instances the grouping of one instance, each job delivered twice', async () => {
    const { inputs, groupOf } = stream(7);
    const itemIds = inputs.map((i) => i.itemId);

    const single = instance(uniquePrefix('dedupe-one'));
    for (const input of shuffle(inputs, random(1))) await single.assign(input);
    const expected = await grouping(single, itemIds);

    const prefix = uniquePrefix('dedupe-three');
    const workers = [instance(prefix), instance(prefix), instance(prefix)];
    // At-least-once delivery: every job twice, shuffled, all in flight at once over 3 connections.
    const jobs = shuffle([...inputs, ...inputs], random(2));
    const results = await Promise.all(jobs.map((input, i) => workers[i % 3]!.assign(input)));
    const actual = await grouping(workers[0]!, itemIds);

    expect(actual).toEqual(expected);
    // The fake similarity separates the true groups cleanly, so both equal the truth too.
    const truth = [...new Set(groupOf.values())].map((g) => itemIds.filter((id) => groupOf.get(id) === g).sort().join(' ')).sort();
    expect(actual).toEqual(truth);
    expect(await workers[1]!.stats()).toEqual(await single.stats());
    expect(await workers[2]!.stats()).toEqual({ articles: GROUPS * (PER_GROUP + 1), events: GROUPS });

    // Each item was decided once; its second delivery was 'unchanged' with the same event.
    const byItem = new Map<string, string[]>();
    for (const r of results) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r.outcome]);
    for (const [itemId, outcomes] of byItem) {
      expect(outcomes.filter((o) => o === 'unchanged'), itemId).toHaveLength(1);
    }
    // Whichever of the first article, its copy and its near copy came first is the original:
    // the other two are one exact duplicate and one near-duplicate, in any order.
    for (let g = 0; g < GROUPS; g++) {
      const decided = results.filter((r) => [`g${g}a0`, `g${g}copy`, `g${g}near`].includes(r.itemId) && r.outcome !== 'unchanged');
      expect(decided.filter((r) => r.outcome === 'duplicate'), `group ${g}`).toHaveLength(1);
      expect(decided.filter((r) => r.outcome === 'near-duplicate'), `group ${g}`).toHaveLength(1);
    }
    const events = await workers[0]!.events({ limit: 100 });
    expect(events).toHaveLength(GROUPS);
    expect(events.reduce((n, e) => n + e.articles.length, 0)).toBe(GROUPS * (PER_GROUP + 1));
  });
});
