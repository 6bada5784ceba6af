import { z } from 'zod';
import type { Stage } from './stages.ts';

/** Where an item comes from. Payloads carry references, never documents. */
export const SourceRef = z.discriminatedUnion('kind', [
  /** A local file: the replay path (.txt, .html). */
  z.object({ kind: z.literal('file'), path: z.string().min(1) }),
  /** One article page on the web. */
  z.object({ kind: z.literal('url'), url: z.url(), feedId: z.string().optional() }),
  /** An RSS/Atom/JSON feed whose entries become `url` items. */
  z.object({ kind: z.literal('feed'), url: z.url(), feedId: z.string().min(1) }),
]);
export type SourceRef = z.infer<typeof SourceRef>;

const ItemId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'item ids are lower-case, no colons');

export const FetchPayload = z.object({
  itemId: ItemId,
  /** What users see as the item's origin: the seed file name, the article URL. */
  sourceId: z.string().min(1),
  source: SourceRef,
});
export type FetchPayload = z.infer<typeof FetchPayload>;

/** Every stage after fetch takes only the item id: the documents are in the article store. */
export const ItemPayload = z.object({ itemId: ItemId });
export type ItemPayload = z.infer<typeof ItemPayload>;

/** The job catalog: one schema per queue, typing both producers and consumers. */
export const PAYLOADS = {
  fetch: FetchPayload,
  clean: ItemPayload,
  language: ItemPayload,
  entities: ItemPayload,
  dedupe: ItemPayload,
} as const satisfies Record<Stage, z.ZodType>;

export type PayloadOf<S extends Stage> = z.infer<(typeof PAYLOADS)[S]>;
