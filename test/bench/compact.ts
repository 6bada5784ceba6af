/**
 * What storage ranking by IDF costs on the dedupe hot path: `compactFeatures` with and without the
 * similarity's `termImportance`, interleaved round by round on the same real features (SemEval
 * articles through the real stages), next to the `features()` call it follows. Median of the rounds.
 *   pnpm exec tsx test/bench/compact.ts [--articles 300] [--rounds 9]
 */
import { parseArgs } from 'node:util';
import { createAnalyser } from '@newsflow/dedupe/analyse';
import { createLexicalSimilarity } from '@newsflow/dedupe/lexical-similarity';
import { compactFeatures } from '@newsflow/dedupe/codec';
import type { ArticleFeatures } from '@newsflow/dedupe/similarity';
import type { DedupeInput } from '@newsflow/contracts/documents';
import { loadPairs } from '../eval/events.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '300' }, rounds: { type: 'string', default: '9' } } });
const wanted = Number(values.articles);
const analyser = await createAnalyser();
const similarity = await createLexicalSimilarity({ languages: [], learn: false });
const inputs: DedupeInput[] = [];
const seen = new Set<string>();
for (const p of loadPairs()) {
  for (const [id, title, text] of [[p.id1, p.title1, p.text1], [p.id2, p.title2, p.text2]] as const) {
    if (seen.has(id) || inputs.length >= wanted) continue;
    seen.add(id);
    const input = await analyser.analyse({ id, title, text, language: p.lang });
    await similarity.prepare(input.language.language);
    inputs.push(input);
  }
}
const features: ArticleFeatures[] = inputs.map((i) => similarity.features(i));
for (const i of inputs) similarity.observe(similarity.features(i)); // realistic IDF: every article counted once
const importance = similarity.termImportance.bind(similarity);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timeEach = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return ((performance.now() - t0) * 1000) / inputs.length; // µs an article
};
const plain: number[] = [];
const ranked: number[] = [];
const extract: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  plain.push(timeEach(() => features.forEach((f) => compactFeatures(f, 32, 8))));
  ranked.push(timeEach(() => features.forEach((f) => compactFeatures(f, 32, 8, importance))));
  extract.push(timeEach(() => inputs.forEach((i) => similarity.features(i))));
}
const [p, r, e] = [median(plain), median(ranked), median(extract)];
console.log(`${inputs.length} articles, ${values.rounds} rounds, median µs an article:`);
console.log(`  compactFeatures by weight        ${p.toFixed(1)}`);
console.log(`  compactFeatures by weight × IDF  ${r.toFixed(1)}  (× ${(r / p).toFixed(2)})`);
console.log(`  features() it follows            ${e.toFixed(1)}  (ranking adds ${(((r - p) / e) * 100).toFixed(1)} % of it)`);
