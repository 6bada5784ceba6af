/**
 * Compact storage of an article's features: what a later article is compared with.
 *
 * The MinHash signature is packed as raw little-endian values (1 byte a value for the default 8-bit
 * MinHash, instead of ≈ 11 in JSON), `indexKeys` are dropped (they live in the posting lists already
 * and `compare` does not need them). The current layout (v3, `encodeFeatures`) writes the weight maps,
 * entities, text hash and date in a binary form — sense words as ranks in a fixed English vocabulary,
 * weights as the counts they came from — and the other fields as JSON, all deflated with a preset
 * dictionary: ≈ 0.76 KB for a real article against ≈ 1.08 KB in v2 (JSON + deflate), and lossless for
 * `compare` (the newer article's side brings labels and entity names). v1 and v2 blobs are still read.
 * A stored record also carries the article's item id, the event it was assigned to (readers follow
 * merge redirects) and, for near-duplicates, the original.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ArticleFeatures } from './similarity.ts';
import { eventIdFor } from './keys.ts';
import { storageVocabulary } from './compact-vocabulary.ts';

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

/**
 * The preset dictionary of the v3 layout: the JSON head it repeats. Changing it changes the format.
 */
export const FEATURE_DICTIONARY_V3 = Buffer.from(
  '"canonicalUrl":"https://www.","numbers":["2025-","2026-"],"tokenCount":,"e":"ev-","d":"","w":1}' +
    '{"i":"","f":{"language":"en","publishedAt":"2025-01-01T00:00:00.000Z","publishedAtSource":"page","textHash":"',
);

