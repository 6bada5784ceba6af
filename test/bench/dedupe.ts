/**
 * Dedupe index benchmark: time per article and Redis memory per article as the index grows.
 *
 *   pnpm bench:dedupe [--sizes 10000,100000,1000000] [--window 2000] [--per-day 10000]
 *                     [--fill bulk|assign] [--concurrency 16] [--similarity synthetic|lexical] [--seed 1]
 *                     [--frequencies shared|none] [--feature-shape real|terms] [--feature-cache N]
 *
 * A private redis-server is started (startLocalRedis). A synthetic stream with a realistic shape
 * is assigned: Zipf-distributed entities (100k) and words (200k), articles in bursts of one event
 * (sizes heavy-tailed, mean ≈ 4, spread over hours), `--per-day` articles a day of publication
 * time, 4 % near copies and 2 % exact copies. Up to each size minus `--window` the index is filled
 * (`--fill bulk`, default: `bulkLoad` into the generator's true events through the same commit
 * script, `--concurrency` in flight — 1M assigns at ≈ 5 ms would take 1.5 h on the shared machine;
 * `--fill assign`: the full path); then the last `--window` articles are assigned one at a time with
 * the full `assign` and timed (median, p90). Memory: INFO used_memory delta over the start, divided by articles; and MEMORY USAGE
 * (exact, SAMPLES 0) sampled per key class, times the class's key count. Also printed: pairwise and
 * BCubed scores of the timed window's assignments against the generator's events (synthetic:
 * they check the mechanics, not the similarity).
 *
 * `--similarity synthetic` (default) has the lexical similarity's feature shape (≈ 140 terms and
 * native terms before compaction, 64-value MinHash, entity / 8 rare term / 8 rare stem / 16 band /
 * text-hash index keys) with a cheap compare, so the figures are the index's. `lexical` runs the
 * real default (≈ 0.8 ms features and ≈ 0.2 ms a comparison here): use it with small sizes (it has
 * no lexicons here, so its features lack the pivot's senses: not the stored shape either).
 *
 * `--feature-shape real` (default) gives the synthetic features what the lexical default also
 * stores, in the proportions measured on the SemEval articles (tr/ar/fr, `pnpm eval:clusters`):
 * ≈ 50 `senses` keys of 1–3 English words (SUBTLEX ranks spread log-uniformly, 7 % out of the
 * vocabulary), pivot terms from those words, 8-letter native stems, ≈ 8 `names`, entity ids of
 * Wikidata / GeoNames / person / org shape, ≈ 4 numbers, weights 1 + ln(count). `terms`: the
 * earlier shape (terms and native terms only, short Q ids), for comparison with older figures.
 *
 * `--feature-cache N`: the in-process LRU of decoded features (`featureCacheSize`, default 20k).
 *
 * `--frequencies shared` (default): every article's document-frequency keys (`frequencyKeys`: ≈ 140
 * terms, 140 native terms, the entities) are counted in the Redis-shared document frequencies
 * (shared-frequencies.ts) as a dedupe worker does, so their memory (key classes `df`, `dfn`) and
 * their time (local counting, the background flushes) are in the figures; `none` leaves them out.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { PerformanceObserver } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { startLocalRedis } from '@newsflow/runtime/local-redis';
import type { DedupeInput } from '@newsflow/contracts/documents';
import { createDedupe, createDedupeCounters, type DedupeCounters } from '@newsflow/dedupe/dedupe';
import { bandKeys, minhashOf } from '@newsflow/dedupe/jaccard-similarity';
import type { ArticleFeatures, Comparison, Similarity } from '@newsflow/dedupe/similarity';
import { frequencyKeys } from '@newsflow/dedupe/lexical-similarity';
import { createSharedDocumentFrequencies, type SharedDocumentFrequencies } from '@newsflow/dedupe/shared-frequencies';
import { storageVocabulary } from '@newsflow/dedupe/compact-vocabulary';
import { bcubed, pairwise } from '../eval/cluster-metrics.ts';
import { random } from '../integration/dedupe/articles.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    window: { type: 'string', default: '2000' },
    'per-day': { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '16' },
    fill: { type: 'string', default: 'bulk' },
    similarity: { type: 'string', default: 'synthetic' },
    seed: { type: 'string', default: '1' },
    frequencies: { type: 'string', default: 'shared' },
    'feature-shape': { type: 'string', default: 'real' },
    'feature-cache': { type: 'string' },
  },
});
const sizes = args.sizes.split(',').map(Number).sort((a, b) => a - b);
const windowSize = Number(args.window);
const perDay = Number(args['per-day']);
const concurrency = Number(args.concurrency);
const shape = args['feature-shape'] === 'terms' ? 'terms' : 'real';

// ---------------------------------------------------------------- synthetic stream


/** Zipf sampler over ranks 0..n-1 by inverse CDF (binary search). */
function zipf(n: number, s: number, rand: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cdf[k] = sum += 1 / Math.pow(k + 1, s);
  return () => {
    const u = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'po', 'se', 'di', 'va', 'ze', 'bu', 'fo', 'gi', 'ha', 'je'];
/** A pronounceable word for a vocabulary rank (the rank can be read back: rarer = higher). */
function word(rank: number): string {
  let s = '';
  let n = rank;
  do {
    s += SYLLABLES[n % 16];
    n = Math.floor(n / 16);
  } while (n > 0);
  return `${s}n`;
}
const ranks = new Map<string, number>();
function rankOf(w: string): number {
  const known = ranks.get(w);
  if (known !== undefined) return known;
  const n = parseRank(w);
  if (ranks.size < 500_000) ranks.set(w, n);
  return n;
}
function parseRank(w: string): number {
  let n = 0;
  const body = w.slice(0, -1);
  for (let i = body.length - 2; i >= 0; i -= 2) n = n * 16 + SYLLABLES.indexOf(body.slice(i, i + 2));
  return n;
}

interface SyntheticArticle {
  input: DedupeInput;
  event: number;
}

function* stream(seed: number): Generator<SyntheticArticle> {
  const rand = random(seed);
  const entityRank = zipf(100_000, 1.05, rand);
  const wordRank = zipf(200_000, 1.0, rand);
  const start = Date.parse('2025-01-01T00:00:00Z');
  const dayMs = 86_400_000;
  const block = 2000;
  const blockSpan = (block / perDay) * dayMs;
  let n = 0;
  let eventId = 0;
  const recent: { input: DedupeInput; event: number }[] = [];
  for (let b = 0; ; b++) {
    const blockStart = start + b * blockSpan;
    const out: { at: number; input: DedupeInput; event: number }[] = [];
    while (out.length < block) {
      const size = Math.min(200, Math.max(1, Math.floor(1 / Math.pow(1 - rand(), 0.7)))); // heavy tail (≈ 2.7 articles an event in practice)
      const ev = eventId++;
      const entities = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => entityRank());
      const core = Array.from({ length: 12 }, () => 100 + wordRank());
      const at0 = blockStart + rand() * blockSpan;
      for (let k = 0; k < size && out.length < block; k++) {
        const at = at0 + -Math.log(1 - rand()) * 6 * 3_600_000;
        const itemId = `b${seed}i${n++}`;
        const copy = recent.length > 0 && rand() < 0.06 ? recent[Math.floor(rand() * recent.length)] : undefined;
        const copyOf = copy?.input;
        let input: DedupeInput;
        let event = ev;
        if (copyOf) {
          event = copy.event; // a copy belongs to its original's event
          const exact = rand() < 0.33;
          const text = exact ? copyOf.clean.text : `${copyOf.clean.text} ${word(wordRank())}`;
          input = { ...copyOf, itemId, clean: { ...copyOf.clean, itemId, text, publishedAt: new Date(at).toISOString() } };
          delete input.clean.canonicalUrl;
        } else {
          const mentions = entities.filter(() => rand() < 0.8).concat(Array.from({ length: Math.floor(rand() * 3) }, () => entityRank()));
          const title = Array.from({ length: 8 }, () => word(core[Math.floor(rand() * core.length)]!)).join(' ');
          const text = Array.from({ length: 150 }, () => word(rand() < 0.35 ? core[Math.floor(rand() * core.length)]! : wordRank())).join(' ');
          const iso = new Date(at).toISOString();
          const guess = { language: 'en', confidence: 1, reliable: true };
          input = {
            itemId,
            sourceId: `src${Math.floor(rand() * 300)}`,
            fetchedAt: iso,
            clean: { itemId, format: 'text', title, text, publishedAt: iso, canonicalUrl: `https://news${Math.floor(rand() * 300)}.example/${itemId}`, charset: 'utf-8', charsetSource: 'utf8', droppedLines: 0 },
            language: { itemId, ...guess, title: guess, text: guess },
            entities: {
              itemId,
              entities: [...new Set(mentions)].map((r, i) => ({
                id: `Q${r + 1}`,
                kind: r % 3 === 0 ? 'place' : r % 3 === 1 ? 'person' : 'organisation',
                name: `Entity ${r + 1}`,
                count: 1 + Math.floor(rand() * 4),
                inTitle: i === 0,
                surfaceForms: [`Entity ${r + 1}`],
              })),
            },
          };
          recent.push({ input, event: ev });
          if (recent.length > 500) recent.shift();
        }
        out.push({ at, input, event });
      }
    }
    out.sort((x, y) => x.at - y.at);
    for (const a of out) yield { input: a.input, event: a.event };
  }
}

