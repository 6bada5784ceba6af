/**
 * Clustering evaluation of the dedupe stage (`createDedupe()` with the default lexical similarity, a
 * real Redis) on a stream assembled from the SemEval-2022 Task 8 pairs that have text, plus the seeds.
 *
 *   pnpm eval:clusters                                  the whole stream, 3 orders, defaults
 *   pnpm eval:clusters --merge 0.56,0.66,1.01           a sweep of mergeThreshold (1.01: never merge)
 *   pnpm eval:clusters --max-candidates 10,40 --orders 1,2,3,4,5 --lang tr
 *   pnpm eval:clusters --threshold 0.74 --cross-curve 0.52,0.33   another threshold / cross-language curve
 *   pnpm eval:clusters --orders 1 --buckets 4096:4096:1024,512:512:128   default sizing, and one for ≈ 1.5k articles a day
 *
 * The stream: the 1,440 distinct articles of the 730 pairs with both texts (tr, ar, fr) and the four
 * seeds (it, en, en, pl), each through the real stages (clean → language → entities), all published
 * at the same instant (the data carry no times: the time signal is neutral and every event stays
 * open), assigned one by one in a seeded shuffle. Gold: connected components of the pairs judged the
 * same story (overall ≤ 1.5; ≤ 2.0 as a sensitivity row); every other article is its own group. Seeds:
 * 001 ≡ 003 (en/pl, the 16 Aug call), 000 and 002 apart. Pairs never annotated count as different,
 * so whole-stream precision is a lower bound; the labelled-pairs score (each annotated pair:
 * co-clustered or not vs same story or not) has no such bias.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { DedupeInput } from '@newsflow/contracts/documents';
import { createAnalyser, type Analyser } from '@newsflow/dedupe/analyse';
import { createDedupe, type DedupeLogger } from '@newsflow/dedupe/dedupe';
import { createLexicalSimilarity, type LexicalSimilarity } from '@newsflow/dedupe/lexical-similarity';
import { compactFeatures, decodeFeatures, encodeFeatures } from '@newsflow/dedupe/codec';
import { startLocalRedis } from '@newsflow/runtime/local-redis';
import { loadPairs, seedInputs, type GoldPair } from './events.ts';
import { bcubed, crossLingualUnitF1, pairwise, type PRF } from './cluster-metrics.ts';
import { runWhenMain } from './shared-data.ts';
import { random, shuffle } from '../integration/dedupe/articles.ts';

/** Every article's publication time (the SemEval articles are from 2020; the value only has to be one). */
export const STREAM_PUBLISHED_AT = '2020-06-01T12:00:00.000Z';
export const SAME_STORY = 1.5;
export const SAME_STORY_LOOSE = 2.0;
/** The seeds' languages and gold groups (001 and 003 report the same call). */
const SEED_LANGUAGES: Record<string, string> = { '000': 'it', '001': 'en', '002': 'en', '003': 'pl' };
const SEED_GROUPS: Record<string, string> = { '000': 'seed:000', '001': 'seed:001+003', '002': 'seed:002', '003': 'seed:001+003' };

export interface StreamArticle {
  id: string;
  /** The data set's language (tr/ar/fr), or the seed's; the unit language of Miranda's score. */
  lang: string;
  title: string;
  text: string;
}

export interface LabelledPair {
  a: string;
  b: string;
  lang: string;
  /** SemEval overall (1 very similar … 4 very dissimilar); seeds: 1 or 4. */
  overall: number;
}

export interface Stream {
  /** SemEval articles in first-seen file order; the seeds are added by `analyseStream`. */
  articles: StreamArticle[];
  labelledPairs: LabelledPair[];
  languageOf: Map<string, string>;
  /** Item → gold group, for overall ≤ SAME_STORY and ≤ SAME_STORY_LOOSE. */
  gold: Map<string, string>;
  goldLoose: Map<string, string>;
  withSeeds: boolean;
}

const SEED_PAIRS: LabelledPair[] = ['000', '001', '002', '003'].flatMap((a, i, all) =>
  all.slice(i + 1).map((b) => ({ a, b, lang: 'seeds', overall: SEED_GROUPS[a] === SEED_GROUPS[b] ? 1 : 4 })),
);

