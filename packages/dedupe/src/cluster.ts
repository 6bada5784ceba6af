/**
 * Online clustering, the pure part: given a new article's features and its candidates (found by
 * the inverted index, with their current event), decide what the article becomes.
 *
 * Design: an event's score is the best score of the new article against the event's *member
 * articles* among the candidates (nearest-neighbour / single-link). A centroid alternative was
 * not built or measured (see EVALUATION.md). Members are what the index returns anyway, so no centroid
 * has to be kept up to date under concurrent writers, and the decision depends only on articles
 * that share an index key with the new one — which is what makes the locking in dedupe.ts sound.
 * An article that scores at or above the merge threshold against two open events bridges them:
 * the events are merged into the best-scoring one, with the bridge recorded as evidence.
 */
import type { MembershipEvidence } from '@newsflow/contracts/documents';
import type { ArticleFeatures, Comparison, Similarity } from './similarity.ts';

export interface CandidateEvent {
  id: string;
  firstSeenMs: number;
  lastSeenMs: number;
}

export interface Candidate {
  itemId: string;
  /** The original, when the candidate is itself a near-duplicate. */
  duplicateOf?: string;
  features: ArticleFeatures;
  /** The candidate's current event (merge redirects already followed). */
  event: CandidateEvent;
}

export interface ClusterOptions {
  similarity: Pick<Similarity, 'compare' | 'threshold'>;
  /** An event takes articles published up to this long after its last (or before its first) article. */
  windowMs: number;
  /** MinHash agreement at or above which an article is a near-duplicate. */
  nearDuplicateThreshold: number;
  /** Score at or above which a second open event is merged into the chosen one. */
  mergeThreshold: number;
}

export interface MergeDecision {
  absorbedEventId: string;
  evidence: MembershipEvidence;
}

export type Decision =
  | { kind: 'new-event'; evidence: MembershipEvidence }
  | { kind: 'joined-event'; eventId: string; evidence: MembershipEvidence; merges: MergeDecision[] }
  | { kind: 'near-duplicate'; eventId: string; duplicateOf: string; evidence: MembershipEvidence };

/** Share of equal positions of two MinHash signatures: an estimate of the shingle Jaccard. */
export function minhashAgreement(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let equal = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) equal++;
  return equal / n;
}

export function isOpenFor(event: CandidateEvent, publishedMs: number, windowMs: number): boolean {
  return publishedMs <= event.lastSeenMs + windowMs && publishedMs >= event.firstSeenMs - windowMs;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function evidenceOf(comparison: Comparison, matchedItemId: string, reason: string): MembershipEvidence {
  return {
    score: round(comparison.score),
    matchedItemId,
    sharedEntities: comparison.evidence.sharedEntities,
    sharedTerms: comparison.evidence.sharedTerms,
    reason,
  };
}

export function decide(features: ArticleFeatures, candidates: readonly Candidate[], options: ClusterOptions): Decision {
  const publishedMs = Date.parse(features.publishedAt);
  const others = candidates.filter((c) => c.itemId !== features.itemId);

  // Near-duplicates first: a syndicated copy joins its original's event whatever the window.
  let bestCopy: { candidate: Candidate; agreement: number } | undefined;
  for (const candidate of others) {
    const agreement = minhashAgreement(features.minhash, candidate.features.minhash);
    if (agreement >= options.nearDuplicateThreshold && (!bestCopy || agreement > bestCopy.agreement)) {
      bestCopy = { candidate, agreement };
    }
  }
  if (bestCopy) {
    const { candidate, agreement } = bestCopy;
    const original = candidate.duplicateOf ?? candidate.itemId;
    const comparison = options.similarity.compare(features, candidate.features);
    return {
      kind: 'near-duplicate',
      eventId: candidate.event.id,
      duplicateOf: original,
      evidence: evidenceOf(
        { ...comparison, score: Math.max(comparison.score, agreement) },
        candidate.itemId,
        `near-duplicate of ${original} (MinHash agreement ${round(agreement)})`,
      ),
    };
  }

  // Best member per open event.
  const perEvent = new Map<string, { event: CandidateEvent; candidate: Candidate; comparison: Comparison }>();
  for (const candidate of others) {
    if (!isOpenFor(candidate.event, publishedMs, options.windowMs)) continue;
    const comparison = options.similarity.compare(features, candidate.features);
    const current = perEvent.get(candidate.event.id);
    if (!current || comparison.score > current.comparison.score) {
      perEvent.set(candidate.event.id, { event: candidate.event, candidate, comparison });
    }
  }
  const ranked = [...perEvent.values()]
    .filter((e) => e.comparison.score >= options.similarity.threshold)
    // Deterministic order: score, then the older event, then the id.
    .sort(
      (a, b) =>
        b.comparison.score - a.comparison.score ||
        a.event.firstSeenMs - b.event.firstSeenMs ||
        (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0),
    );
  const best = ranked[0];
  if (!best) {
    let strongest: { candidate: Candidate; comparison: Comparison } | undefined;
    for (const e of perEvent.values()) if (!strongest || e.comparison.score > strongest.comparison.score) strongest = e;
    return {
      kind: 'new-event',
      evidence: strongest
        ? evidenceOf(strongest.comparison, strongest.candidate.itemId, `new event (best match ${round(strongest.comparison.score)} below ${options.similarity.threshold})`)
        : { score: 0, sharedEntities: [], sharedTerms: [], reason: 'new event (no candidate)' },
    };
  }
  const merges: MergeDecision[] = ranked
    .slice(1)
    .filter((e) => e.comparison.score >= options.mergeThreshold)
    .map((e) => ({
      absorbedEventId: e.event.id,
      evidence: evidenceOf(
        e.comparison,
        e.candidate.itemId,
        `merged ${e.event.id} into ${best.event.id}: the article matches both (${round(best.comparison.score)} and ${round(e.comparison.score)})`,
      ),
    }));
  return {
    kind: 'joined-event',
    eventId: best.event.id,
    evidence: evidenceOf(best.comparison, best.candidate.itemId, `joined: best match ${best.candidate.itemId}`),
    merges,
  };
}

/**
 * Rank candidates found in posting lists (ids `slot.seq`, seq in base 36) by how many of the
 * article's index keys they share (a sparse overlap count), keeping the top `limit`.
 * Ties: the newer (higher) sequence first.
 */
export function rankCandidates(postings: readonly (readonly string[])[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const list of postings) for (const id of new Set(list)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const seqOf = (id: string) => parseInt(id.slice(id.indexOf('.') + 1), 36);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || seqOf(b[0]) - seqOf(a[0]))
    .slice(0, limit)
    .map(([id]) => id);
}
