/**
 * Compact storage of an article's features: what a later article is compared with.
 *
 * The MinHash signature is packed as raw little-endian values (1 byte a value for the default 8-bit
 * MinHash, instead of ≈ 11 in JSON), `indexKeys` are dropped (they live in the posting lists already
 * and `compare` does not need them), and the rest is JSON compressed with raw deflate and a preset
 * dictionary. A stored record also carries the
 * article's item id, the event it was assigned to (readers follow merge redirects) and, for
 * near-duplicates, the original.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ArticleFeatures } from './similarity.ts';
import { eventIdFor } from './keys.ts';

/** Ranks a term for storage beyond its weight (`Similarity.termImportance`). */
export type TermImportance = (kind: 'terms' | 'nativeTerms', key: string) => number;

/**
 * The features as they are kept: the `termsKept` heaviest terms of `terms` and `nativeTerms` (a
 * 150-word article has ≈ 140 of each; the heaviest carry most of a cosine), ranked by weight ×
 * `importance` when given (the similarity's IDF: a frequent common word carries less of a cosine
 * than a rarer one; on the SemEval pairs this keeps Pearson on stored features at 0.772 instead of
 * 0.756, at the same size), weights to 3
 * significant digits, and a b-bit MinHash (the low `minhashBits` bits of each value: two equal
 * values stay equal, two different ones collide with probability 2^-bits, so agreement is
 * overestimated by at most that much: 0.4 % at the default 8 bits). dedupe.ts compares the *new* article in the same compact
 * form, so both sides of every comparison are cut alike. (Index keys are computed by the
 * similarity before this, from the full signature.)
 */
export function compactFeatures(
  features: ArticleFeatures,
  termsKept: number,
  minhashBits = 8,
  importance?: TermImportance,
): ArticleFeatures {
  const top = (weights: Record<string, number>, kind: 'terms' | 'nativeTerms'): Record<string, number> => {
    const out: Record<string, number> = {};
    const rank = (key: string, w: number) => (importance ? w * importance(kind, key) : w);
    for (const [k, w] of Object.entries(weights)
      .map(([k, w]) => [k, w, rank(k, w)] as const)
      .sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1))
      .slice(0, termsKept)) {
      out[k] = Number(w.toPrecision(3));
    }
    return out;
  };
  const out: ArticleFeatures = {
    ...features,
    terms: top(features.terms, 'terms'),
    entities: features.entities.map((e) => ({ ...e, weight: Number(e.weight.toPrecision(3)) })),
    minhash:
      minhashBits >= 32 || features.minhash.some((v) => !Number.isInteger(v) || v < 0)
        ? features.minhash
        : features.minhash.map((v) => v % 2 ** minhashBits),
  };
  if (features.nativeTerms) out.nativeTerms = top(features.nativeTerms, 'nativeTerms');
  // Labels only name shared native terms in evidence: those of dropped native terms can never be shared.
  if (features.labels) {
    const kept = out.nativeTerms ?? {};
    out.labels = Object.fromEntries(Object.entries(features.labels).filter(([key]) => key in kept));
  }
  return out;
}

export interface StoredFeatures {
  itemId: string;
  eventId: string;
  duplicateOf?: string;
  features: ArticleFeatures;
}

interface Packed {
  i: string;
  /** event id, absent when it is the article's own (`ev-{itemId}`) */
  e?: string;
  d?: string;
  /** features without minhash and indexKeys */
  f: Omit<ArticleFeatures, 'minhash' | 'indexKeys' | 'itemId'>;
  /** minhash as JSON, when a value does not fit uint32 (else it follows the JSON as raw bytes) */
  mj?: number[];
  /** bytes a raw MinHash value: 1, 2 or 4 (absent: 4) */
  w?: number;
}

/**
 * A preset deflate dictionary: the JSON skeleton every record repeats. Deflate can refer back to it
 * from the first byte, so field names and fixed strings cost a few bits instead of their letters
 * (≈ 60 bytes saved on a small record). Changing it changes the format: add a new version then.
 */
