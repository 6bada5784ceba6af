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
 * significant digits. dedupe.ts compares the *new* article in the same compact form, so both sides
 * of every comparison are cut alike.
 */
export function compactFeatures(features: ArticleFeatures, termsKept: number): ArticleFeatures {
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
}

function packMinhash(values: number[]): Buffer | undefined {
  const buffer = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) return undefined;
    buffer.writeUInt32LE(v, i * 4);
  }
  return buffer;
}

function unpackMinhash(buffer: Buffer): number[] {
  const out: number[] = new Array(buffer.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buffer.readUInt32LE(i * 4);
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
  const raw = packMinhash(minhash);
  if (raw === undefined) packed.mj = minhash;
  const json = deflateRawSync(Buffer.from(JSON.stringify(packed)), { level: 6 });
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length, 0);
  return Buffer.concat([head, json, raw ?? Buffer.alloc(0)]);
}

export function decodeFeatures(buffer: Buffer): StoredFeatures {
  const length = buffer.readUInt32LE(0);
  const packed = JSON.parse(inflateRawSync(buffer.subarray(4, 4 + length)).toString()) as Packed;
  const minhash = packed.mj ?? unpackMinhash(buffer.subarray(4 + length));
  const out: StoredFeatures = {
    itemId: packed.i,
    eventId: packed.e,
    features: { ...packed.f, itemId: packed.i, minhash, indexKeys: [] },
  };
  if (packed.d !== undefined) out.duplicateOf = packed.d;
  return out;
}