const sublinearOf: number[] = [];
/** 1 + ln(count) to 3 places (cached for small integer counts: the fill computes ≈ 300 an article). */
const sublinearOfAny = (count: number): number => Math.round((1 + Math.log(count)) * 1000) / 1000;
const sublinear = (count: number): number => (Number.isInteger(count) && count < 1000 ? (sublinearOf[count] ??= sublinearOfAny(count)) : sublinearOfAny(count));

/** A number 0..2^32 from a word and a salt (deterministic: two articles with a word agree on its senses). */
function hashOf(text: string, salt: number): number {
  return createHash('sha1').update(`${salt}:${text}`).digest().readUInt32BE(0);
}

/** An English sense for a synthetic word: a SUBTLEX rank spread log-uniformly, 7 % outside the vocabulary. */
function senseOf(w: string, j: number): string {
  const h = hashOf(w, j);
  const vocabulary = storageVocabulary();
  if (h % 100 < 7) return `${word(h % 100_000)}x`;
  const rank = Math.floor(Math.exp(((h >>> 8) / 2 ** 24) * Math.log(vocabulary.size))) ;
  return vocabulary.wordAt(Math.max(1, Math.min(vocabulary.size, rank))) ?? w;
}

/** Per synthetic word, what realShape derives from its hashes (the fill's hot spot: ≈ 3 SHA-1 a word otherwise). */
interface WordShape {
  name: boolean;
  /** The `senses` key and its words, when the word is in the pivot lexicon. */
  senses?: { key: string; words: string[] };
}
const wordShapes = new Map<string, WordShape>();
function wordShape(w: string): WordShape {
  const known = wordShapes.get(w);
  if (known) return known;
  const h = hashOf(w, 0);
  const shape: WordShape = { name: h % 9 === 0 };
  if (h % 2 === 0) {
    // about half the words are in the pivot lexicon
    const k = 1 + (h >>> 4) % 3;
    const words = [...new Set(Array.from({ length: k }, (_, j) => senseOf(w, j + 1)))].sort();
    shape.senses = { key: words.join('|'), words };
  }
  if (wordShapes.size < 1_000_000) wordShapes.set(w, shape);
  return shape;
}

