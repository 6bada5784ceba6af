/**
 * Pair similarity evaluation of the dedupe stage's lexical similarity on the SemEval-2022 Task 8
 * pairs that have text (tr, fr, ar; 730 pairs with both bodies), plus the labelled seeds.
 *
 *   pnpm eval:events                         all pairs, our similarity and the char 4-gram baseline
 *   pnpm eval:events --limit 100 --lang tr   a slice
 *   pnpm eval:events --dump /tmp/pairs.json  per-pair scores and signals, for analysis
 *   pnpm eval:events --fit-on tr             thresholds chosen on tr only (the earlier protocol)
 *   pnpm eval:events --weights '{"likelihood":0.1}'   the similarity with some `LexicalWeights` changed
 *   pnpm eval:events --skip-command          without the second pass through `newsflow similarity --pairs`
 *
 * Every text goes through the real stages (clean → language → entities, `@newsflow/dedupe/analyse`).
 * Document frequencies are learnt from the evaluated articles themselves (as the online model would
 * after seeing them, and as the TF-IDF baseline is fitted), never from the gold labels.
 * What is fitted on the gold (TF exponent, calibration curve, threshold) is fitted on all three
 * languages; the held-out figures are leave-one-language-out: the same fit on two languages, scored on
 * the third (`leaveOneLanguageOut`).
 * Gold: 1 = very similar … 4 = very dissimilar; we correlate against −overall. "Same story": overall ≤ 1.5.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { run as similarityCommand } from '@newsflow/cli/commands/similarity';
import { runWhenMain, sharedEvalDir } from './shared-data.ts';
import { createAnalyser, type Analyser } from '@newsflow/dedupe/analyse';
import { calibrate, createLexicalSimilarity, type LexicalSimilarity, type LexicalSimilarityOptions, type LexicalWeights } from '@newsflow/dedupe/lexical-similarity';
import { compactFeatures } from '@newsflow/dedupe/codec';
import type { ArticleFeatures, Comparison } from '@newsflow/dedupe/similarity';
import type { DedupeInput } from '@newsflow/contracts/documents';

export const PAIRS_FILE = join(sharedEvalDir(), 'clustering/semeval2022_task8_text_tr_fr_ar.jsonl');
export const SEEDS_DIR = new URL('../../seeds/', import.meta.url).pathname;

export interface GoldPair {
  pairId: string;
  id1: string;
  id2: string;
  lang: string;
  overall: number;
  title1: string;
  title2: string;
  text1: string;
  text2: string;
}

/** The pairs with both bodies present, in file order. */
export function loadPairs(file = PAIRS_FILE): GoldPair[] {
  const out: GoldPair[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Record<string, unknown>;
    const text1 = typeof r['text1'] === 'string' ? r['text1'] : '';
    const text2 = typeof r['text2'] === 'string' ? r['text2'] : '';
    if (!text1.trim() || !text2.trim()) continue;
    out.push({
      pairId: String(r['pair_id']),
      id1: String(r['id1']),
      id2: String(r['id2']),
      lang: String(r['lang1']),
      overall: Number(r['overall']),
      title1: typeof r['title1'] === 'string' ? r['title1'] : '',
      title2: typeof r['title2'] === 'string' ? r['title2'] : '',
      text1,
      text2,
    });
  }
  return out;
}

// --- metrics ----------------------------------------------------------------------------------------

export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** ROC-AUC: the probability that a random positive scores above a random negative (ties count half). */
export function rocAuc(scores: readonly number[], positive: readonly boolean[]): number {
  const idx = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && idx[j]![0] === idx[i]![0]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (positive[idx[k]![1]]) {
      rankSum += rank;
      pos++;
    }
    i = j;
  }
  const neg = scores.length - pos;
  return pos > 0 && neg > 0 ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : 0.5;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export function prfAt(scores: readonly number[], positive: readonly boolean[], threshold: number): Prf {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    if (s >= threshold && positive[i]) tp++;
    else if (s >= threshold) fp++;
    else if (positive[i]) fn++;
  });
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** The threshold (one of the scores) with the best F1, the lower one on ties. */
export function bestThreshold(scores: readonly number[], positive: readonly boolean[]): { threshold: number } & Prf {
  let best = { threshold: 1, precision: 0, recall: 0, f1: 0 };
  for (const t of [...new Set(scores)].sort((a, b) => a - b)) {
    const r = prfAt(scores, positive, t);
    if (r.f1 > best.f1) best = { threshold: t, ...r };
  }
  return best;
}

/**
 * The threshold at the centre of the F1 plateau: F1 averaged over thresholds within ±`halfWidth`
 * (steps of 0.005), the best average. The single best-F1 point moves with one or two pairs; the
 * production threshold is chosen with this.
 */
