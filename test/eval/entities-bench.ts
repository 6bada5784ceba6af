/**
 * Throughput of two extractors in one process, interleaved article by article so that machine load hits both alike:
 * `tsx test/eval/entities-bench.ts <moduleA> <moduleB>` (e.g. a copy of an earlier extractor.ts beside the current one, given
 * by absolute path). Start-up and RSS: `tsx test/eval/entities-bench.ts --startup <module>`, one fresh process each.
 */
import { readFileSync } from 'node:fs';
import type { EntityExtractor, ExtractInput } from '@newsflow/entities/extractor';
import { SHARED_EVAL_DIR, loadSeeds } from './entities-lib.ts';

const args = process.argv.slice(2);
if (args[0] === '--startup') {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  await (await import(args[1] ?? '@newsflow/entities/extractor')).createEntityExtractor();
  const mb = (b: number): number => Math.round(b / 1e6);
  console.log(`${args[1]}: start-up ${Math.round(performance.now() - started)} ms, RSS ${mb(rssBefore)} → ${mb(process.memoryUsage().rss)} MB`);
  process.exit(0);
}
const modules = args;
const extractors: EntityExtractor[] = [];
for (const m of modules) extractors.push(await (await import(m)).createEntityExtractor());
const corpus: ExtractInput[] = [...loadSeeds()];
for (const line of readFileSync(new URL('clustering/semeval2022_task8_text_tr_fr_ar.jsonl', SHARED_EVAL_DIR), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as Record<string, string | null>;
  for (const side of ['1', '2']) {
    const text = r[`text${side}`];
    if (text) corpus.push({ title: r[`title${side}`] ?? '', text, language: r[`lang${side}`] ?? 'und' });
  }
}
const zyte = JSON.parse(readFileSync(new URL('extraction/zyte-article-extraction-benchmark/ground-truth.json', SHARED_EVAL_DIR), 'utf8')) as Record<string, { articleBody: string }>;
for (const page of Object.values(zyte)) corpus.push({ title: '', text: page.articleBody, language: 'en' });
for (const x of extractors) for (const a of corpus.slice(0, 50)) x.extract(a);
const totals = extractors.map(() => 0);
for (let round = 0; round < 3; round++) {
  for (const a of corpus) {
    extractors.forEach((x, i) => {
      const t = performance.now();
      x.extract(a);
      totals[i] = (totals[i] ?? 0) + performance.now() - t;
    });
  }
}
modules.forEach((m, i) => console.log(`${m}: ${Math.round((3 * corpus.length) / ((totals[i] ?? 1) / 1000))} articles/s (${corpus.length} articles × 3)`));