/** What the lexical default stores besides terms (see `--feature-shape real`), from the article's word counts. */
function realShape(tf: Record<string, number>, input: DedupeInput): Pick<ArticleFeatures, 'terms' | 'nativeTerms' | 'senses' | 'names' | 'numbers'> & { entityIds: string[] } {
  const senses: Record<string, number> = {};
  const pivot = new Map<string, number>();
  const nativeTerms: Record<string, number> = {};
  const names: Record<string, number> = {};
  for (const [w, c] of Object.entries(tf)) {
    // The whole synthetic word (≈ as long as a real `fr:` stem with its prefix): compare() reads its rank back.
    nativeTerms[`x:${w}`] = sublinear(c);
    const { name, senses: sense } = wordShape(w);
    if (name) names[w.slice(0, 5)] = sublinear(c);
    if (!sense) continue;
    senses[sense.key] = sublinear(c);
    for (const t of sense.words) pivot.set(t, (pivot.get(t) ?? 0) + c / sense.words.length);
  }
  const terms: Record<string, number> = {};
  for (const [t, c] of pivot) terms[t] = sublinear(c);
  const entityIds = input.entities.entities.map((e) => {
    const r = Number(e.id.slice(1));
    return [e.id, `geonames:${3_000_000 + r}`, `person:${word(r)}-${word(r + 7)}`, `org:${word(r)}`][r % 4]!;
  });
  for (const e of input.entities.entities) names[e.name.toLowerCase().replace(/[^a-z]/g, '').slice(0, 5) + e.id.slice(-2)] = 1;
  const first = Object.keys(tf)[0] ?? '';
  const numbers = [String(hashOf(first, 9) % 1000), `${hashOf(first, 10) % 100}%`, `2025-01-${String(1 + (hashOf(first, 11) % 28)).padStart(2, '0')}`, String(hashOf(input.itemId, 12) % 10_000)];
  return { terms, nativeTerms, senses, names, numbers, entityIds };
}