export function plateauThreshold(scores: readonly number[], positive: readonly boolean[], halfWidth = 0.03): number {
  const step = 0.005;
  let best = { threshold: 1, f1: -1 };
  for (let t = 0; t <= 1 + 1e-9; t += step) {
    let sum = 0;
    let n = 0;
    for (let d = -halfWidth; d <= halfWidth + 1e-9; d += step) {
      sum += prfAt(scores, positive, t + d).f1;
      n++;
    }
    if (sum / n > best.f1 + 1e-12) best = { threshold: Math.round(t * 1000) / 1000, f1: sum / n };
  }
  return best.threshold;
}

/**
 * The logistic calibration (`calibrate`) that maximises Pearson with −overall on `pairs`, from their
 * uncalibrated mix (signal `mix`): a grid over centre 0.10–0.80 and width 0.03–0.40 in steps of 0.01.
 */
export function fitCalibration(pairs: readonly { overall: number; signals: Record<string, number> }[]): { centre: number; width: number; pearson: number } {
  const gold = pairs.map((p) => -p.overall);
  const mix = pairs.map((p) => p.signals['mix'] ?? 0);
  let best = { centre: 0.5, width: 0.2, pearson: -Infinity };
  for (let c = 10; c <= 80; c++) {
    for (let w = 3; w <= 40; w++) {
      const r = pearson(mix.map((x) => calibrate(x, c / 100, w / 100)), gold);
      if (r > best.pearson) best = { centre: c / 100, width: w / 100, pearson: r };
    }
  }
  return best;
}

/** TF exponents (`tfPower`) the leave-one-language-out fit chooses from. */
export const TF_POWERS: readonly number[] = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1];

export interface LanguageFit {
  /** The languages whose pairs chose the parameters. */
  fittedOn: string[];
  tfPower: number;
  centre: number;
  width: number;
  /** Pearson by language (and `all`) with these parameters. */
  pearson: Record<string, number>;
}

/**
 * The TF exponent and calibration curve (`fitCalibration`) with the best Pearson on the pairs of
 * `fittedOn`, given each pair's uncalibrated mix under every TF exponent (`mixes`, one array per
 * entry of `powers`, aligned with `pairs`); scored on every language.
 */
export function fitOnLanguages(
  pairs: readonly { lang: string; overall: number }[],
  powers: readonly number[],
  mixes: readonly (readonly number[])[],
  fittedOn: readonly string[],
): LanguageFit {
  let best: { power: number; mix: readonly number[]; centre: number; width: number; pearson: number } | undefined;
  powers.forEach((power, k) => {
    const mix = mixes[k]!;
    const rows = pairs.flatMap((p, i) => (fittedOn.includes(p.lang) ? [{ overall: p.overall, signals: { mix: mix[i]! } }] : []));
    const fit = fitCalibration(rows);
    if (!best || fit.pearson > best.pearson) best = { power, mix, ...fit };
  });
  const chosen = best!;
  const pearsonOn = (lang: string): number => {
    const idx = pairs.flatMap((p, i) => (lang === 'all' || p.lang === lang ? [i] : []));
    return pearson(idx.map((i) => calibrate(chosen.mix[i]!, chosen.centre, chosen.width)), idx.map((i) => -pairs[i]!.overall));
  };
  const langs = [...new Set(pairs.map((p) => p.lang))].sort();
  return {
    fittedOn: [...fittedOn],
    tfPower: chosen.power,
    centre: chosen.centre,
    width: chosen.width,
    pearson: Object.fromEntries([...langs, 'all'].map((l) => [l, pearsonOn(l)])),
  };
}

/** For each language: the fit on the other languages, scored on it (held out). */
export function leaveOneLanguageOut(
  pairs: readonly { lang: string; overall: number }[],
  powers: readonly number[],
  mixes: readonly (readonly number[])[],
): { heldOut: string; fit: LanguageFit }[] {
  const langs = [...new Set(pairs.map((p) => p.lang))].sort();
  if (langs.length < 2) return [];
  return langs.map((heldOut) => ({ heldOut, fit: fitOnLanguages(pairs, powers, mixes, langs.filter((l) => l !== heldOut)) }));
}

// --- the naive baseline ------------------------------------------------------------------------------