/** Gold groups: connected components of the pairs with overall ≤ `sameStory` (union–find). */
export function goldGroups(ids: readonly string[], pairs: readonly LabelledPair[], sameStory: number): Map<string, string> {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const p of pairs) if (p.overall <= sameStory && parent.has(p.a) && parent.has(p.b)) parent.set(find(p.a), find(p.b));
  return new Map(ids.map((id) => [id, `g:${find(id)}`]));
}

/** The stream's articles, labelled pairs and gold from the SemEval pairs (and the seeds, unless `seeds: false`). */
export function buildStream(pairs: readonly GoldPair[] = loadPairs(), options: { seeds?: boolean } = {}): Stream {
  const withSeeds = options.seeds ?? true;
  const byId = new Map<string, StreamArticle>();
  const labelledPairs: LabelledPair[] = [];
  for (const p of pairs) {
    if (!byId.has(p.id1)) byId.set(p.id1, { id: p.id1, lang: p.lang, title: p.title1, text: p.text1 });
    if (!byId.has(p.id2)) byId.set(p.id2, { id: p.id2, lang: p.lang, title: p.title2, text: p.text2 });
    labelledPairs.push({ a: p.id1, b: p.id2, lang: p.lang, overall: p.overall });
  }
  const articles = [...byId.values()];
  const languageOf = new Map(articles.map((a) => [a.id, a.lang]));
  const ids = articles.map((a) => a.id);
  const gold = goldGroups(ids, labelledPairs, SAME_STORY);
  const goldLoose = goldGroups(ids, labelledPairs, SAME_STORY_LOOSE);
  if (withSeeds) {
    for (const [id, lang] of Object.entries(SEED_LANGUAGES)) {
      languageOf.set(id, lang);
      gold.set(id, SEED_GROUPS[id]!);
      goldLoose.set(id, SEED_GROUPS[id]!);
    }
    labelledPairs.push(...SEED_PAIRS);
  }
  return { articles, labelledPairs, languageOf, gold, goldLoose, withSeeds };
}

/**
 * A slice for CI: per language the first `positives` same-story pairs and `negatives` other pairs
 * (both articles of each, and no article twice), with the seeds.
 */
export function sliceStream(pairs: readonly GoldPair[], perLanguage: Record<string, { positives: number; negatives: number }>): Stream {
  const chosen: GoldPair[] = [];
  const used = new Set<string>();
  for (const [lang, want] of Object.entries(perLanguage)) {
    let positives = 0;
    let negatives = 0;
    for (const p of pairs) {
      if (p.lang !== lang || used.has(p.id1) || used.has(p.id2)) continue;
      const positive = p.overall <= SAME_STORY;
      if (positive ? positives >= want.positives : negatives >= want.negatives) continue;
      if (positive) positives++;
      else negatives++;
      chosen.push(p);
      used.add(p.id1).add(p.id2);
    }
  }
  return buildStream(chosen);
}