/** The lexical similarity's feature shape, with a cheap comparison (entity Jaccard + term cosine). */
function syntheticSimilarity(shape: 'real' | 'terms'): Similarity {
  return {
    name: shape === 'real' ? 'synthetic-lexical-shape-real' : 'synthetic-lexical-shape',
    threshold: 0.35,
    features(input): ArticleFeatures {
      const words = `${input.clean.title} ${input.clean.text}`.split(' ');
      const tf: Record<string, number> = {};
      for (const w of words) tf[w] = (tf[w] ?? 0) + 1;
      const terms: Record<string, number> = {};
      const nativeTerms: Record<string, number> = {};
      const rankList: [string, number][] = [];
      for (const [w, c] of Object.entries(tf)) {
        const rank = rankOf(w);
        rankList.push([w, rank]);
        if (shape === 'real') continue; // the real shape's terms come from realShape()
        const weight = (1 + Math.log(c)) * Math.log(1 + rank);
        terms[w] = weight;
        nativeTerms[`en:${w.slice(0, 8)}`] = weight * 0.9;
      }
      const rare = rankList.sort((a, b) => b[1] - a[1]).slice(0, 8).map(([w]) => w);
      const minhash = minhashOf(input.clean.text, 64);
      const textHash = createHash('sha1').update(input.clean.text).digest('hex').slice(0, 20);
      if (shape === 'real') {
        const real = realShape(tf, input);
        return {
          itemId: input.itemId,
          language: 'en',
          publishedAt: input.clean.publishedAt ?? input.fetchedAt,
          publishedAtSource: 'page',
          textHash,
          ...(input.clean.canonicalUrl ? { canonicalUrl: input.clean.canonicalUrl } : {}),
          minhash,
          entities: input.entities.entities.map((e, i) => ({ id: real.entityIds[i]!, name: e.name, weight: sublinear(e.count) })),
          terms: real.terms,
          nativeTerms: real.nativeTerms,
          senses: real.senses,
          names: real.names,
          numbers: real.numbers,
          tokenCount: words.length,
          indexKeys: [
            ...real.entityIds.map((id) => `e:${id}`),
            ...rare.map((w) => `t:${w}`),
            ...rare.map((w) => `s:x:${w}`),
            ...bandKeys(minhash, 4),
            `h:${textHash}`,
          ],
        };
      }
      return {
        itemId: input.itemId,
        language: 'en',
        publishedAt: input.clean.publishedAt ?? input.fetchedAt,
        textHash,
        ...(input.clean.canonicalUrl ? { canonicalUrl: input.clean.canonicalUrl } : {}),
        minhash,
        entities: input.entities.entities.map((e) => ({ id: e.id, name: e.name, weight: 1 + Math.log(e.count) })),
        terms,
        nativeTerms,
        numbers: [],
        indexKeys: [
          ...input.entities.entities.map((e) => `e:${e.id}`),
          ...rare.map((w) => `t:${w}`),
          ...rare.map((w) => `s:en:${w.slice(0, 8)}`),
          ...bandKeys(minhash, 4),
          `h:${textHash}`,
        ],
      };
    },
    // Real shape: weights are counts, as the lexical default's; rarity (the rank) weighs in when
    // terms are kept (`termImportance`, like its IDF) and compared, as the earlier shape's weights did.
    ...(shape === 'real' ? { termImportance: (kind: 'terms' | 'nativeTerms', key: string) => (kind === 'nativeTerms' ? Math.log(2 + rankOf(key.slice(2))) : 1) } : {}),
    compare(a, b): Comparison {
      if (shape === 'real') return compareReal(a, b);
      const eb = new Set(b.entities.map((e) => e.id));
      const shared = a.entities.filter((e) => eb.has(e.id));
      const ent = shared.length / Math.max(1, new Set([...a.entities.map((e) => e.id), ...eb]).size);
      let dot = 0;
      let na = 0;
      let nb = 0;
      for (const [k, w] of Object.entries(a.terms)) {
        na += w * w;
        const v = b.terms[k];
        if (v !== undefined) dot += w * v;
      }
      for (const w of Object.values(b.terms)) nb += w * w;
      const cos = na && nb ? dot / Math.sqrt(na * nb) : 0;
      const score = 0.5 * ent + 0.5 * cos;
      const sharedTerms = Object.keys(a.terms).filter((k) => k in b.terms).slice(0, 5);
      return { score, evidence: { score, sharedEntities: shared.map((e) => ({ id: e.id, name: e.name })).slice(0, 10), sharedTerms } };
    },
  };
}

