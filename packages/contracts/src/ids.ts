import { createHash } from 'node:crypto';
import type { Stage } from './stages.ts';
import type { SourceRef } from './payloads.ts';

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** The identity of a source, stable across runs: what makes replaying twice a no-op. */
export function sourceKey(source: SourceRef): string {
  switch (source.kind) {
    case 'file':
      return `file:${source.path}`;
    case 'url':
      return `url:${source.url}`;
    case 'feed':
      return `feed:${source.url}`;
  }
}

/** Deterministic item id for a source (hex, no colons: BullMQ job ids must not contain ':'). */
export function itemIdFor(source: SourceRef): string {
  return digest(sourceKey(source), 20);
}

/** Deterministic job id: the same item at the same stage is one job. */
export function jobIdFor(stage: Stage, itemId: string): string {
  return `${stage}-${itemId}`;
}

/** Deterministic id of a feed, from its URL. */
export function feedIdFor(url: string): string {
  return digest(`feed:${url}`, 16);
}

/** Short hash of any text, for content fingerprints. */
export function contentHash(text: string): string {
  return digest(text, 32);
}