/** Char 4-gram TF-IDF vectors over title + text (lower-cased, whitespace collapsed), IDF fitted on `docs`. */
export function charNgramBaseline(docs: ReadonlyMap<string, string>): (a: string, b: string) => number {
  const tf = new Map<string, Map<string, number>>();
  const df = new Map<string, number>();
  for (const [id, text] of docs) {
    const t = ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;
    const counts = new Map<string, number>();
    for (let i = 0; i + 4 <= t.length; i++) {
      const g = t.slice(i, i + 4);
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    tf.set(id, counts);
    for (const g of counts.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  }
  const n = docs.size;
  const vectors = new Map<string, { v: Map<string, number>; norm: number }>();
  for (const [id, counts] of tf) {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [g, c] of counts) {
      const w = (1 + Math.log(c)) * (Math.log((1 + n) / (1 + (df.get(g) ?? 0))) + 1);
      v.set(g, w);
      norm += w * w;
    }
    vectors.set(id, { v, norm: Math.sqrt(norm) });
  }
  return (a, b) => {
    const va = vectors.get(a);
    const vb = vectors.get(b);
    if (!va || !vb || va.norm === 0 || vb.norm === 0) return 0;
    let dot = 0;
    for (const [g, w] of va.v) dot += w * (vb.v.get(g) ?? 0);
    return dot / (va.norm * vb.norm);
  };
}

// --- the evaluation ------------------------------------------------------------------------------------

export interface ScoredPair {
  pairId: string;
  lang: string;
  overall: number;
  score: number;
  baseline: number;
  signals: Record<string, number>;
}

export interface LanguageFigures {
  lang: string;
  pairs: number;
  positives: number;
  pearson: number;
  baselinePearson: number;
  auc: number;
  baselineAuc: number;
  /** P/R/F1 at the threshold chosen on the fitting languages (in-sample for those). */
  atThreshold: Prf;
  baselineAtThreshold: Prf;
}

export interface EventsEvaluation {
  pairs: ScoredPair[];
  byLanguage: LanguageFigures[];
  pooled: LanguageFigures;
  /** The languages the thresholds and the reported fits are chosen on (`EvaluateOptions.fitOn`). */
  fitOn: string[];
  /** Best-F1 thresholds on the fitting languages, for ours and for the baseline. */
  threshold: number;
  /** The centre of ours' F1 plateau on the fitting languages (`plateauThreshold`): how the production threshold is chosen. */
  plateauThreshold: number;
  baselineThreshold: number;
  productionThreshold: number;
  atProductionThreshold: Prf;
  seeds: SeedPair[];
  /**
   * The seeds as a fresh deployment sees them: a new similarity that has observed only the four
   * seeds, in arrival order 000, 001, 002, 003; each pair scored when its later article arrives (so
   * with the document frequencies of the articles seen so far), as the dedupe worker scores it.
   */
  coldStart: SeedPair[];
  signalPearson: Record<string, number>;
  /**
   * Pearson by language (and `all`) when both sides are cut as the dedupe worker stores them
   * (`compactFeatures(f, STORED_TERMS, 16, similarity.termImportance)`): what production compares.
   */
  storedPearson: Record<string, number>;
  /** The calibration curve fitted on one language's pairs, and the Pearson it gives on each language. */
  calibrationFits: { fittedOn: string; centre: number; width: number; pearson: Record<string, number> }[];
  /** TF exponent and curve fitted on all the fitting languages (in-sample), over `TF_POWERS`. */
  fitAll?: LanguageFit;
  /** The same fit on all languages but one, scored on the one left out: the held-out figures. */
  heldOut: { heldOut: string; fit: LanguageFit }[];
  /** The same pairs scored through the cross-language path (`crossLanguageProxy`); with `heldOut`. */
  crossLanguage?: CrossLanguageProxy;
  /** The same pairs through `newsflow similarity --pairs` (`EvaluateOptions.command`). */
  command?: CommandFigures;
  seconds: number;
}

/** What the `newsflow similarity` command scores on the same pairs, and how far that is from the library path above. */
export interface CommandFigures {
  /** Pearson by language (and `all`) of the command's scores. */
  pearson: Record<string, number>;
  auc: number;
  /** P/R/F1 of the command's own decisions (`same`, at the production threshold), all languages. */
  decisions: Prf;
  /** Largest and mean |command score − library score|, and pairs whose decision differs. */
  maxDifference: number;
  meanDifference: number;
  decisionsDiffering: number;
  failures: number;
}

/**
 * The labelled proxy for cross-language pairs: the monolingual pairs scored through the cross-language
 * path (`crossLanguageOnly`: pivot, entities, numbers, names; no own-language words), with its own curve.
 */
export interface CrossLanguageProxy {
  /** Pearson by language (and `all`) with the similarity's current cross-language curve. */
  pearson: Record<string, number>;
  auc: number;
  /** The cross-language curve fitted on the fitting languages (the TF exponent plays no part here). */
  fit: LanguageFit;
  /** The same on all languages but one, scored on the one left out. */
  heldOut: { heldOut: string; fit: LanguageFit }[];
  /** Best-F1 and plateau thresholds of the proxy scores (current curve) on the fitting languages. */
  threshold: number;
  plateauThreshold: number;
  /** P/R/F1 of the proxy scores at the production threshold, by language and `all`. */
  atProductionThreshold: Record<string, Prf>;
}

export interface SeedPair {
  a: string;
  b: string;
  score: number;
  sharedEntities: string[];
  sharedTerms: string[];
  signals: Record<string, number>;
}

export interface EvaluateOptions {
  pairs?: GoldPair[];
  analyser?: Analyser;
  similarity?: LexicalSimilarityOptions;
  seeds?: boolean;
  /** Score the seeds with a cold start too (default: when `seeds`). */
  coldStart?: boolean;
  /** Languages the thresholds are chosen on; default all the languages evaluated. */
  fitOn?: readonly string[];
  /** Run the TF-exponent sweep and leave-one-language-out fits. Default true. */
  heldOut?: boolean;
  /** Score the pairs a second time through `newsflow similarity --pairs` (in process). Default false. */
  command?: boolean;
  log?: (line: string) => void;
}

const SAME_STORY = 1.5;

/** Terms the dedupe worker keeps per stored article (`termsKept` default in dedupe.ts). */
export const STORED_TERMS = 32;

function figures(lang: string, pairs: readonly ScoredPair[], threshold: number, baselineThreshold: number): LanguageFigures {
  const gold = pairs.map((p) => -p.overall);
  const positive = pairs.map((p) => p.overall <= SAME_STORY);
  const ours = pairs.map((p) => p.score);
  const base = pairs.map((p) => p.baseline);
  return {
    lang,
    pairs: pairs.length,
    positives: positive.filter(Boolean).length,
    pearson: pearson(ours, gold),
    baselinePearson: pearson(base, gold),
    auc: rocAuc(ours, positive),
    baselineAuc: rocAuc(base, positive),
    atThreshold: prfAt(ours, positive, threshold),
    baselineAtThreshold: prfAt(base, positive, baselineThreshold),
  };
}

export async function evaluateEvents(options: EvaluateOptions = {}): Promise<EventsEvaluation> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const pairs = options.pairs ?? loadPairs();
  const analyser = options.analyser ?? (await createAnalyser());
  const similarity = await createLexicalSimilarity({ languages: [], ...options.similarity });

  const articles = new Map<string, { title: string; text: string; lang: string }>();
  for (const p of pairs) {
    articles.set(p.id1, { title: p.title1, text: p.text1, lang: p.lang });
    articles.set(p.id2, { title: p.title2, text: p.text2, lang: p.lang });
  }
  log(`${pairs.length} pairs, ${articles.size} articles`);

  const features = new Map<string, ArticleFeatures>();
  let done = 0;
  for (const [id, a] of articles) {
    const input = await analyser.analyse({ id, title: a.title, text: a.text, language: a.lang });
    await similarity.prepare(input.language.language);
    features.set(id, similarity.features(input));
    if (++done % 200 === 0) log(`analysed ${done}/${articles.size}`);
    await new Promise((resolve) => setImmediate(resolve));
  }

  const baseline = charNgramBaseline(new Map([...articles].map(([id, a]) => [id, `${a.title}\n${a.text}`])));
  const scored: ScoredPair[] = pairs.map((p) => {
    const c = similarity.compare(features.get(p.id1)!, features.get(p.id2)!);
    return { pairId: p.pairId, lang: p.lang, overall: p.overall, score: c.score, baseline: baseline(p.id1, p.id2), signals: c.signals ?? {} };
  });

  const importance = similarity.termImportance.bind(similarity);
  const stored = new Map([...features].map(([id, f]) => [id, compactFeatures(f, STORED_TERMS, 16, importance)]));
  const storedScores = pairs.map((p) => similarity.compare(stored.get(p.id1)!, stored.get(p.id2)!).score);

  const fitOn = [...(options.fitOn ?? new Set(scored.map((p) => p.lang)))];
  const fitted = scored.filter((p) => fitOn.includes(p.lang));
  const chooseOn = fitted.length > 0 ? fitted : scored;
  const positiveOf = (ps: readonly ScoredPair[]) => ps.map((p) => p.overall <= SAME_STORY);
  const threshold = bestThreshold(chooseOn.map((p) => p.score), positiveOf(chooseOn)).threshold;
  const baselineThreshold = bestThreshold(chooseOn.map((p) => p.baseline), positiveOf(chooseOn)).threshold;
  const plateau = plateauThreshold(chooseOn.map((p) => p.score), positiveOf(chooseOn));
  const langs = [...new Set(scored.map((p) => p.lang))].sort((a, b) => (a === 'tr' ? -1 : b === 'tr' ? 1 : a < b ? -1 : 1));
  const byLanguage = langs.map((l) => figures(l, scored.filter((p) => p.lang === l), threshold, baselineThreshold));
  const pooled = figures('all', scored, threshold, baselineThreshold);

  const signalPearson: Record<string, number> = {};
  for (const name of Object.keys(scored[0]?.signals ?? {})) {
    signalPearson[name] = pearson(scored.map((p) => p.signals[name] ?? 0), scored.map((p) => -p.overall));
  }

  const storedPearson: Record<string, number> = {};
  for (const l of [...langs, 'all']) {
    const idx = pairs.map((p, i) => (l === 'all' || p.lang === l ? i : -1)).filter((i) => i >= 0);
    storedPearson[l] = pearson(idx.map((i) => storedScores[i]!), idx.map((i) => -pairs[i]!.overall));
  }

  const calibrationFits = ['tr', 'ar']
    .filter((l) => scored.some((p) => p.lang === l))
    .map((fittedOn) => {
      const fit = fitCalibration(scored.filter((p) => p.lang === fittedOn));
      const pearsonOf = (ps: readonly ScoredPair[]) => pearson(ps.map((p) => calibrate(p.signals['mix'] ?? 0, fit.centre, fit.width)), ps.map((p) => -p.overall));
      const byLang: Record<string, number> = Object.fromEntries(langs.map((l) => [l, pearsonOf(scored.filter((p) => p.lang === l))]));
      byLang['all'] = pearsonOf(scored);
      return { fittedOn, centre: fit.centre, width: fit.width, pearson: byLang };
    });

  // The TF exponent changes only how stored weights are compared: one set of features, one mix per exponent.
  let fitAll: LanguageFit | undefined;
  let heldOut: { heldOut: string; fit: LanguageFit }[] = [];
  if (options.heldOut ?? true) {
    const mixes: number[][] = [];
    for (const tfPower of TF_POWERS) {
      const variant = await createLexicalSimilarity({
        languages: [],
        ...options.similarity,
        weights: { ...options.similarity?.weights, tfPower },
        documentFrequencies: similarity.documentFrequencies,
        learn: false,
      });
      mixes.push(pairs.map((p) => variant.compare(features.get(p.id1)!, features.get(p.id2)!).signals?.['mix'] ?? 0));
    }
    fitAll = fitOnLanguages(scored, TF_POWERS, mixes, fitOn);
    heldOut = leaveOneLanguageOut(scored, TF_POWERS, mixes);
  }
  const crossLanguage = (options.heldOut ?? true) ? await crossLanguageProxy(scored, pairs, features, similarity, options.similarity, fitOn) : undefined;

  const seeds: SeedPair[] = [];
  const coldStart: SeedPair[] = [];
  if (options.seeds ?? true) {
    const inputs = await seedInputs(analyser);
    const seedFeatures = new Map<string, ArticleFeatures>();
    for (const [id, input] of inputs) {
      await similarity.prepare(input.language.language);
      seedFeatures.set(id, similarity.features(input));
    }
    const ids = [...seedFeatures.keys()];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        seeds.push(seedPair(ids[i]!, ids[j]!, similarity.compare(seedFeatures.get(ids[i]!)!, seedFeatures.get(ids[j]!)!)));
      }
    }
    if (options.coldStart ?? true) coldStart.push(...(await coldStartSeeds(inputs, options.similarity)));
  }

  return {
    pairs: scored,
    byLanguage,
    pooled,
    threshold,
    plateauThreshold: plateau,
    baselineThreshold,
    productionThreshold: similarity.threshold,
    atProductionThreshold: prfAt(scored.map((p) => p.score), positiveOf(scored), similarity.threshold),
    seeds,
    coldStart,
    signalPearson,
    storedPearson,
    calibrationFits,
    ...(fitAll ? { fitAll } : {}),
    heldOut,
    ...(crossLanguage ? { crossLanguage } : {}),
    ...(options.command ? { command: await throughCommand(pairs, scored, similarity.threshold, log) } : {}),
    fitOn,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The pairs through `newsflow similarity --pairs FILE` (its `run`, in process, on a temporary JSONL file with
 * the pairs' titles, texts and languages), compared with the library path's `scored`. The command analyses
 * both texts of each line as it reads them, so an article in several pairs is analysed, and counted in the
 * document frequencies, once per pair: its scores may differ a little from the library path's.
 */
async function throughCommand(
  pairs: readonly GoldPair[],
  scored: readonly ScoredPair[],
  threshold: number,
  log: (line: string) => void,
): Promise<CommandFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'newsflow-eval-'));
  const file = join(dir, 'pairs.jsonl');
  try {
    const line = (p: GoldPair) =>
      JSON.stringify({ id: p.pairId, title1: p.title1, text1: p.text1, lang1: p.lang, title2: p.title2, text2: p.text2, lang2: p.lang });
    writeFileSync(file, `${pairs.map(line).join('\n')}\n`);
    let out = '';
    const sink = (onChunk?: (text: string) => void) =>
      new Writable({
        write(chunk: Buffer | string, _encoding, done) {
          onChunk?.(chunk.toString());
          done();
        },
      });
    log(`scoring ${pairs.length} pairs through newsflow similarity --pairs`);
    await similarityCommand(['--pairs', file, '--threshold', String(threshold)], {
      stdin: process.stdin,
      stdout: sink((text) => (out += text)),
      stderr: sink((text) => log(text.trimEnd())),
    });
    const byId = new Map<string, { score?: number; same?: boolean }>();
    for (const row of out.split('\n')) if (row.trim()) {
      const r = JSON.parse(row) as { id?: string; score?: number; same?: boolean };
      if (r.id !== undefined) byId.set(r.id, r);
    }
    const rows = scored.flatMap((p) => {
      const r = byId.get(p.pairId);
      return r?.score === undefined ? [] : [{ pair: p, score: r.score, same: r.same === true }];
    });
    const pearsonBy: Record<string, number> = {};
    for (const lang of [...new Set(rows.map((r) => r.pair.lang)), 'all']) {
      const of = rows.filter((r) => lang === 'all' || r.pair.lang === lang);
      pearsonBy[lang] = pearson(of.map((r) => r.score), of.map((r) => -r.pair.overall));
    }
    const positive = rows.map((r) => r.pair.overall <= SAME_STORY);
    const differences = rows.map((r) => Math.abs(r.score - r.pair.score));
    return {
      pearson: pearsonBy,
      auc: rocAuc(rows.map((r) => r.score), positive),
      decisions: prfAt(rows.map((r) => (r.same ? 1 : 0)), positive, 0.5),
      maxDifference: Math.max(0, ...differences),
      meanDifference: differences.reduce((a, b) => a + b, 0) / (differences.length || 1),
      decisionsDiffering: rows.filter((r) => r.same !== r.pair.score >= threshold).length,
      failures: pairs.length - rows.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Scores `pairs` through the cross-language path with the same features and document frequencies, and fits its curve. */
async function crossLanguageProxy(
  scored: readonly ScoredPair[],
  pairs: readonly GoldPair[],
  features: ReadonlyMap<string, ArticleFeatures>,
  similarity: LexicalSimilarity,
  options: LexicalSimilarityOptions | undefined,
  fitOn: readonly string[],
): Promise<CrossLanguageProxy> {
  const cross = await createLexicalSimilarity({
    languages: [],
    ...options,
    crossLanguageOnly: true,
    documentFrequencies: similarity.documentFrequencies,
    learn: false,
  });
  const compared = pairs.map((p) => cross.compare(features.get(p.id1)!, features.get(p.id2)!));
  const scores = compared.map((c) => c.score);
  const mix = compared.map((c) => c.signals?.['mix'] ?? 0);
  const positive = scored.map((p) => p.overall <= SAME_STORY);
  const langs = [...new Set(scored.map((p) => p.lang))].sort();
  const idxOf = (lang: string) => scored.flatMap((p, i) => (lang === 'all' || p.lang === lang ? [i] : []));
  const fitIdx = scored.flatMap((p, i) => (fitOn.includes(p.lang) ? [i] : []));
  const chooseIdx = fitIdx.length > 0 ? fitIdx : idxOf('all');
  const pearsonOn = (lang: string) => pearson(idxOf(lang).map((i) => scores[i]!), idxOf(lang).map((i) => -scored[i]!.overall));
  const prfOn = (lang: string) => prfAt(idxOf(lang).map((i) => scores[i]!), idxOf(lang).map((i) => positive[i]!), cross.threshold);
  return {
    pearson: Object.fromEntries([...langs, 'all'].map((l) => [l, pearsonOn(l)])),
    auc: rocAuc(scores, positive),
    fit: fitOnLanguages(scored, [cross.weights.tfPower], [mix], fitOn),
    heldOut: leaveOneLanguageOut(scored, [cross.weights.tfPower], [mix]),
    threshold: bestThreshold(chooseIdx.map((i) => scores[i]!), chooseIdx.map((i) => positive[i]!)).threshold,
    plateauThreshold: plateauThreshold(chooseIdx.map((i) => scores[i]!), chooseIdx.map((i) => positive[i]!)),
    atProductionThreshold: Object.fromEntries([...langs, 'all'].map((l) => [l, prfOn(l)])),
  };
}

/** The seeds through the real stages, in file (arrival) order, keyed by their three-digit prefix. */
export async function seedInputs(analyser: Analyser): Promise<Map<string, DedupeInput>> {
  const files = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
  const out = new Map<string, DedupeInput>();
  for (const file of files) out.set(file.slice(0, 3), await analyser.analyse({ id: file.slice(0, 3), text: readFileSync(`${SEEDS_DIR}${file}`, 'utf8') }));
  return out;
}

function seedPair(a: string, b: string, c: Comparison): SeedPair {
  return { a, b, score: c.score, sharedEntities: c.evidence.sharedEntities.map((e) => e.name), sharedTerms: c.evidence.sharedTerms, signals: c.signals ?? {} };
}

/**
 * Cold start: a fresh similarity (default document frequencies) that sees the seeds one by one in
 * arrival order; each new seed is compared with the earlier ones right after `features()` counted it,
 * on the stored (compacted) features, as the dedupe worker does.
 */
export async function coldStartSeeds(inputs: ReadonlyMap<string, DedupeInput>, options: LexicalSimilarityOptions = {}): Promise<SeedPair[]> {
  const similarity = await createLexicalSimilarity({ languages: [], ...options });
  const seen: ArticleFeatures[] = [];
  const out: SeedPair[] = [];
  for (const [id, input] of inputs) {
    await similarity.prepare(input.language.language);
    const f = compactFeatures(similarity.features(input), STORED_TERMS, 16, similarity.termImportance.bind(similarity));
    for (const [k, earlier] of seen.entries()) out.push(seedPair([...inputs.keys()][k]!, id, similarity.compare(earlier, f)));
    seen.push(f);
  }
  return out.sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1));
}