/** The synthetic compare over the real shape: entity Jaccard + cosine of native words weighted by count × rarity. */
function compareReal(a: ArticleFeatures, b: ArticleFeatures): Comparison {
  const eb = new Set(b.entities.map((e) => e.id));
  const shared = a.entities.filter((e) => eb.has(e.id));
  const ent = shared.length / Math.max(1, new Set([...a.entities.map((e) => e.id), ...eb]).size);
  const weighted = (f: ArticleFeatures) => new Map(Object.entries(f.nativeTerms ?? {}).map(([k, w]) => [k, w * Math.log(1 + rankOf(k.slice(2)))] as const));
  const wa = weighted(a);
  const wb = weighted(b);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, w] of wa) {
    na += w * w;
    const v = wb.get(k);
    if (v !== undefined) dot += w * v;
  }
  for (const w of wb.values()) nb += w * w;
  const cos = na && nb ? dot / Math.sqrt(na * nb) : 0;
  const score = 0.5 * ent + 0.5 * cos;
  const sharedTerms = [...wa.keys()].filter((k) => wb.has(k)).slice(0, 5);
  return { score, evidence: { score, sharedEntities: shared.map((e) => ({ id: e.id, name: e.name })).slice(0, 10), sharedTerms } };
}

/** The similarity with every article's document-frequency keys counted, as the lexical one does in features(). */
function countedIn(similarity: Similarity, frequencies: SharedDocumentFrequencies | undefined): Similarity {
  if (!frequencies) return similarity;
  return {
    ...similarity,
    features(input) {
      const f = similarity.features(input);
      frequencies.observe(frequencyKeys(f));
      return f;
    },
  };
}

// ---------------------------------------------------------------- measuring

/** The similarity with its compare() calls counted and timed. */
function timedCompare(similarity: Similarity, into: { calls: number; ms: number }): Similarity {
  return {
    ...similarity,
    features: similarity.features.bind(similarity),
    compare(a, b) {
      const t0 = performance.now();
      const out = similarity.compare(a, b);
      into.ms += performance.now() - t0;
      into.calls++;
      return out;
    },
  };
}

/** The timed window's work per article: the dedupe counters, compare() calls, and redis-server time by command. */
function perArticle(c: DedupeCounters, compared: { calls: number; ms: number }, commandstats: string, n: number) {
  const per = (x: number, digits = 2) => +(x / n).toFixed(digits);
  const redisUsec: Record<string, { calls: number; usPerArticle: number }> = {};
  for (const m of commandstats.matchAll(/cmdstat_(\w+(?:\|\w+)?):calls=(\d+),usec=(\d+)/g)) {
    redisUsec[m[1]!] = { calls: Number(m[2]), usPerArticle: Math.round(Number(m[3]) / n) };
  }
  return {
    postingsRead: per(c.postingsRead, 1),
    candidatesFound: per(c.candidatesFound, 1),
    candidatesRanked: per(c.candidatesRanked, 1),
    candidatesCompared: per(c.candidatesCompared, 1),
    compareCalls: per(compared.calls, 1),
    compareMs: per(compared.ms, 3),
    cacheHits: per(c.cacheHits, 1),
    cacheMisses: per(c.cacheMisses, 1),
    decodes: per(c.decodes, 1),
    featureBytesRead: Math.round(c.bytesRead / n),
    decodeMs: per(c.decodeMs, 3),
    phaseMs: Object.fromEntries(Object.entries(c.phaseMs).map(([k, v]) => [k, per(v, 3)])),
    redisUsec,
  };
}

