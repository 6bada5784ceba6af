import { describe, expect, it } from 'vitest';
import { decide, minhashAgreement, rankCandidates, type Candidate, type ClusterOptions } from './cluster.ts';
import type { ArticleFeatures, Similarity } from './similarity.ts';

/** Jaccard over entity ids: the smallest similarity that exercises the decision. */
const jaccard: Pick<Similarity, 'compare' | 'threshold'> = {
  threshold: 0.5,
  compare(a, b) {
    const x = new Set(a.entities.map((e) => e.id));
    const y = new Set(b.entities.map((e) => e.id));
    const shared = [...x].filter((id) => y.has(id));
    const score = shared.length / new Set([...x, ...y]).size;
    return { score, evidence: { score, sharedEntities: shared.map((id) => ({ id, name: id })), sharedTerms: [] } };
  },
};

const options: ClusterOptions = { similarity: jaccard, windowMs: 36 * 3_600_000, nearDuplicateThreshold: 0.8, mergeThreshold: 0.5 };

function features(itemId: string, entities: string[], publishedAt = '2025-08-15T12:00:00Z', minhash = [itemId.length, 1, 2, 3].map((n, i) => n * 1000 + i + itemId.charCodeAt(0))): ArticleFeatures {
  return {
    itemId,
    language: 'en',
    publishedAt,
    textHash: itemId,
    minhash,
    entities: entities.map((id) => ({ id, name: id, weight: 1 })),
    terms: {},
    numbers: [],
    indexKeys: entities,
  };
}

function candidate(itemId: string, entities: string[], eventId: string, lastSeen = '2025-08-15T10:00:00Z', minhash?: number[]): Candidate {
  const ms = Date.parse(lastSeen);
  return { itemId, features: features(itemId, entities, lastSeen, minhash), event: { id: eventId, firstSeenMs: ms, lastSeenMs: ms } };
}

describe('decide', () => {
  it('starts a new event when there is no candidate', () => {
    expect(decide(features('a', ['x']), [], options)).toEqual({
      kind: 'new-event',
      evidence: { score: 0, sharedEntities: [], sharedTerms: [], reason: 'new event (no candidate)' },
    });
  });

  it('joins the event of the best-matching member and names that member', () => {
    const decision = decide(features('a', ['x', 'y', 'z']), [candidate('b', ['x', 'q'], 'e1'), candidate('c', ['x', 'y', 'z'], 'e2')], options);
    expect(decision).toMatchObject({ kind: 'joined-event', eventId: 'e2', merges: [], evidence: { score: 1, matchedItemId: 'c' } });
  });

  it('starts a new event when the best match is below the threshold, keeping the best match as evidence', () => {
    const decision = decide(features('a', ['x', 'y', 'z']), [candidate('b', ['x', 'q', 'r'], 'e1')], options);
    expect(decision.kind).toBe('new-event');
    expect(decision.evidence).toMatchObject({ score: 0.2, matchedItemId: 'b' });
  });

  it('ignores events closed before the article was published', () => {
    const decision = decide(features('a', ['x', 'y'], '2025-08-20T12:00:00Z'), [candidate('b', ['x', 'y'], 'e1', '2025-08-15T10:00:00Z')], options);
    expect(decision.kind).toBe('new-event');
  });

  it('merges a second open event the article matches above the merge threshold', () => {
    const decision = decide(
      features('a', ['x', 'y', 'z', 'w']),
      [candidate('b', ['x', 'y', 'z'], 'e1'), candidate('c', ['z', 'w'], 'e2'), candidate('d', ['q'], 'e3')],
      options,
    );
    expect(decision).toMatchObject({ kind: 'joined-event', eventId: 'e1' });
    expect(decision.kind === 'joined-event' && decision.merges).toEqual([
      expect.objectContaining({ absorbedEventId: 'e2', evidence: expect.objectContaining({ score: 0.5, matchedItemId: 'c' }) }),
    ]);
  });

  it('links a copy with an almost equal MinHash as a near-duplicate of the original', () => {
    const signature = Array.from({ length: 10 }, (_, i) => i);
    const copy = { ...candidate('b', ['q'], 'e1', '2025-08-15T10:00:00Z', signature), duplicateOf: 'orig' };
    const decision = decide(features('a', ['x'], '2025-08-15T12:00:00Z', [...signature.slice(0, 9), 99]), [copy], options);
    expect(decision).toMatchObject({ kind: 'near-duplicate', eventId: 'e1', duplicateOf: 'orig', evidence: { score: 0.9, matchedItemId: 'b' } });
  });
});

describe('minhashAgreement', () => {
  it('is the share of equal positions', () => {
    expect(minhashAgreement([1, 2, 3, 4], [1, 2, 0, 4])).toBe(0.75);
    expect(minhashAgreement([], [])).toBe(0);
  });
});

describe('rankCandidates', () => {
  it('keeps the candidates sharing the most keys, newest first among equals', () => {
    expect(rankCandidates([['1.a', '1.b', '2.c'], ['1.b', '2.c'], ['2.c', '2.z', '2.z']], 3)).toEqual(['2.c', '1.b', '2.z']);
  });
});
