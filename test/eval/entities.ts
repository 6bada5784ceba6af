/**
 * Entities evaluation: `pnpm eval:entities [--errors] [--json]`.
 * (1) the seed checks as a table; (2) precision/recall on the labelled sample (ids in
 * entities-labels.json, texts from ../shared/eval); (3) start-up cost and throughput.
 */
import { tokenize } from '@newsflow/lexicon/tokenize';
import { createEntityExtractor } from '@newsflow/entities/extractor';
import { SPLITS, checkSeeds, evaluate, loadLabelledArticles, loadSeeds, throughputCorpus, type LabelledArticle, type Score } from './entities-lib.ts';

const args = new Set(process.argv.slice(2));
const mb = (bytes: number): number => Math.round(bytes / 1e6);
const pct = (x: number): string => `${(100 * x).toFixed(1)}`;

// (3a) Start-up first, before anything else is loaded into this process.
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const extractor = await createEntityExtractor();
const startupMs = performance.now() - started;
const rssAfter = process.memoryUsage().rss;

// (1) Seeds.
const seeds = loadSeeds();
const { checks, noise } = checkSeeds(extractor, seeds);
console.log('## Seeds (it, en, en, pl): id found per seed, with the surface forms\n');
console.log(`| entity | id | ${seeds.map((s) => `${s.file.slice(0, 3)} ${s.language}`).join(' | ')} |`);
console.log(`|---|---|${seeds.map(() => '---').join('|')}|`);
for (const check of checks) {
  const cells = check.found.map((forms, index) =>
    forms === undefined ? (check.unexpected.includes(index) ? '**unexpected**' : '·') : forms.length ? forms.join(', ') : '**missed**',
  );
  console.log(`| ${check.name} | \`${check.id}\` | ${cells.join(' | ')} |`);
}
const seedFailures = checks.reduce((n, c) => n + c.missed.length + c.unexpected.length, 0);
console.log(`\nseed checks: ${checks.reduce((n, c) => n + c.found.filter((f) => f !== undefined).length, 0)} expected mentions, ${seedFailures} failures; gazetteer noise (Baza, Jawne, Independence, Vladimir … as places): ${noise.length ? noise.join(', ') : 'none'}\n`);

// (2) Labelled sample, per split (dev: tuned on; test, test2, test3: held out when labelled, see entities-lib.ts).
const articles = loadLabelledArticles();
const row = (label: string, s: Score): string =>
  `| ${label} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${s.truePositives}/${s.predicted} | ${s.found}/${s.labelled} |`;
const splits: Record<string, LabelledArticle[]> = Object.fromEntries([
  ...SPLITS.map((split) => [split, articles.filter((a) => a.split === split)] as const),
  ['all', articles] as const,
]);
const results = Object.fromEntries(Object.entries(splits).map(([name, list]) => [name, evaluate(extractor, list)]));
for (const [name, result] of Object.entries(results)) {
  const list = splits[name] ?? [];
  console.log(`## Labelled sample, ${name}: ${list.length} articles, ${result.overall.labelled} labelled entities (document level, micro-averaged)\n`);
  console.log('| slice | P % | R % | F1 % | correct/predicted | found/labelled |');
  console.log('|---|---|---|---|---|---|');
  console.log(row('all', result.overall));
  for (const [language, s] of Object.entries(result.byLanguage)) console.log(row(`lang ${language}`, s));
  for (const [kind, s] of Object.entries(result.byKind)) console.log(row(`kind ${kind}`, s));
  console.log('');
}
if (args.has('--errors')) {
  for (const { article, falsePositives, missed } of results.all?.articles ?? []) {
    if (!falsePositives.length && !missed.length) continue;
    console.log(`\n${article.split} ${article.source} ${article.language} ${article.id.slice(0, 12)}`);
    for (const m of falsePositives) console.log(`  FP ${m.id} (${m.kind}) ${m.name} ← ${m.surfaceForms.join(' | ')}`);
    for (const e of missed) console.log(`  FN ${e.ids.join('|')} (${e.kind}) ${e.name}`);
  }
}

// (3b) Throughput over every text we have: the semeval subset, the zyte pages, the seeds.
const corpus = throughputCorpus(seeds);
const tokens = corpus.reduce((n, a) => n + tokenize(`${a.title}\n${a.text}`).length, 0);
for (const a of corpus.slice(0, 50)) extractor.extract(a); // warm-up
const times: number[] = [];
const t0 = performance.now();
for (const a of corpus) {
  const t = performance.now();
  extractor.extract(a);
  times.push(performance.now() - t);
}
const seconds = (performance.now() - t0) / 1000;
times.sort((a, b) => a - b);
const perf = {
  startupMs: Math.round(startupMs),
  rssBeforeMb: mb(rssBefore),
  rssAfterLoadMb: mb(rssAfter),
  rssAfterRunMb: mb(process.memoryUsage().rss),
  articles: corpus.length,
  tokens,
  articlesPerSecond: Math.round(corpus.length / seconds),
  tokensPerSecond: Math.round(tokens / seconds),
  medianMs: Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(2)),
  p95Ms: Number((times[Math.floor(times.length * 0.95)] ?? 0).toFixed(2)),
  gazetteer: extractor.stats,
};
console.log(`\n## Cost (one process, one article at a time)\n`);
console.log(`start-up ${perf.startupMs} ms; RSS ${perf.rssBeforeMb} MB → ${perf.rssAfterLoadMb} MB after loading (${perf.gazetteer.entities} entities, ${perf.gazetteer.names} names, lemmatizers ${perf.gazetteer.lemmatizerLanguages.join(', ')}), ${perf.rssAfterRunMb} MB after the run`);
console.log(`${perf.articles} articles, ${perf.tokens} tokens: ${perf.articlesPerSecond} articles/s, ${perf.tokensPerSecond} tokens/s; median ${perf.medianMs} ms, p95 ${perf.p95Ms} ms per article`);
if (args.has('--json')) {
  const sample = Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { overall: r.overall, byLanguage: r.byLanguage, byKind: r.byKind }]));
  console.log(JSON.stringify({ seeds: { failures: seedFailures, noise }, sample, perf }, null, 1));
}
process.exitCode = seedFailures > 0 ? 1 : 0;