async function memoryReport(redis: Redis): Promise<{ classes: Record<string, { keys: number; bytes: number }>; liveArticles: number; featureBlobBytes: number }> {
  const samples = new Map<string, { keys: number; sampled: number[] }>();
  const fb: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 5000);
    cursor = next;
    for (const key of keys) {
      const cls = key.slice('bench:dd:'.length).split(':')[0] ?? '?';
      const entry = samples.get(cls) ?? { keys: 0, sampled: [] };
      entry.keys++;
      if (entry.sampled.length < 300 && Math.random() < 0.2) entry.sampled.push(Number(await redis.memory('USAGE', key, 'SAMPLES', 0)));
      samples.set(cls, entry);
      if (cls === 'fb') fb.push(key);
    }
  } while (cursor !== '0');
  let liveArticles = 0;
  let blobs = 0;
  let blobBytes = 0;
  for (const key of fb.slice(0, 50)) {
    for (const blob of await redis.hvalsBuffer(key)) {
      blobs++;
      blobBytes += blob.length;
    }
  }
  for (let i = 0; i < fb.length; i += 500) {
    const pipeline = redis.pipeline();
    for (const k of fb.slice(i, i + 500)) pipeline.hlen(k);
    for (const [, n] of (await pipeline.exec()) ?? []) liveArticles += Number(n);
  }
  const classes: Record<string, { keys: number; bytes: number }> = {};
  for (const [cls, e] of samples) {
    const mean = e.sampled.length ? e.sampled.reduce((a, b) => a + b, 0) / e.sampled.length : 0;
    classes[cls] = { keys: e.keys, bytes: Math.round(mean * e.keys) };
  }
  return { classes, liveArticles, featureBlobBytes: blobs ? Math.round(blobBytes / blobs) : 0 };
}