export const FEATURE_DICTIONARY = Buffer.from(
  '"publishedAtSource":"fetch","canonicalUrl":"https://www.","tokenCount":,"numbers":["2025-","2026-"],' +
    '"labels":{},"names":{},"senses":{},"e":"ev-","d":"","w":1,"f":{"language":"en","publishedAt":"2025-01-01T00:00:00.000Z",' +
    '"publishedAtSource":"page","textHash":"","entities":[{"id":"Q","name":"","weight":1},{"id":"Q","name":"","weight":2.',
);

/** Version marker of the current layout. The first format began with a uint32 length < 2^24, never with 0xffffff. */
const FEATURES_V2 = Buffer.from([0xff, 0xff, 0xff, 0x02]);

/** Raw little-endian uint8/uint16 when every value fits (b-bit MinHash, see compactFeatures), else uint32. */
function packMinhash(values: number[]): { raw: Buffer; width: 1 | 2 | 4 } | undefined {
  let width: 1 | 2 | 4 = 1;
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) return undefined;
    if (v > 0xffff) width = 4;
    else if (v > 0xff && width === 1) width = 2;
  }
  const raw = Buffer.alloc(values.length * width);
  values.forEach((v, i) => raw.writeUIntLE(v, i * width, width));
  return { raw, width };
}

function unpackMinhash(buffer: Buffer, width: number): number[] {
  const out: number[] = new Array(buffer.length / width);
  for (let i = 0; i < out.length; i++) out[i] = buffer.readUIntLE(i * width, width);
  return out;
}

/**
 * Layout: the version marker, uint32 LE length of the deflated JSON (deflated with
 * `FEATURE_DICTIONARY`), the deflated JSON, then the MinHash as raw 1-, 2- or 4-byte LE values
 * (random bits do not compress, so they stay out of deflate's way).
 */
export function encodeFeatures(stored: StoredFeatures): Buffer {
  // `labels` (readable word forms for evidence) are not stored: a stored article is only ever the
  // earlier side of a comparison, and the new article's own labels name every term the two share
  // (compare takes either side's). They were ≈ 14 % of a real article's stored bytes.
  const { minhash, indexKeys: _indexKeys, itemId: _itemId, labels: _labels, ...rest } = stored.features;
  const packed: Packed = { i: stored.itemId, f: rest };
  if (stored.eventId !== eventIdFor(stored.itemId)) packed.e = stored.eventId;
  if (stored.duplicateOf !== undefined) packed.d = stored.duplicateOf;
  const packedMinhash = packMinhash(minhash);
  if (packedMinhash === undefined) packed.mj = minhash;
  else if (packedMinhash.width !== 4) packed.w = packedMinhash.width;
  const raw = packedMinhash?.raw;
  const json = deflateRawSync(Buffer.from(JSON.stringify(packed)), { level: 9, dictionary: FEATURE_DICTIONARY });
  const head = Buffer.alloc(8);
  FEATURES_V2.copy(head, 0);
  head.writeUInt32LE(json.length, 4);
  return Buffer.concat([head, json, raw ?? Buffer.alloc(0)]);
}

export function decodeFeatures(buffer: Buffer): StoredFeatures {
  // v2 (marker + dictionary) or the first layout (uint32 length, plain deflate), still readable
  // while blobs of the older code are inside the retention.
  const v2 = buffer.length >= 8 && buffer.subarray(0, 4).equals(FEATURES_V2);
  const start = v2 ? 8 : 4;
  const length = buffer.readUInt32LE(start - 4);
  const deflated = buffer.subarray(start, start + length);
  const packed = JSON.parse((v2 ? inflateRawSync(deflated, { dictionary: FEATURE_DICTIONARY }) : inflateRawSync(deflated)).toString()) as Packed;
  const minhash = packed.mj ?? unpackMinhash(buffer.subarray(start + length), packed.w ?? 4);
  const eventId = packed.e ?? eventIdFor(packed.i);
  const out: StoredFeatures = {
    itemId: packed.i,
    eventId,
    features: { ...packed.f, itemId: packed.i, minhash, indexKeys: [] },
  };
  if (packed.d !== undefined) out.duplicateOf = packed.d;
  return out;
}