/** Version marker of the v2 layout. The first format began with a uint32 length < 2^24, never with 0xffffff. */
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
/** The v2 layout (tests and the codec benchmark compare with it; blobs of it are still read). */
export function encodeFeaturesV2(stored: StoredFeatures): Buffer {
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
  if (buffer.length >= 5 && buffer.subarray(0, 4).equals(FEATURES_V3)) return decodeV3(buffer);
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

// --- v3: the maps in a compact binary layout (deflated with `FEATURE_DICTIONARY_V3`) ------------------
//
// Layout: marker ff ff ff 03, varint length of the deflated body, the body, the raw MinHash. Body:
// varint flags (which parts below are present), the JSON of the fields not written in binary
// (`PackedV3`), then textHash bytes, publishedAt ms, and the maps `BINARY_MAPS` in order (count, keys,
// weights), then the entities (count, ids, weights).

/** Version marker of the v3 layout. */
const FEATURES_V3 = Buffer.from([0xff, 0xff, 0xff, 0x03]);

const sublinear = (q: number): number => Math.round((1 + Math.log(q)) * 1000) / 1000;
const precision3 = (x: number): number => Number(x.toPrecision(3));

/**
 * How a weight is stored: as the small integer it was computed from, when one of these formulas
 * gives it back exactly (`features.ts` weighs by 1 + ln(count), entities in a title × 1.5,
 * `compactFeatures` keeps 3 digits), else as a decimal with ≤ 3 places, else as a float64. The
 * encoder checks every weight against its decoding, so an unforeseen weight costs bytes, never
 * precision.
 */
const WEIGHT_FAMILIES: { of(q: number): number; guess(w: number): number }[] = [
  { of: (q) => sublinear(q), guess: (w) => Math.exp(w - 1) },
  { of: (q) => precision3(sublinear(q)), guess: (w) => Math.exp(w - 1) },
  { of: (q) => precision3(Math.round((1 + Math.log(q)) * 1.5 * 1000) / 1000), guess: (w) => Math.exp(w / 1.5 - 1) },
  // a decimal: q = zigzag(w × 1000)
  { of: (q) => (q & 1 ? -(q + 1) / 2 : q / 2) / 1000, guess: (w) => (w < 0 ? -2 * Math.round(w * 1000) - 1 : 2 * Math.round(w * 1000)) },
];
const FLOAT_FAMILY = WEIGHT_FAMILIES.length;
const FAMILIES = WEIGHT_FAMILIES.length + 1;

/** `WEIGHT_FAMILIES[f].of(q)`, cached for small q: `toPrecision` costs ≈ 1 µs, and counts repeat. */
const weightCache: number[][] = WEIGHT_FAMILIES.map(() => []);
function weightOf(f: number, q: number): number {
  if (q >= 4096) return WEIGHT_FAMILIES[f]!.of(q);
  const cache = weightCache[f]!;
  return (cache[q] ??= WEIGHT_FAMILIES[f]!.of(q));
}

class ByteWriter {
  private readonly chunks: Buffer[] = [];
  private bytes: number[] = [];
  varint(n: number): void {
    while (n >= 0x80) {
      this.bytes.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.bytes.push(n);
  }
  /** A vocabulary rank: 2 bytes big-endian below 0xff00, else 0xff and a varint of the rest. */
  rank(n: number): void {
    if (n < 0xff00) this.bytes.push(n >> 8, n & 0xff);
    else {
      this.bytes.push(0xff);
      this.varint(n - 0xff00);
    }
  }
  raw(buffer: Buffer): void {
    this.flush();
    this.chunks.push(buffer);
  }
  text(s: string): void {
    const b = Buffer.from(s);
    this.varint(b.length);
    this.raw(b);
  }
  weight(w: number): void {
    for (let f = 0; f < WEIGHT_FAMILIES.length; f++) {
      const family = WEIGHT_FAMILIES[f]!;
      const guess = family.guess(w);
      if (!Number.isFinite(guess) || guess > 2 ** 40) continue;
      const q0 = Math.round(guess);
      for (let q = q0 - 1; q <= q0 + 1; q++) {
        if ((q >= 1 || (f === 3 && q >= 0)) && Object.is(weightOf(f, q), w)) return this.varint(q * FAMILIES + f);
      }
    }
    this.varint(FLOAT_FAMILY);
    const b = Buffer.alloc(8);
    b.writeDoubleLE(w);
    this.raw(b);
  }
  private flush(): void {
    if (this.bytes.length > 0) this.chunks.push(Buffer.from(this.bytes));
    this.bytes = [];
  }
  toBuffer(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
  }
}

class ByteReader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}
  get offset(): number {
    return this.at;
  }
  varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.buffer[this.at++];
      if (b === undefined) throw new Error('stored features: truncated');
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  }
  rank(): number {
    const high = this.buffer[this.at++];
    if (high === undefined) throw new Error('stored features: truncated');
    if (high === 0xff) return 0xff00 + this.varint();
    return high * 256 + this.buffer[this.at++]!;
  }
  raw(length: number): Buffer {
    const out = this.buffer.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }
  text(): string {
    return this.raw(this.varint()).toString();
  }
  weight(): number {
    const code = this.varint();
    const f = code % FAMILIES;
    if (f === FLOAT_FAMILY) return this.raw(8).readDoubleLE(0);
    return weightOf(f, (code - f) / FAMILIES);
  }
}

/** Keys as one '\n'-joined text (deflate sees the words side by side), or undefined when a key has a '\n'. */
function joinable(keys: readonly string[]): boolean {
  return keys.every((k) => !k.includes('\n'));
}

/** The maps v3 stores in binary, in this order; a map that cannot be (a key with '\n') stays in the JSON. */
const BINARY_MAPS = ['senses', 'terms', 'nativeTerms', 'names'] as const;
type BinaryMap = (typeof BINARY_MAPS)[number];
const ENTITIES_BIT = 1 << BINARY_MAPS.length;
const NATIVE_PREFIX_BIT = 1 << (BINARY_MAPS.length + 1);
/** `textHash` as bytes (it is hex), `publishedAt` as milliseconds (it is `toISOString()`'s form). */
const TEXT_HASH_BIT = 1 << (BINARY_MAPS.length + 2);
const PUBLISHED_BIT = 1 << (BINARY_MAPS.length + 3);

interface PackedV3 {
  i: string;
  e?: string;
  d?: string;
  /** the other fields, as they are */
  f: Record<string, unknown>;
  mj?: number[];
  w?: number;
}

