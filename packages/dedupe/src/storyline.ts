/**
 * Storylines: events linked across days by strong shared entities. The 15 Aug and 16 Aug
 * Putin–Lukashenko calls and the 30 Aug call are separate events (days apart, each closed by the
 * window) but one storyline, because each is *about* the same pair of actors.
 *
 * An article's storyline key is the pair of its two strongest entities (in the title, or mentioned
 * at least twice and ≥ 30 % as often as the most mentioned one), people before organisations before
 * places, and never two places: a pair of places
 * ("Russia"–"Ukraine") is too broad to make a storyline. Events whose articles share a key within
 * `storylineDays` of each other get the same storyline id (the store keeps, per key, the storyline
 * id and the last time it was seen).
 */
import type { EntityMention } from '@newsflow/contracts/documents';

export interface StorylineOptions {
  /** How many strongest entities are paired (default 2 → one pair: each storyline key costs a Redis key). */
  strongest?: number;
}

/** People first, then organisations, then places. */
const KIND_RANK: Record<EntityMention['kind'], number> = { person: 0, organisation: 1, place: 2 };

export function strongEntities(entities: readonly EntityMention[], strongest = 3): EntityMention[] {
  if (entities.length === 0) return [];
  const maxCount = Math.max(...entities.map((e) => e.count));
  return entities
    .filter((e) => e.inTitle || e.count >= Math.max(2, maxCount * 0.3))
    // Actors first (people, organisations): a storyline is who does what, places are context.
    .sort(
      (a, b) =>
        KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
        Number(b.inTitle) - Number(a.inTitle) ||
        b.count - a.count ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, strongest);
}

export function storylineKeys(entities: readonly EntityMention[], options: StorylineOptions = {}): string[] {
  const strong = strongEntities(entities, options.strongest ?? 2);
  const keys: string[] = [];
  for (let i = 0; i < strong.length; i++) {
    for (let j = i + 1; j < strong.length; j++) {
      const a = strong[i]!;
      const b = strong[j]!;
      if (a.kind === 'place' && b.kind === 'place') continue;
      if (a.id === b.id) continue;
      keys.push(a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`);
    }
  }
  return [...new Set(keys)].sort();
}
