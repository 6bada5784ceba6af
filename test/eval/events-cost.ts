/**
 * What the pair similarity costs, an earlier version and the current one side by side in one process:
 * `features()` per article and `compare()` per pair (full and stored features), timed interleaved
 * article by article and pair by pair so that the shared machine's load drifts out of the comparison.
 *
 *   git archive <commit> packages/dedupe/src | tar -x -C /tmp/before
 *   ln -s $PWD/packages/dedupe/node_modules /tmp/before/packages/dedupe/node_modules
 *   pnpm exec tsx test/eval/events-cost.ts --before /tmp/before/packages/dedupe/src [--articles 400]
 *
 * Articles are the SemEval pairs' texts through the real stages (as `pnpm eval:events`), analysed once.
 */
import { parseArgs } from 'node:util';
import { createAnalyser } from '@newsflow/dedupe/analyse';
import * as current from '@newsflow/dedupe/lexical-similarity';
import * as currentCodec from '@newsflow/dedupe/codec';
import type { DedupeInput } from '@newsflow/contracts/documents';
import { loadPairs, STORED_TERMS } from './events.ts';
import { runWhenMain } from './shared-data.ts';

type Module = Pick<typeof current, 'createLexicalSimilarity'>;
type Codec = Pick<typeof currentCodec, 'compactFeatures'>;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { before: { type: 'string' }, articles: { type: 'string' }, rounds: { type: 'string' } } });
  if (!values.before) throw new Error('--before <dir of an earlier packages/dedupe/src> is required');
  const before = values.before.replace(/\/$/, '');
  const modules: Module[] = [(await import(`${before}/lexical-similarity.ts`)) as Module, current];
  const codecs: Codec[] = [(await import(`${before}/codec.ts`)) as Codec, currentCodec];
  const limit = Number(values.articles ?? 400);
  const rounds = Number(values.rounds ?? 3);

  const pairs = loadPairs();
  const texts = new Map<string, { title: string; text: string; lang: string }>();
  for (const p of pairs) {
    if (texts.size < limit) texts.set(p.id1, { title: p.title1, text: p.text1, lang: p.lang });
    if (texts.size < limit) texts.set(p.id2, { title: p.title2, text: p.text2, lang: p.lang });
  }
  const analyser = await createAnalyser();
  const inputs: [string, DedupeInput][] = [];
  for (const [id, a] of texts) inputs.push([id, await analyser.analyse({ id, title: a.title, text: a.text, language: a.lang })]);
  const compared = pairs.filter((p) => texts.has(p.id1) && texts.has(p.id2));

  const sims = await Promise.all(modules.map((m) => m.createLexicalSimilarity({ languages: ['tr', 'ar', 'fr'], learn: false })));
  // First pass warms the lemmatisers' memo and the JIT; its features are what compare() times.
  const features = sims.map((s) => new Map(inputs.map(([id, input]) => [id, s.features(input)])));
  const stored = sims.map((s, k) =>
    new Map([...features[k]!].map(([id, f]) => [id, codecs[k]!.compactFeatures(f, STORED_TERMS, 16, s.termImportance.bind(s))])),
  );
  const ms = { features: [0, 0], full: [0, 0], stored: [0, 0] };
  const order = (i: number): number[] => (i % 2 ? [1, 0] : [0, 1]);
  for (let round = 0; round < rounds; round++) {
    inputs.forEach(([, input], i) => {
      for (const k of order(i)) {
        const t = performance.now();
        sims[k]!.features(input);
        ms.features[k]! += performance.now() - t;
      }
    });
    compared.forEach((p, i) => {
      for (const k of order(i)) {
        let t = performance.now();
        sims[k]!.compare(features[k]!.get(p.id1)!, features[k]!.get(p.id2)!);
        ms.full[k]! += performance.now() - t;
        t = performance.now();
        sims[k]!.compare(stored[k]!.get(p.id1)!, stored[k]!.get(p.id2)!);
        ms.stored[k]! += performance.now() - t;
      }
    });
  }
  process.stdout.write(`${inputs.length} articles, ${compared.length} pairs, ${rounds} rounds, interleaved\n`);
  for (const [k, name] of ['before', 'current'].entries()) {
    const per = (total: number, n: number) => (total / (rounds * n)).toFixed(3);
    process.stdout.write(
      `${name}: features ${per(ms.features[k]!, inputs.length)} ms/article, compare ${per(ms.full[k]!, compared.length)} ms/pair (full), ${per(ms.stored[k]!, compared.length)} ms/pair (stored ${STORED_TERMS} terms)\n`,
    );
  }
}

runWhenMain(import.meta.url, main);
