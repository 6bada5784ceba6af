/**
 * Throughput of two extractors in one process, interleaved article by article so that machine load hits both alike:
 * `tsx test/eval/entities-bench.ts <moduleA> <moduleB>` (e.g. a copy of an earlier extractor.ts beside the current one, given
 * by absolute path). Start-up and RSS: `tsx test/eval/entities-bench.ts --startup <module>`, one fresh process each.
 */
import type { EntityExtractor } from '@newsflow/entities/extractor';
import { throughputCorpus } from './entities-lib.ts';

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
const corpus = throughputCorpus();
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