function encodeV3(stored: StoredFeatures): Buffer {
  const { minhash, textHash, publishedAt, language } = stored.features;
  /** Fields that go into the binary part; the rest stays JSON (built without `delete`: it is slow). */
  const binary = new Set<string>(['minhash', 'indexKeys', 'itemId', 'labels']);
  let flags = 0;
  const maps: Partial<Record<BinaryMap, Record<string, number>>> = {};
  for (const [bit, name] of BINARY_MAPS.entries()) {
    const map = stored.features[name];
    if (map && joinable(Object.keys(map))) {
      maps[name] = map;
      flags |= 1 << bit;
      binary.add(name);
    }
  }
  const entities = stored.features.entities;
  if (joinable(entities.map((e) => e.id))) {
    flags |= ENTITIES_BIT;
    binary.add('entities');
  }
  const nativePrefix = `${language}:`;
  if (maps.nativeTerms && Object.keys(maps.nativeTerms).every((k) => k.startsWith(nativePrefix))) flags |= NATIVE_PREFIX_BIT;
  if (/^(?:[0-9a-f]{2})+$/.test(textHash)) {
    flags |= TEXT_HASH_BIT;
    binary.add('textHash');
  }
  const publishedMs = Date.parse(publishedAt);
  if (Number.isFinite(publishedMs) && publishedMs >= 0 && new Date(publishedMs).toISOString() === publishedAt) {
    flags |= PUBLISHED_BIT;
    binary.add('publishedAt');
  }
  const f: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored.features)) if (!binary.has(key)) f[key] = value;

  const packed: PackedV3 = { i: stored.itemId, f };
  if (stored.eventId !== eventIdFor(stored.itemId)) packed.e = stored.eventId;
  if (stored.duplicateOf !== undefined) packed.d = stored.duplicateOf;
  const packedMinhash = packMinhash(minhash);
  if (packedMinhash === undefined) packed.mj = minhash;
  else if (packedMinhash.width !== 4) packed.w = packedMinhash.width;

  const out = new ByteWriter();
  out.varint(flags);
  out.text(JSON.stringify(packed));
  if (flags & TEXT_HASH_BIT) {
    out.varint(textHash.length / 2);
    out.raw(Buffer.from(textHash, 'hex'));
  }
  if (flags & PUBLISHED_BIT) out.varint(publishedMs);
  // Sense words, numbered in order of first appearance: pivot terms are mostly among them.
  const senseWords = new Map<string, number>();
  for (const key of Object.keys(maps.senses ?? {})) for (const word of key.split('|')) if (!senseWords.has(word)) senseWords.set(word, senseWords.size + 1);
  for (const name of BINARY_MAPS) {
    const map = maps[name];
    if (!map) continue;
    const keys = Object.keys(map);
    out.varint(keys.length);
    if (name === 'senses') {
      // Each key is its words (`help|aid`): a word is its vocabulary rank, or 0 and its letters.
      const vocabulary = storageVocabulary();
      for (const k of keys) {
        const words = k.split('|');
        out.varint(words.length);
        for (const word of words) {
          const rank = vocabulary.rankOf(word);
          out.rank(rank ?? 0);
          if (rank === undefined) out.text(word);
        }
      }
    } else if (name === 'terms') {
      const literals: string[] = [];
      for (const k of keys) {
        const ref = senseWords.get(k);
        out.varint(ref ?? 0);
        if (ref === undefined) literals.push(k);
      }
      out.text(literals.join('\n'));
    } else if (name === 'nativeTerms' && flags & NATIVE_PREFIX_BIT) {
      out.text(keys.map((k) => k.slice(nativePrefix.length)).join('\n'));
    } else {
      out.text(keys.join('\n'));
    }
    for (const k of keys) out.weight(map[k]!);
  }
  if (flags & ENTITIES_BIT) {
    // Entity names are not stored: compare() names shared entities from the newer article's side.
    out.varint(entities.length);
    out.text(entities.map((e) => e.id).join('\n'));
    for (const e of entities) out.weight(e.weight);
  }
  // Level 6 and a 4 KB window (bodies are ≈ 1–5 KB): as small as level 9 with the default 32 KB window
  // on real features, and the compressor's state is ≈ 50 KB instead of ≈ 256 KB a call (CPU ≈ -40 %).
  const body = deflateRawSync(out.toBuffer(), { level: 6, windowBits: 12, memLevel: 6, dictionary: FEATURE_DICTIONARY_V3 });
  const head = new ByteWriter();
  head.raw(FEATURES_V3);
  head.varint(body.length);
  return Buffer.concat([head.toBuffer(), body, packedMinhash?.raw ?? Buffer.alloc(0)]);
}