/** Every article (and the seeds) through the real stages, all with the same publication time. */
export async function analyseStream(stream: Stream, analyser: Analyser, log: (line: string) => void = () => {}): Promise<Map<string, DedupeInput>> {
  const inputs = new Map<string, DedupeInput>();
  for (const a of stream.articles) {
    const input = await analyser.analyse({ id: a.id, title: a.title, text: a.text, language: a.lang });
    inputs.set(a.id, input);
    if (inputs.size % 200 === 0) log(`analysed ${inputs.size}/${stream.articles.length}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (stream.withSeeds) for (const [id, input] of await seedInputs(analyser)) inputs.set(id, input);
  for (const input of inputs.values()) input.clean.publishedAt = STREAM_PUBLISHED_AT;
  return inputs;
}

export interface ClusterKnobs {
  /** The similarity's threshold (default `DEFAULT_THRESHOLD`); mergeThreshold follows it unless given. */
  threshold?: number;
  /** The cross-language calibration curve, centre and width (default `DEFAULT_WEIGHTS`'); only the seeds cross languages. */
  crossCurve?: readonly [number, number];
  mergeThreshold?: number;
  maxCandidates?: number;
  /** Bucket counts of the posting, exact-duplicate and storyline hashes (createDedupe's defaults: 4096, 4096, 1024). */
  indexBuckets?: number;
  duplicateBuckets?: number;
  storylineBuckets?: number;
}

export interface ClusterRun {
  /** Item → final event (merges followed). */
  predicted: Map<string, string>;
  events: number;
  merges: number;
  nearDuplicates: number;
  duplicates: number;
  seconds: number;
  /** Redis bytes under the run's prefix (MEMORY USAGE of every key) per article assigned: every article still live. */
  bytesPerArticle: number;
  /** The same by key class (`dd:fb` features, `dd:x` postings, `dd:a` records …). */
  bytesByClass: Record<string, number>;
  /** Mean length of a stored features blob (the values of the `dd:fb` hashes). */
  featureBlobBytes: number;
  /**
   * The score of two stream articles compared directly (stored, compacted features; document
   * frequencies as at the end of the run): tells a miss of the similarity from one of the online
   * path (candidate lookup, the order, frequencies learnt along the way). `b` goes through the
   * features codec, as a stored candidate does.
   */
  directScore(a: string, b: string): Promise<number>;
  /**
   * Scores of the newer article's compact features against the older one's, before and after the
   * features codec (encode → decode): how many of the pairs differ, and by how much at most.
   */
  codecCheck(pairs: readonly { a: string; b: string }[]): Promise<{ pairs: number; differing: number; maxDifference: number }>;
  threshold: number;
}

/**
 * One online clustering run: a fresh similarity (document frequencies learnt along the stream, as a
 * new worker would) and a fresh dedupe under its own prefix, the articles assigned in `order`.
 */
export async function clusterStream(inputs: ReadonlyMap<string, DedupeInput>, order: readonly string[], redis: Redis, knobs: ClusterKnobs = {}): Promise<ClusterRun> {
  const started = performance.now();
  const similarityOptions = {
    ...(knobs.threshold !== undefined ? { threshold: knobs.threshold } : {}),
    ...(knobs.crossCurve ? { weights: { crossCalibrationCentre: knobs.crossCurve[0], crossCalibrationWidth: knobs.crossCurve[1] } } : {}),
  };
  const similarity = await createLexicalSimilarity({ languages: [], ...similarityOptions });
  let merges = 0;
  const noop = () => {};
  const logger: DedupeLogger = {
    info: (obj, msg) => {
      if (msg === 'events merged') merges += ((obj as { merged?: unknown[] }).merged ?? []).length;
    },
    warn: noop,
    error: noop,
    debug: noop,
  };
  // As long as the pipeline's default prefix (`newsflow`): every key name's length counts in the bytes.
  const prefix = randomUUID().slice(0, 8);
  const dedupe = createDedupe({
    redis,
    prefix,
    similarity,
    logger,
    ...(knobs.mergeThreshold !== undefined ? { mergeThreshold: knobs.mergeThreshold } : {}),
    ...(knobs.maxCandidates !== undefined ? { maxCandidates: knobs.maxCandidates } : {}),
    ...(knobs.indexBuckets !== undefined ? { indexBuckets: knobs.indexBuckets } : {}),
    ...(knobs.duplicateBuckets !== undefined ? { duplicateBuckets: knobs.duplicateBuckets } : {}),
    ...(knobs.storylineBuckets !== undefined ? { storylineBuckets: knobs.storylineBuckets } : {}),
  });
  let nearDuplicates = 0;
  let duplicates = 0;
  for (const id of order) {
    const input = inputs.get(id)!;
    await similarity.prepare(input.language.language);
    const result = await dedupe.assign(input);
    if (result.outcome === 'near-duplicate') nearDuplicates++;
    if (result.outcome === 'duplicate') duplicates++;
  }
  const predicted = new Map<string, string>();
  for (const id of order) predicted.set(id, (await dedupe.eventOf(id)) ?? `none:${id}`);
  const seconds = (performance.now() - started) / 1000;
  let frozen: Promise<LexicalSimilarity> | undefined;
  const frozenSimilarity = () => {
    const languages = [...new Set([...inputs.values()].map((i) => i.language.language))];
    return (frozen ??= createLexicalSimilarity({ languages, ...similarityOptions, documentFrequencies: similarity.documentFrequencies, learn: false }));
  };
  const compactOf = (s: LexicalSimilarity, id: string) => compactFeatures(s.features(inputs.get(id)!), 32, 8, s.termImportance.bind(s)); // as createDedupe compares them
  const storedOf = (s: LexicalSimilarity, id: string) => decodeFeatures(encodeFeatures({ itemId: id, eventId: `ev-${id}`, features: compactOf(s, id) })).features; // as createDedupe reads them back
  const directScore = async (a: string, b: string) => {
    const s = await frozenSimilarity();
    return s.compare(compactOf(s, a), storedOf(s, b)).score;
  };
  const codecCheck = async (pairs: readonly { a: string; b: string }[]) => {
    const s = await frozenSimilarity();
    let differing = 0;
    let maxDifference = 0;
    let n = 0;
    for (const p of pairs) {
      if (!inputs.has(p.a) || !inputs.has(p.b)) continue;
      for (const [newer, older] of [[p.a, p.b], [p.b, p.a]] as const) {
        const before = s.compare(compactOf(s, newer), compactOf(s, older)).score;
        const after = s.compare(compactOf(s, newer), storedOf(s, older)).score;
        n++;
        if (before !== after) differing++;
        maxDifference = Math.max(maxDifference, Math.abs(before - after));
      }
    }
    return { pairs: n, differing, maxDifference };
  };
  const memory = await prefixBytes(redis, prefix);
  const perArticle = (bytes: number) => Math.round(bytes / order.length);
  const bytesPerArticle = perArticle(memory.total);
  const bytesByClass = Object.fromEntries(Object.entries(memory.byClass).map(([cls, bytes]) => [cls, perArticle(bytes)]));
  const featureBlobBytes = Math.round(memory.featureBlobBytes / Math.max(1, memory.featureBlobs));
  return { predicted, events: new Set(predicted.values()).size, merges, nearDuplicates, duplicates, seconds, bytesPerArticle, bytesByClass, featureBlobBytes, directScore, codecCheck, threshold: similarity.threshold };
}

/** What the keys under a prefix take in Redis (MEMORY USAGE, all samples), in bytes, in all and by key class (`dd:fb` …). */
async function prefixBytes(redis: Redis, prefix: string): Promise<{ total: number; byClass: Record<string, number>; featureBlobs: number; featureBlobBytes: number }> {
  let total = 0;
  const byClass: Record<string, number> = {};
  let featureBlobs = 0;
  let featureBlobBytes = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    const replies = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const bytes = Number(replies[i]?.[1] ?? 0);
      const cls = key.slice(prefix.length + 1).split(':').slice(0, 2).join(':');
      total += bytes;
      byClass[cls] = (byClass[cls] ?? 0) + bytes;
    });
    for (const key of keys.filter((k) => k.startsWith(`${prefix}:dd:fb:`))) {
      for (const blob of await redis.hvalsBuffer(key)) {
        featureBlobs++;
        featureBlobBytes += blob.length;
      }
    }
  } while (cursor !== '0');
  return { total, byClass, featureBlobs, featureBlobBytes };
}

/** The stream's ids in a seeded shuffle (seed 0: file order). */
export function streamOrder(ids: readonly string[], seed: number): string[] {
  return seed === 0 ? [...ids] : shuffle(ids, random(seed));
}

// --- scoring --------------------------------------------------------------------------------------

export type Scores = Record<string, number>;

function prfOf(prefix: string, s: PRF): Scores {
  return { [`${prefix}P`]: s.precision, [`${prefix}R`]: s.recall, [`${prefix}F1`]: s.f1 };
}

/** Each annotated pair: co-clustered or not, against same story or not. */
export function labelledPairScore(pairs: readonly LabelledPair[], predicted: ReadonlyMap<string, string>, sameStory: number): PRF & { pairs: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let n = 0;
  for (const p of pairs) {
    const a = predicted.get(p.a);
    const b = predicted.get(p.b);
    if (a === undefined || b === undefined) continue;
    n++;
    const together = a === b;
    const same = p.overall <= sameStory;
    if (together && same) tp++;
    else if (together) fp++;
    else if (same) fn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, pairs: n };
}

function restrict(labels: ReadonlyMap<string, string>, keep: (id: string) => boolean): Map<string, string> {
  return new Map([...labels].filter(([id]) => keep(id)));
}

/**
 * Rows: each language, `all`, and `all ≤2.0` (the loose gold). Columns: pairwise (pw), BCubed (b3)
 * and labelled-pairs (lp) P/R/F1, gold groups and articles; `all` also Miranda's unit F1 (unit).
 */
export function scoreRun(stream: Stream, predicted: ReadonlyMap<string, string>): Record<string, Scores> {
  const rows: Record<string, Scores> = {};
  const languages = [...new Set(stream.articles.map((a) => a.lang))].sort((a, b) => (a === 'tr' ? -1 : b === 'tr' ? 1 : a < b ? -1 : 1));
  const row = (name: string, gold: ReadonlyMap<string, string>, pairs: readonly LabelledPair[], sameStory: number, keep: (id: string) => boolean) => {
    const g = restrict(gold, keep);
    const p = restrict(predicted, keep);
    rows[name] = {
      articles: g.size,
      groups: new Set(g.values()).size,
      ...prfOf('pw', pairwise(g, p)),
      ...prfOf('b3', bcubed(g, p)),
      ...prfOf('lp', labelledPairScore(pairs, p, sameStory)),
    };
  };
  for (const lang of languages) {
    row(lang, stream.gold, stream.labelledPairs.filter((p) => p.lang === lang), SAME_STORY, (id) => stream.languageOf.get(id) === lang);
  }
  row('all', stream.gold, stream.labelledPairs, SAME_STORY, () => true);
  rows['all']!['units'] = crossLingualUnitF1(stream.gold, predicted, stream.languageOf).units;
  Object.assign(rows['all']!, prfOf('unit', crossLingualUnitF1(stream.gold, predicted, stream.languageOf)));
  row('all ≤2.0', stream.goldLoose, stream.labelledPairs, SAME_STORY_LOOSE, () => true);
  if (stream.withSeeds) {
    const together = (a: string, b: string) => (predicted.get(a) === predicted.get(b) ? 1 : 0);
    rows['seeds'] = { '001+003': together('001', '003'), '000 apart': 1 - Math.max(together('000', '001'), together('000', '002'), together('000', '003')), '002 apart': 1 - Math.max(together('002', '001'), together('002', '003')) };
  }
  return rows;
}

/** Predicted clusters of two or more articles, largest first, with gold group and title (for analysis). */
export function clustersOf(stream: Stream, inputs: ReadonlyMap<string, DedupeInput>, predicted: ReadonlyMap<string, string>) {
  const byEvent = new Map<string, { id: string; lang: string; gold: string; title: string }[]>();
  for (const [id, event] of predicted) {
    const members = byEvent.get(event) ?? [];
    members.push({ id, lang: stream.languageOf.get(id) ?? '?', gold: stream.gold.get(id) ?? '?', title: inputs.get(id)?.clean.title ?? '' });
    byEvent.set(event, members);
  }
  return [...byEvent.entries()].filter(([, m]) => m.length > 1).sort((a, b) => b[1].length - a[1].length).map(([event, members]) => ({ event, members }));
}

/** Same-story labelled pairs the run left apart, and how many of them score ≥ the threshold when compared directly. */
export async function missedPairs(stream: Stream, run: ClusterRun): Promise<{ missed: number; aboveThreshold: number }> {
  let missed = 0;
  let aboveThreshold = 0;
  for (const p of stream.labelledPairs) {
    if (p.overall > SAME_STORY || !run.predicted.has(p.a) || !run.predicted.has(p.b) || run.predicted.get(p.a) === run.predicted.get(p.b)) continue;
    missed++;
    if ((await run.directScore(p.a, p.b)) >= run.threshold) aboveThreshold++;
  }
  return { missed, aboveThreshold };
}

// --- summary over orders --------------------------------------------------------------------------

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function spread(xs: readonly number[], digits = 3): string {
  const m = median(xs).toFixed(digits);
  if (xs.length < 2) return m;
  const lo = Math.min(...xs).toFixed(digits);
  const hi = Math.max(...xs).toFixed(digits);
  return lo === hi ? m : `${m} (${lo}–${hi})`;
}

export interface ConfigResult {
  knobs: ClusterKnobs;
  runs: { seed: number; run: ClusterRun; scores: Record<string, Scores>; missed: { missed: number; aboveThreshold: number }; seedPairScore?: number; codecCheck?: { pairs: number; differing: number; maxDifference: number } }[];
}

export function formatConfig(stream: Stream, c: ConfigResult): string {
  const lines: string[] = [];
  const buckets = c.knobs.indexBuckets ? `, buckets ${c.knobs.indexBuckets}/${c.knobs.duplicateBuckets}/${c.knobs.storylineBuckets}` : '';
  const similarityKnobs = `${c.knobs.threshold !== undefined ? `threshold ${c.knobs.threshold}, ` : ''}${c.knobs.crossCurve ? `cross-language curve ${c.knobs.crossCurve.join('/')}, ` : ''}`;
  const knobs = `${similarityKnobs}mergeThreshold ${c.knobs.mergeThreshold ?? 'default'}, maxCandidates ${c.knobs.maxCandidates ?? 'default'}${buckets}`;
  const seeds = c.runs.map((r) => r.seed).join(',');
  lines.push(`### ${knobs} — median (min–max) over ${c.runs.length} orders (seeds ${seeds})`);
  lines.push('');
  lines.push('| rows | articles | gold groups | pairwise P / R / F1 | BCubed P / R / F1 | labelled pairs P / R / F1 |');
  lines.push('|---|---|---|---|---|---|');
  const rowNames = Object.keys(c.runs[0]!.scores).filter((r) => r !== 'seeds');
  const col = (row: string, key: string) => spread(c.runs.map((r) => r.scores[row]![key]!));
  for (const row of rowNames) {
    const prf = (p: string) => `${col(row, `${p}P`)} / ${col(row, `${p}R`)} / ${col(row, `${p}F1`)}`;
    lines.push(`| ${row} | ${c.runs[0]!.scores[row]!['articles']} | ${c.runs[0]!.scores[row]!['groups']} | ${prf('pw')} | ${prf('b3')} | ${prf('lp')} |`);
  }
  lines.push('');
  lines.push(
    `Cross-lingual unit F1 (Miranda; ${c.runs[0]!.scores['all']!['units']} units): P / R / F1 ${col('all', 'unitP')} / ${col('all', 'unitR')} / ${col('all', 'unitF1')}`,
  );
  const count = (f: (r: ClusterRun) => number) => spread(c.runs.map((r) => f(r.run)), 0);
  lines.push(
    `Events ${count((r) => r.events)}, merges ${count((r) => r.merges)}, near-duplicates ${count((r) => r.nearDuplicates)}, exact duplicates ${count((r) => r.duplicates)}; ${count((r) => r.seconds)} s a run; Redis ${count((r) => r.bytesPerArticle)} B an article (real features, all live)`,
  );
  const firstRun = c.runs[0]!.run;
  const heaviest = Object.entries(firstRun.bytesByClass).sort((a, b) => b[1] - a[1]).slice(0, 8);
  lines.push(`Redis B an article by key class (order ${c.runs[0]!.seed}): ${heaviest.map(([cls, b]) => `${cls} ${b}`).join(', ')}; a stored features blob ${firstRun.featureBlobBytes} B on average`);
  const check = c.runs[0]!.codecCheck;
  if (check) lines.push(`Features codec (order ${c.runs[0]!.seed}): ${check.differing} of ${check.pairs} labelled-pair scores (both directions) differ after encode → decode, by ≤ ${check.maxDifference}`);
  lines.push(
    `Same-story pairs left apart ${spread(c.runs.map((r) => r.missed.missed), 0)}, of which ${spread(c.runs.map((r) => r.missed.aboveThreshold), 0)} score ≥ the threshold when compared directly (lost on the online path, not by the similarity)`,
  );
  if (stream.withSeeds) {
    const ok = (k: string) => c.runs.filter((r) => r.scores['seeds']![k] === 1).length;
    const direct = spread(c.runs.map((r) => r.seedPairScore ?? 0));
    lines.push(
      `Seeds: 001+003 together in ${ok('001+003')}/${c.runs.length} orders (direct score ${direct}, threshold ${c.runs[0]!.run.threshold}); 000 apart ${ok('000 apart')}/${c.runs.length}; 002 apart ${ok('002 apart')}/${c.runs.length}`,
    );
  }
  return lines.join('\n');
}

/** One line per configuration: the figures a sweep chooses on. */
export function formatSweep(results: readonly ConfigResult[], row: string): string {
  const lines = [`| mergeThreshold | maxCandidates | ${row} pairwise P / R / F1 | ${row} BCubed F1 | ${row} labelled P / R / F1 | merges | events |`, '|---|---|---|---|---|---|---|'];
  for (const c of results) {
    const col = (key: string) => median(c.runs.map((r) => r.scores[row]![key]!)).toFixed(3);
    const count = (f: (r: ClusterRun) => number) => median(c.runs.map((r) => f(r.run))).toFixed(0);
    lines.push(
      `| ${c.knobs.mergeThreshold ?? 'default'} | ${c.knobs.maxCandidates ?? 'default'} | ${col('pwP')} / ${col('pwR')} / ${col('pwF1')} | ${col('b3F1')} | ${col('lpP')} / ${col('lpR')} / ${col('lpF1')} | ${count((r) => r.merges)} | ${count((r) => r.events)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string', default: '1,2,3' },
      merge: { type: 'string' },
      threshold: { type: 'string' },
      'cross-curve': { type: 'string' },
      'max-candidates': { type: 'string' },
      lang: { type: 'string' },
      'sweep-row': { type: 'string', default: 'tr' },
      json: { type: 'string' },
      dump: { type: 'string' },
      /** index:duplicate:storyline bucket counts, one configuration each: 4096:4096:1024,512:512:128 */
      buckets: { type: 'string' },
    },
  });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let pairs = loadPairs();
  if (values.lang) pairs = pairs.filter((p) => values.lang!.split(',').includes(p.lang));
  const stream = buildStream(pairs);
  log(`${stream.articles.length} articles from ${pairs.length} pairs, + ${stream.withSeeds ? 4 : 0} seeds`);
  const inputs = await analyseStream(stream, await createAnalyser(), log);

  const numbers = (s: string | undefined) => (s ? s.split(',').map(Number) : [undefined]);
  const configs: ClusterKnobs[] = [];
  for (const mergeThreshold of numbers(values.merge)) {
    for (const maxCandidates of numbers(values['max-candidates'])) {
      configs.push({ ...(mergeThreshold !== undefined ? { mergeThreshold } : {}), ...(maxCandidates !== undefined ? { maxCandidates } : {}) });
    }
  }
  const seeds = values.orders.split(',').map(Number);
  if (values.threshold || values['cross-curve']) {
    const [centre, width] = (values['cross-curve'] ?? '').split(',').map(Number);
    const similarityKnobs: ClusterKnobs = {
      ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
      ...(values['cross-curve'] ? { crossCurve: [centre!, width!] as const } : {}),
    };
    for (const c of configs) Object.assign(c, similarityKnobs);
  }
  if (values.buckets) {
    // Each `index:duplicate:storyline` triple is one more configuration (the analysis is shared).
    const sizings = values.buckets.split(',').map((triple) => triple.split(':').map(Number));
    const base = configs.splice(0);
    for (const c of base) for (const [indexBuckets, duplicateBuckets, storylineBuckets] of sizings) configs.push({ ...c, indexBuckets, duplicateBuckets, storylineBuckets });
  }

  const server = await startLocalRedis();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const results: ConfigResult[] = [];
  try {
    for (const knobs of configs) {
      const result: ConfigResult = { knobs, runs: [] };
      for (const seed of seeds) {
        const run = await clusterStream(inputs, streamOrder([...inputs.keys()], seed), redis, knobs);
        await redis.flushdb();
        result.runs.push({
          seed,
          run,
          scores: scoreRun(stream, run.predicted),
          missed: await missedPairs(stream, run),
          ...(stream.withSeeds ? { seedPairScore: await run.directScore('001', '003') } : {}),
          ...(result.runs.length === 0 ? { codecCheck: await run.codecCheck(stream.labelledPairs) } : {}),
        });
        if (values.dump && results.length === 0 && result.runs.length === 1) writeFileSync(values.dump, JSON.stringify(clustersOf(stream, inputs, run.predicted)));
        log(`merge ${knobs.mergeThreshold ?? 'default'}, candidates ${knobs.maxCandidates ?? 'default'}, order ${seed}: ${run.seconds.toFixed(0)} s, ${run.events} events, ${run.merges} merges`);
      }
      results.push(result);
      process.stdout.write(`${formatConfig(stream, result)}\n\n`);
    }
  } finally {
    await redis.quit();
    await server.stop();
  }
  if (results.length > 1) process.stdout.write(`${formatSweep(results, values['sweep-row'])}\n`);
  if (values.json) {
    writeFileSync(values.json, JSON.stringify(results.map((c) => ({ knobs: c.knobs, runs: c.runs.map((r) => ({ seed: r.seed, scores: r.scores, missed: r.missed, seedPairScore: r.seedPairScore, events: r.run.events, merges: r.run.merges, nearDuplicates: r.run.nearDuplicates, duplicates: r.run.duplicates, seconds: r.run.seconds })) }))));
  }
}

runWhenMain(import.meta.url, main);