/** redis-server CPU (user + sys) in ms. */
async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const user = Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0);
  const sys = Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1] ?? 0);
  return (user + sys) * 1000;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main(): Promise<void> {
  const server = await startLocalRedis();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const frequencies: SharedDocumentFrequencies | undefined =
    args.frequencies === 'shared' ? await createSharedDocumentFrequencies({ redis, prefix: 'bench', priorDocuments: 1440 }) : undefined;
  const similarity =
    args.similarity === 'lexical'
      ? await (await import('@newsflow/dedupe/lexical-similarity')).createLexicalSimilarity({
          resources: () => ({}),
          languages: [],
          ...(frequencies ? { documentFrequencies: frequencies } : {}),
        })
      : countedIn(syntheticSimilarity(shape), frequencies);
  // features() timed apart, without counting the article a second time (synthetic only).
  const timed = args.similarity === 'lexical' ? similarity : syntheticSimilarity(shape);
  // Garbage-collection pauses of the main thread (the heap grows with the fill: is that where time goes?).
  const gc = { count: 0, ms: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) (gc.count++, (gc.ms += e.duration));
  }).observe({ entryTypes: ['gc'] });
  const counters = createDedupeCounters();
  const compared = { calls: 0, ms: 0 };
  const dedupe = createDedupe({
    redis,
    prefix: 'bench',
    similarity: timedCompare(similarity, compared),
    counters,
    ...(args['feature-cache'] ? { featureCacheSize: Number(args['feature-cache']) } : {}),
  });
  const base = await usedMemory(redis);
  const source = stream(Number(args.seed));
  const rows: string[] = [];
  let done = 0;
  const started = Date.now();
  console.log(`similarity ${similarity.name} (feature shape ${shape}), ${perDay} articles/day, window ${windowSize}, fill concurrency ${concurrency}, document frequencies ${args.frequencies}`);
  for (const size of sizes) {
    const fillTo = size - windowSize;
    const fill = async () => {
      while (done < fillTo) {
        done++;
        const next = source.next().value!;
        if (args.fill === 'assign') await dedupe.assign(next.input);
        else await dedupe.bulkLoad(next.input, `g${next.event}`);
      }
    };
    const fillStarted = Date.now();
    const fillFrom = done;
    await Promise.all(Array.from({ length: concurrency }, fill));
    const fillRate = Math.round((done - fillFrom) / Math.max(0.001, (Date.now() - fillStarted) / 1000));
    const times: number[] = [];
    const features: number[] = [];
    const gold = new Map<string, string>();
    Object.assign(counters, createDedupeCounters());
    compared.calls = 0;
    compared.ms = 0;
    gc.count = 0;
    gc.ms = 0;
    await redis.config('RESETSTAT');
    const cpu0 = process.cpuUsage();
    const redisCpu0 = await redisCpu(redis);
    while (done < size) {
      const { input, event } = source.next().value!;
      gold.set(input.itemId, `g${event}`);
      const t0 = performance.now();
      timed.features(input);
      const t1 = performance.now();
      await dedupe.assign(input);
      const t2 = performance.now();
      features.push(t1 - t0);
      times.push(t2 - t1); // assign() computes features itself: features() is timed apart only to show its share
      done++;
    }
    await frequencies?.flush();
    const cpu = process.cpuUsage(cpu0);
    const nodeCpuMs = (cpu.user + cpu.system) / 1000 / gold.size;
    const redisCpuMs = ((await redisCpu(redis)) - redisCpu0) / gold.size;
    const work = {
      ...perArticle(counters, compared, await redis.info('commandstats'), gold.size),
      gcPauses: +(gc.count / gold.size).toFixed(2),
      gcMs: +(gc.ms / gold.size).toFixed(3),
      heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      ...(typeof globalThis.gc === 'function' ? { liveHeapMB: (globalThis.gc(), Math.round(process.memoryUsage().heapUsed / 2 ** 20)), wordShapes: wordShapes.size, ranks: ranks.size } : {}),
    };
    const predicted = new Map<string, string>();
    for (const itemId of gold.keys()) predicted.set(itemId, (await dedupe.eventOf(itemId)) ?? `none-${itemId}`);
    const pw = pairwise(gold, predicted);
    const b3 = bcubed(gold, predicted);
    times.sort((a, b) => a - b);
    features.sort((a, b) => a - b);
    const stats = await dedupe.stats();
    const used = (await usedMemory(redis)) - base;
    const { classes, liveArticles, featureBlobBytes } = await memoryReport(redis);
    const windowed = (classes['x']?.bytes ?? 0) + (classes['fb']?.bytes ?? 0);
    const total = Object.values(classes).reduce((a, c) => a + c.bytes, 0);
    const row = {
      size,
      medianMs: quantile(times, 0.5),
      p90Ms: quantile(times, 0.9),
      featuresMedianMs: quantile(features, 0.5),
      // CPU per article over the window (benchmark process incl. its extra features() call, and
      // redis-server): steadier than wall time on a shared machine.
      nodeCpuMs: +nodeCpuMs.toFixed(3),
      redisCpuMs: +redisCpuMs.toFixed(3),
      usedBytesPerArticle: Math.round(used / size),
      sampledBytesPerArticle: Math.round(total / size),
      permanentBytesPerArticle: Math.round((total - windowed) / size),
      indexBytesPerLiveArticle: liveArticles ? Math.round(windowed / liveArticles) : 0,
      liveArticles,
      featureBlobBytes,
      windowClustering: {
        pairwise: { p: +pw.precision.toFixed(3), r: +pw.recall.toFixed(3), f1: +pw.f1.toFixed(3) },
        bcubed: { p: +b3.precision.toFixed(3), r: +b3.recall.toFixed(3), f1: +b3.f1.toFixed(3) },
      },
      work,
      events: stats.events,
      articles: stats.articles,
      classes,
      elapsedS: Math.round((Date.now() - started) / 1000),
      fillArticlesPerS: fillRate,
    };
    console.log(JSON.stringify(row));
    rows.push(
      `| ${size.toLocaleString('en')} | ${row.medianMs.toFixed(2)} | ${row.p90Ms.toFixed(2)} | ${row.nodeCpuMs.toFixed(2)} + ${row.redisCpuMs.toFixed(2)} | ${row.featuresMedianMs.toFixed(2)} | ${row.usedBytesPerArticle} | ${row.permanentBytesPerArticle} | ${row.indexBytesPerLiveArticle} (${liveArticles.toLocaleString('en')} live) | ${stats.events.toLocaleString('en')} |`,
    );
  }
  console.log('\n| articles | median ms/article | p90 ms | CPU ms/article (node + redis) | features() ms | used_memory B/article | permanent B/article (sampled) | index+features B/live article (sampled) | events |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  if (process.env['BENCH_COMMANDSTATS']) console.log(await redis.info('commandstats'));
  await frequencies?.close();
  await redis.quit();
  await server.stop();
}

await main();
