/**
 * Compact storage of an article's features: what a later article is compared with.
 *
 * The MinHash signature is packed as little-endian uint32 (4 bytes a value instead of ≈ 11 in
 * JSON), `indexKeys` are dropped (they live in the posting lists already and `compare` does not
 * need them), and the rest is JSON compressed with raw deflate. A stored record also carries the
 * article's item id, the event it was assigned to (readers follow merge redirects) and, for
 * near-duplicates, the original.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ArticleFeatures } from './similarity.ts';

/**
 * The features as they are kept: the `termsKept` heaviest terms of `terms` and `nativeTerms` (a
 * 150-word article has ≈ 140 of each; the heaviest carry most of a cosine), weights to 3
 * significant digits, and a b-bit MinHash (the low `minhashBits` bits of each value: two equal
 * values stay equal, two different ones collide with probability 2^-bits, so agreement is
 * overestimated by at most that much). dedupe.ts compares the *new* article in the same compact
 * form, so both sides of every comparison are cut alike. (Index keys are computed by the
 * similarity before this, from the full signature.)
 */
export function compactFeatures(features: ArticleFeatures, termsKept: number, minhashBits = 16): ArticleFeatures {
  const top = (weights: Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [k, w] of Object.entries(weights)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, termsKept)) {
      out[k] = Number(w.toPrecision(3));
    }
    return out;
  };
  const out: ArticleFeatures = {
    ...features,
    terms: top(features.terms),
    entities: features.entities.map((e) => ({ ...e, weight: Number(e.weight.toPrecision(3)) })),
    minhash:
      minhashBits >= 32 || features.minhash.some((v) => !Number.isInteger(v) || v < 0)
        ? features.minhash
        : features.minhash.map((v) => v % 2 ** minhashBits),
  };
  if (features.nativeTerms) out.nativeTerms = top(features.nativeTerms);
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
  e: string;
  d?: string;
  /** features without minhash and indexKeys */
  f: Omit<ArticleFeatures, 'minhash' | 'indexKeys' | 'itemId'>;
  /** minhash as JSON, when a value does not fit uint32 (else it follows the JSON as raw bytes) */
  mj?: number[];
  /** bytes a raw MinHash value: 2 or 4 (absent: 4) */
  w?: number;
}

/** Raw little-endian uint16 when every value fits (b-bit MinHash, see compactFeatures), else uint32. */
function packMinhash(values: number[]): { raw: Buffer; width: 2 | 4 } | undefined {
  let width: 2 | 4 = 2;
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) return undefined;
    if (v > 0xffff) width = 4;
  }
  const raw = Buffer.alloc(values.length * width);
  values.forEach((v, i) => (width === 2 ? raw.writeUInt16LE(v, i * 2) : raw.writeUInt32LE(v, i * 4)));
  return { raw, width };
}

function unpackMinhash(buffer: Buffer, width: number): number[] {
  const out: number[] = new Array(buffer.length / width);
  for (let i = 0; i < out.length; i++) out[i] = width === 2 ? buffer.readUInt16LE(i * 2) : buffer.readUInt32LE(i * 4);
  return out;
}

/**
 * Layout: uint16 length of the deflated JSON, the deflated JSON, then the MinHash as raw uint32
 * LE (random bits do not compress, so they stay out of deflate's way).
 */
export function encodeFeatures(stored: StoredFeatures): Buffer {
  const { minhash, indexKeys: _indexKeys, itemId: _itemId, ...rest } = stored.features;
  const packed: Packed = { i: stored.itemId, e: stored.eventId, f: rest };
  if (stored.duplicateOf !== undefined) packed.d = stored.duplicateOf;
  const packedMinhash = packMinhash(minhash);
  if (packedMinhash === undefined) packed.mj = minhash;
  else if (packedMinhash.width === 2) packed.w = 2;
  const raw = packedMinhash?.raw;
  const json = deflateRawSync(Buffer.from(JSON.stringify(packed)), { level: 6 });
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length, 0);
  return Buffer.concat([head, json, raw ?? Buffer.alloc(0)]);
}

export function decodeFeatures(buffer: Buffer): StoredFeatures {
  const length = buffer.readUInt32LE(0);
  const packed = JSON.parse(inflateRawSync(buffer.subarray(4, 4 + length)).toString()) as Packed;
  const minhash = packed.mj ?? unpackMinhash(buffer.subarray(4 + length), packed.w ?? 4);
  const out: StoredFeatures = {
    itemId: packed.i,
    eventId: packed.e,
    features: { ...packed.f, itemId: packed.i, minhash, indexKeys: [] },
  };
  if (packed.d !== undefined) out.duplicateOf = packed.d;
  return out;
}