function fmt(x: number): string {
  return x.toFixed(3);
}

export function formatReport(e: EventsEvaluation): string {
  const lines: string[] = [];
  lines.push(`Pair similarity on SemEval-2022 Task 8 (text subset): ${e.pooled.pairs} pairs, ${e.seconds.toFixed(0)} s`);
  lines.push('');
  lines.push(`| lang | pairs | same story | Pearson ours | Pearson 4-gram | AUC ours | AUC 4-gram | P/R/F1 ours @${e.fitOn.join('+')}-threshold | P/R/F1 4-gram @${e.fitOn.join('+')}-threshold |`);
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const f of [...e.byLanguage, e.pooled]) {
    const prf = (x: Prf) => `${fmt(x.precision)} / ${fmt(x.recall)} / ${fmt(x.f1)}`;
    lines.push(
      `| ${f.lang} | ${f.pairs} | ${f.positives} | ${fmt(f.pearson)} | ${fmt(f.baselinePearson)} | ${fmt(f.auc)} | ${fmt(f.baselineAuc)} | ${prf(f.atThreshold)} | ${prf(f.baselineAtThreshold)} |`,
    );
  }
  lines.push('');
  lines.push(`Best-F1 threshold on ${e.fitOn.join('+')}: ours ${fmt(e.threshold)} (F1 plateau centre ${fmt(e.plateauThreshold)}), 4-gram ${fmt(e.baselineThreshold)}; production threshold ${fmt(e.productionThreshold)}: P/R/F1 (all) ${fmt(e.atProductionThreshold.precision)} / ${fmt(e.atProductionThreshold.recall)} / ${fmt(e.atProductionThreshold.f1)}`);
  lines.push(`Pearson of each signal alone (pooled): ${Object.entries(e.signalPearson).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
  lines.push(`Pearson on stored features (${STORED_TERMS} terms a side, as dedupe stores them): ${Object.entries(e.storedPearson).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
  if (e.command) {
    const c = e.command;
    lines.push(
      `Through \`newsflow similarity --pairs\`: Pearson ${Object.entries(c.pearson).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}; AUC ${fmt(c.auc)}; ` +
        `its decisions P/R/F1 ${fmt(c.decisions.precision)} / ${fmt(c.decisions.recall)} / ${fmt(c.decisions.f1)}; ` +
        `|score − the above| max ${fmt(c.maxDifference)}, mean ${c.meanDifference.toFixed(4)}; decisions differing ${c.decisionsDiffering}; failed pairs ${c.failures}`,
    );
  }
  for (const fit of e.calibrationFits) {
    lines.push(`Calibration fitted on ${fit.fittedOn} (time factor aside): centre ${fit.centre.toFixed(2)}, width ${fit.width.toFixed(2)} → Pearson ${Object.entries(fit.pearson).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
  }
  const fitLine = (f: LanguageFit) =>
    `tf^${f.tfPower.toFixed(1)}, centre ${f.centre.toFixed(2)}, width ${f.width.toFixed(2)} → ${Object.entries(f.pearson).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`;
  if (e.fitAll) lines.push(`TF exponent and calibration fitted on ${e.fitAll.fittedOn.join('+')} (in-sample): ${fitLine(e.fitAll)}`);
  if (e.heldOut.length > 0) {
    lines.push(`Leave one language out (TF exponent and calibration fitted on the others, Pearson on the one held out): ${e.heldOut.map((h) => `${h.heldOut} ${fmt(h.fit.pearson[h.heldOut] ?? 0)}`).join(', ')}`);
    for (const h of e.heldOut) lines.push(`  ${h.heldOut} held out, fitted on ${h.fit.fittedOn.join('+')}: ${fitLine(h.fit)}`);
  }
  const x = e.crossLanguage;
  if (x) {
    const prf = (p: Prf) => `${fmt(p.precision)} / ${fmt(p.recall)} / ${fmt(p.f1)}`;
    lines.push('');
    lines.push('Cross-language proxy (the same pairs through the cross-language path: pivot, entities, numbers, names; no own-language words):');
    lines.push(`  with the current cross-language curve: Pearson ${Object.entries(x.pearson).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}; AUC ${fmt(x.auc)}`);
    lines.push(`  P/R/F1 at the production threshold ${fmt(e.productionThreshold)}: ${Object.entries(x.atProductionThreshold).map(([k, v]) => `${k} ${prf(v)}`).join('; ')}`);
    lines.push(`  best-F1 threshold on ${e.fitOn.join('+')} ${fmt(x.threshold)}, F1 plateau centre ${fmt(x.plateauThreshold)}`);
    lines.push(`  curve fitted on ${x.fit.fittedOn.join('+')}: centre ${x.fit.centre.toFixed(2)}, width ${x.fit.width.toFixed(2)} → ${Object.entries(x.fit.pearson).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
    for (const h of x.heldOut) lines.push(`  ${h.heldOut} held out, curve fitted on ${h.fit.fittedOn.join('+')}: centre ${h.fit.centre.toFixed(2)}, width ${h.fit.width.toFixed(2)} → ${h.heldOut} ${fmt(h.fit.pearson[h.heldOut] ?? 0)}`);
  }
  const seedLines = (pairs: readonly SeedPair[]) => {
    for (const s of pairs) {
      const signals = ['pivot', 'entities', 'names', 'numbers'].map((k) => `${k} ${fmt(s.signals[k] ?? 0)}`).join(', ');
      lines.push(`  ${s.a}–${s.b}: ${fmt(s.score)}  (${signals})  entities [${s.sharedEntities.slice(0, 6).join(', ')}]  terms [${s.sharedTerms.slice(0, 8).join(', ')}]`);
    }
  };
  if (e.seeds.length > 0) {
    lines.push('');
    lines.push('Seeds, warm (after the evaluated articles) (001 ≡ 003 same event; 000 other event, same storyline; 002 the 15 Aug call):');
    seedLines(e.seeds);
  }
  if (e.coldStart.length > 0) {
    lines.push('');
    lines.push(`Seeds, cold start (a fresh similarity that has seen only 000, 001, 002, 003 in that order; threshold ${fmt(e.productionThreshold)}):`);
    seedLines(e.coldStart);
    const same = e.coldStart.find((s) => s.a === '001' && s.b === '003');
    const cross = Math.max(...e.coldStart.filter((s) => s !== same).map((s) => s.score));
    if (same) lines.push(`  001–003 margin: ${fmt(same.score - e.productionThreshold)} over the threshold, ${fmt(same.score - cross)} over the best cross-event pair`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      limit: { type: 'string' },
      lang: { type: 'string' },
      dump: { type: 'string' },
      json: { type: 'boolean' },
      'fit-on': { type: 'string' },
      weights: { type: 'string' },
      'skip-command': { type: 'boolean' },
    },
  });
  let pairs = loadPairs();
  if (values.lang) pairs = pairs.filter((p) => p.lang === values.lang);
  if (values.limit) pairs = pairs.slice(0, Number(values.limit));
  const fitOn = values['fit-on']?.split(',');
  const weights = values.weights ? (JSON.parse(values.weights) as Partial<LexicalWeights>) : undefined;
  const result = await evaluateEvents({
    pairs,
    ...(fitOn ? { fitOn } : {}),
    ...(weights ? { similarity: { weights } } : {}),
    // The command has no weights option: compare with it only when the library path runs the defaults.
    command: !values['skip-command'] && !weights,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  if (values.dump) writeFileSync(values.dump, JSON.stringify(result.pairs));
  process.stdout.write(values.json ? `${JSON.stringify({ ...result, pairs: undefined })}\n` : `${formatReport(result)}\n`);
}

runWhenMain(import.meta.url, main);
