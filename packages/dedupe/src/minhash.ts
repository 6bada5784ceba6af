/**
 * MinHash over word shingles: a fixed-size signature whose agreement rate estimates the
 * Jaccard similarity of two shingle sets. Syndicated copies and light rewrites of one wire
 * story score high; independent reports of the same event do not (that is the other signals' job).
 */

/** FNV-1a, 32 bits, over the UTF-16 code units of a string. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finaliser: a cheap, well-mixed permutation of 32-bit integers. */
function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS: number[] = [];
function seeds(count: number): number[] {
  while (SEEDS.length < count) SEEDS.push(mix(0x9e3779b9 ^ Math.imul(SEEDS.length + 1, 0x27d4eb2d)));
  return SEEDS.slice(0, count);
}

/** Overlapping `size`-word shingles of a token sequence (one shingle when the text is shorter). */
export function shingles(tokens: readonly string[], size = 3): string[] {
  if (tokens.length === 0) return [];
  if (tokens.length <= size) return [tokens.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + size <= tokens.length; i++) out.push(tokens.slice(i, i + size).join(' '));
  return out;
}

/** The MinHash signature of a set of shingles; empty input gives an empty signature. */
export function minhash(items: Iterable<string>, permutations = 64): number[] {
  const s = seeds(permutations);
  const mins = new Array<number>(permutations).fill(0xffffffff);
  let any = false;
  for (const item of new Set(items)) {
    any = true;
    const base = fnv1a(item);
    for (let i = 0; i < permutations; i++) {
      const v = mix(base ^ s[i]!);
      if (v < mins[i]!) mins[i] = v;
    }
  }
  return any ? mins : [];
}

/** Estimated Jaccard similarity of two signatures (0 when either is empty or they differ in length). */
export function minhashSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** LSH band keys (`mh:<band>:<hash>`): two signatures that agree on a whole band share a key. */
export function minhashBands(signature: readonly number[], bands = 16): string[] {
  if (signature.length === 0) return [];
  const rows = Math.floor(signature.length / bands);
  const out: string[] = [];
  for (let b = 0; b < bands; b++) {
    const slice = signature.slice(b * rows, (b + 1) * rows);
    out.push(`mh:${b}:${fnv1a(slice.join(',')).toString(36)}`);
  }
  return out;
}
