/**
 * Extraction benchmark for the clean stage: runs `clean()` on the 181 pages of the article-extraction
 * benchmark with each DOM backend and scores the text as the benchmark does.
 *
 *   pnpm eval:extract                      both backends, each in its own process, 2 passes (timings from the warm one)
 *   pnpm eval:extract --backend linkedom   one backend, in this process
 *   pnpm eval:extract --passes 1 --worst 15 --dump /tmp/out.json
 *
 * Pages are run one at a time, yielding to the event loop between them (as the worker does).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { clean } from '@newsflow/clean/clean';
import type { DomBackend, PruneRule } from '@newsflow/clean/clean';
import type { RawDocument } from '@newsflow/contracts/documents';
import { StageError } from '@newsflow/contracts/errors';
import { loadHtml, loadPages, loadPublishedOutput, truthMap } from './extract-data.ts';
import type { BenchmarkPage } from './extract-data.ts';
import { bootstrapF1Std, scoreAll } from './extraction-score.ts';

export interface BackendRun {
  backend: DomBackend;
  pages: number;
  failures: { id: string; error: string }[];
  f1: number;
  f1Std: number;
  precision: number;
  recall: number;
  accuracy: number;
  pagesPerSecond: number;
  medianMs: number;
  p95Ms: number;
  peakRssMb: number;
  worst: { id: string; url: string; precision: number; recall: number }[];
  metadata: MetadataCoverage;
}

/** How often each metadata field was found, and how often the date agrees with a date in the URL. */
export interface MetadataCoverage {
  publishedAt: number;
  byline: number;
  canonicalUrl: number;
  declaredLanguage: number;
  siteName: number;
  /** Pages whose URL holds a date (/2019/11/19/ or 2019-11-19) … */
  urlDated: number;
  /** … and of those, how many have a publishedAt within a day of it. */
  urlDateAgrees: number;
}

