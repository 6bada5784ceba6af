/**
 * What the stored-features codec costs and saves: v2 (JSON + deflate) against v3 (the current
 * layout, codec.ts) on real features (SemEval articles through the real stages, compacted as
 * createDedupe stores them), encode and decode interleaved round by round; medians of CPU time.
 *   pnpm exec tsx test/bench/codec.ts [--articles 300] [--rounds 9]
 */
import { parseArgs } from 'node:util';
import { createAnalyser } from '@newsflow/dedupe/analyse';
import { createLexicalSimilarity } from '@newsflow/dedupe/lexical-similarity';
import { compactFeatures, decodeFeatures, encodeFeatures, encodeFeaturesV2, type StoredFeatures } from '@newsflow/dedupe/codec';
import { storageVocabulary } from '@newsflow/dedupe/compact-vocabulary';
import type { DedupeInput } from '@newsflow/contracts/documents';
import { loadPairs } from '../eval/events.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '300' }, rounds: { type: 'string', default: '9' } } });
const wanted = Number(values.articles);
const analyser = await createAnalyser();
const similarity = await createLexicalSimilarity({ languages: [] });
const inputs: DedupeInput[] = [];
const seen = new Set<string>();
// Round-robin over the languages, so that a small sample is not all Turkish.
const byLanguage = new Map<string, ReturnType<typeof loadPairs>>();
for (const p of loadPairs()) byLanguage.set(p.lang, [...(byLanguage.get(p.lang) ?? []), p]);
const queues = [...byLanguage.values()].map((pairs) => pairs.flatMap((p) => [[p.id1, p.title1, p.text1, p.lang], [p.id2, p.title2, p.text2, p.lang]] as const));
for (let i = 0; inputs.length < wanted && queues.some((q) => i < q.length); i++) {
  for (const q of queues) {
    const next = q[i];
    if (!next || seen.has(next[0]) || inputs.length >= wanted) continue;
    seen.add(next[0]);
    const input = await analyser.analyse({ id: next[0], title: next[1], text: next[2], language: next[3] });
    await similarity.prepare(input.language.language);
    inputs.push(input);
  }
}
const stored: StoredFeatures[] = inputs.map((input) => {
  const features = compactFeatures(similarity.features(input), 32, 8, similarity.termImportance.bind(similarity));
  return { itemId: input.itemId, eventId: `ev-${input.itemId}`, features };
});
storageVocabulary(); // loaded once per process (≈ 0.1–0.5 s), not part of the per-article cost

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// CPU time (user + system, GC included), steadier than wall time on a shared machine.
const timeEach = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / stored.length; // µs an article
};
const blobsV2 = stored.map(encodeFeaturesV2);
const blobsV3 = stored.map(encodeFeatures);
const times = { encodeV2: [] as number[], encodeV3: [] as number[], decodeV2: [] as number[], decodeV3: [] as number[] };
for (let round = 0; round < Number(values.rounds); round++) {
  times.encodeV2.push(timeEach(() => stored.forEach((s) => encodeFeaturesV2(s))));
  times.encodeV3.push(timeEach(() => stored.forEach((s) => encodeFeatures(s))));
  times.decodeV2.push(timeEach(() => blobsV2.forEach((b) => decodeFeatures(b))));
  times.decodeV3.push(timeEach(() => blobsV3.forEach((b) => decodeFeatures(b))));
}
const mean = (blobs: Buffer[]) => Math.round(blobs.reduce((a, b) => a + b.length, 0) / blobs.length);
const languages = [...new Set(inputs.map((i) => i.language.language))].join(', ');
console.log(`${stored.length} articles (${languages}), ${values.rounds} rounds, medians:`);
console.log('| layout | mean blob B | encode CPU µs/article | decode CPU µs/article |');
console.log('|---|---|---|---|');
console.log(`| v2 (JSON + deflate) | ${mean(blobsV2)} | ${median(times.encodeV2).toFixed(1)} | ${median(times.decodeV2).toFixed(1)} |`);
console.log(`| v3 (binary maps, vocabulary ranks) | ${mean(blobsV3)} | ${median(times.encodeV3).toFixed(1)} | ${median(times.decodeV3).toFixed(1)} |`);