/**
 * An empty object already in V8's dictionary mode: adding ≈ 100 keys one by one to a plain `{}`
 * builds a chain of hidden classes per key set (slow, and a different chain per article), which
 * JSON.parse avoids. Deleting a property other than the last one switches the object over.
 */
function dictionaryObject(): Record<string, number> {
  const o: Record<string, number> = { a: 0, b: 0 };
  delete o['a'];
  delete o['b'];
  return o;
}

function decodeV3(buffer: Buffer): StoredFeatures {
  const head = new ByteReader(buffer.subarray(4));
  const length = head.varint();
  const start = 4 + head.offset;
  const body = new ByteReader(inflateRawSync(buffer.subarray(start, start + length), { dictionary: FEATURE_DICTIONARY_V3 }));
  const flags = body.varint();
  const packed = JSON.parse(body.text()) as PackedV3;
  const f: Record<string, unknown> = { ...packed.f };
  if (flags & TEXT_HASH_BIT) f['textHash'] = body.raw(body.varint()).toString('hex');
  if (flags & PUBLISHED_BIT) f['publishedAt'] = new Date(body.varint()).toISOString();
  const senseWords: string[] = [];
  const language = String(f['language']);
  for (const [bit, name] of BINARY_MAPS.entries()) {
    if (!(flags & (1 << bit))) continue;
    const n = body.varint();
    let keys: string[];
    if (name === 'senses') {
      const vocabulary = storageVocabulary();
      const seen = new Set<string>();
      keys = [];
      for (let i = 0; i < n; i++) {
        let key = '';
        for (let j = 0, words = body.varint(); j < words; j++) {
          const rank = body.rank();
          const word = rank === 0 ? body.text() : vocabulary.wordAt(rank) ?? '';
          key = j === 0 ? word : `${key}|${word}`;
          if (!seen.has(word)) seen.add(word), senseWords.push(word);
        }
        keys.push(key);
      }
    } else if (name === 'terms') {
      const refs: number[] = [];
      for (let i = 0; i < n; i++) refs.push(body.varint());
      const literals = body.text().split('\n');
      let next = 0;
      keys = refs.map((r) => (r === 0 ? literals[next++]! : senseWords[r - 1]!));
    } else {
      const text = body.text();
      keys = n === 0 ? [] : text.split('\n');
      if (name === 'nativeTerms' && flags & NATIVE_PREFIX_BIT) keys = keys.map((k) => `${language}:${k}`);
    }
    const map = dictionaryObject();
    for (const k of keys) map[k] = body.weight();
    f[name] = map;
  }
  if (flags & ENTITIES_BIT) {
    const n = body.varint();
    const text = body.text();
    const ids = n === 0 ? [] : text.split('\n');
    f['entities'] = ids.map((id) => ({ id, name: id, weight: body.weight() }));
  }
  const minhash = packed.mj ?? unpackMinhash(buffer.subarray(start + length), packed.w ?? 4);
  const out: StoredFeatures = {
    itemId: packed.i,
    eventId: packed.e ?? eventIdFor(packed.i),
    features: { ...(f as unknown as Omit<ArticleFeatures, 'itemId' | 'minhash' | 'indexKeys'>), itemId: packed.i, minhash, indexKeys: [] },
  };
  if (packed.d !== undefined) out.duplicateOf = packed.d;
  return out;
}

/** Features as stored now (the v3 layout). */
export function encodeFeatures(stored: StoredFeatures): Buffer {
  return encodeV3(stored);
}