const URL_DATE = /\/(20\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/;

function urlDateAgrees(url: string, publishedAt: string | undefined): boolean | undefined {
  const match = URL_DATE.exec(url);
  if (match === null) return undefined;
  const [, year, month, day] = match;
  const urlTime = Date.UTC(Number(year), Number(month) - 1, Number(day));
  if (publishedAt === undefined) return false;
  return Math.abs(Date.parse(publishedAt) - urlTime) <= 36 * 3_600_000;
}

function rawFor(page: BenchmarkPage, byteLength: number): RawDocument {
  return {
    itemId: page.id.slice(0, 40),
    sourceId: 'extraction-benchmark',
    source: { kind: 'url', url: page.url },
    finalUrl: page.url,
    status: 200,
    contentType: 'text/html',
    declaredCharset: 'utf-8',
    fetchedAt: '2019-12-31T00:00:00.000Z',
    byteLength,
  };
}

function emptyCoverage(): MetadataCoverage {
  return { publishedAt: 0, byline: 0, canonicalUrl: 0, declaredLanguage: 0, siteName: 0, urlDated: 0, urlDateAgrees: 0 };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Run clean() over pages, `passes` times; score and time the last pass. */
export async function runBackend(
  backend: DomBackend,
  pages: readonly BenchmarkPage[],
  options: { passes?: number; worst?: number; pruneRules?: readonly PruneRule[] } = {},
): Promise<BackendRun & { predictions: Map<string, string> }> {
  const bodies = pages.map((page) => loadHtml(page.id));
  const passes = options.passes ?? 2;
  let predictions = new Map<string, string>();
  let metadata: MetadataCoverage = emptyCoverage();
  let failures: { id: string; error: string }[] = [];
  let times: number[] = [];
  let wall = 0;
  for (let pass = 0; pass < passes; pass++) {
    predictions = new Map();
    metadata = emptyCoverage();
    failures = [];
    times = [];
    const passStart = performance.now();
    for (const [index, page] of pages.entries()) {
      const body = bodies[index] ?? new Uint8Array();
      const start = performance.now();
      try {
        const result = await clean(rawFor(page, body.byteLength), body, {
          dom: backend,
          ...(options.pruneRules === undefined ? {} : { pruneRules: options.pruneRules }),
        });
        predictions.set(page.id, result.text);
        for (const field of ['publishedAt', 'byline', 'canonicalUrl', 'declaredLanguage', 'siteName'] as const) {
          if (result[field] !== undefined) metadata[field]++;
        }
        const agrees = urlDateAgrees(page.url, result.publishedAt);
        if (agrees !== undefined) metadata.urlDated++;
        if (agrees === true) metadata.urlDateAgrees++;
      } catch (error) {
        failures.push({ id: page.id, error: error instanceof StageError ? error.code : String(error) });
      }
      times.push(performance.now() - start);
      await yieldToEventLoop();
    }
    wall = performance.now() - passStart;
  }
  const truth = truthMap(pages);
  const score = scoreAll(truth, predictions);
  const sorted = [...times].sort((a, b) => a - b);
  const urls = new Map(pages.map((page) => [page.id, page.url]));
  const worst = [...score.perPage.entries()]
    .map(([id, page]) => ({
      id,
      url: urls.get(id) ?? '',
      precision: page.tp + page.fp > 0 ? page.tp / (page.tp + page.fp) : 0,
      recall: page.tp + page.fn > 0 ? page.tp / (page.tp + page.fn) : 0,
    }))
    .sort((a, b) => a.precision + a.recall - (b.precision + b.recall))
    .slice(0, options.worst ?? 0);
  return {
    backend,
    pages: pages.length,
    failures,
    f1: score.f1,
    f1Std: bootstrapF1Std([...score.perPage.values()]),
    precision: score.precision,
    recall: score.recall,
    accuracy: score.accuracy,
    pagesPerSecond: pages.length / (wall / 1000),
    medianMs: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    worst,
    metadata,
    predictions,
  };
}

function format(run: BackendRun): string {
  const f = (value: number): string => value.toFixed(4);
  return [
    `${run.backend.padEnd(9)} F1 ${f(run.f1)} ± ${run.f1Std.toFixed(3)}  P ${f(run.precision)}  R ${f(run.recall)}  acc ${f(run.accuracy)}`,
    `          ${run.pages - run.failures.length}/${run.pages} pages ok  ${run.pagesPerSecond.toFixed(1)} pages/s  median ${run.medianMs.toFixed(0)} ms  p95 ${run.p95Ms.toFixed(0)} ms  peak RSS ${run.peakRssMb.toFixed(0)} MB`,
    `          metadata: publishedAt ${run.metadata.publishedAt}, byline ${run.metadata.byline}, canonicalUrl ${run.metadata.canonicalUrl}, declaredLanguage ${run.metadata.declaredLanguage}, siteName ${run.metadata.siteName} of ${run.pages}; date agrees with the URL's date on ${run.metadata.urlDateAgrees}/${run.metadata.urlDated}`,
    ...run.failures.map((failure) => `          failed ${failure.id}: ${failure.error}`),
    ...run.worst.map(
      (page) => `          worst ${page.id.slice(0, 12)} P ${page.precision.toFixed(3)} R ${page.recall.toFixed(3)} ${page.url}`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string' },
      passes: { type: 'string', default: '2' },
      worst: { type: 'string', default: '0' },
      dump: { type: 'string' },
      json: { type: 'boolean', default: false },
      rules: { type: 'string' },
    },
  });
  const passes = Number(values.passes);
  const worst = Number(values.worst);
  // --rules "" runs Readability's article untouched; --rules captions,link-lists a subset.
  const pruneRules =
    values.rules === undefined ? undefined : (values.rules.split(',').filter((rule) => rule !== '') as PruneRule[]);

  if (values.backend === 'linkedom' || values.backend === 'jsdom') {
    const { predictions, ...run } = await runBackend(values.backend, loadPages(), {
      passes,
      worst,
      ...(pruneRules === undefined ? {} : { pruneRules }),
    });
    if (values.dump !== undefined) writeFileSync(values.dump, JSON.stringify(Object.fromEntries(predictions)));
    console.log(values.json ? JSON.stringify(run) : format(run));
    return;
  }
  if (values.backend !== undefined) throw new Error(`unknown backend ${values.backend}`);

  // Both backends, each in a fresh process so that peak RSS and JIT state are its own.
  const script = process.argv[1] ?? '';
  const runs: BackendRun[] = [];
  for (const backend of ['linkedom', 'jsdom'] as const) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        script,
        ...['--backend', backend, '--passes', String(passes), '--worst', String(worst), '--json'],
        ...(values.rules === undefined ? [] : ['--rules', values.rules]),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`${backend} run failed with status ${child.status}`);
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    const run = JSON.parse(line) as BackendRun;
    runs.push(run);
    console.log(format(run));
  }
  const truth = truthMap(loadPages());
  console.log('\npublished outputs on the same pages:');
  for (const name of ['trafilatura', 'readability_js', 'newspaper', 'goose3', 'boilerpipe']) {
    const score = scoreAll(truth, loadPublishedOutput(name));
    console.log(`${name.padEnd(15)} F1 ${score.f1.toFixed(4)}  P ${score.precision.toFixed(4)}  R ${score.recall.toFixed(4)}`);
  }
  const [linkedom, jsdom] = runs;
  if (linkedom !== undefined && jsdom !== undefined) {
    const gap = jsdom.f1 - linkedom.f1;
    console.log(`\njsdom − linkedom F1: ${gap.toFixed(4)} (linkedom stays the default while this is ≤ 0.002)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
