/**
 * Development aid: the default detector with a few settings of one option, on the `fit` split only
 * (never the test split), so that choices are made on data the reported figures do not use.
 *
 *   pnpm exec tsx test/eval/language-tune.ts           with the calibration in detector.ts
 *   pnpm exec tsx test/eval/language-tune.ts --refit   each setting with its own calibration (fitted on the same split)
 */
import { CALIBRATION, createLanguageDetector, type LanguageDetectorOptions } from '@newsflow/language/detector';
import { HUNSPELL_FILES, loadHunspellLexicon } from '@newsflow/language/dictionaries';
import { LANGUAGES, loadSamples } from './language-data.ts';
import { fitLogistic, isotonicKnots } from './language.ts';

const all = Object.keys(HUNSPELL_FILES);
const without = (...drop: string[]) => loadHunspellLexicon({ languages: all.filter((l) => !drop.includes(l)) });
const SETTINGS: readonly (readonly [string, LanguageDetectorOptions])[] = [
  ['default', {}],
  ['no frequency ranks', { frequencies: false }],
];

const fit = loadSamples().filter((s) => s.split === 'fit');
const goal: ReadonlySet<string> = new Set(LANGUAGES);
/** `--refit`: refit the calibration for each setting (on the same fit split) before measuring it. */
const refit = process.argv.includes('--refit');
const original = { ...CALIBRATION };
for (const [name, options] of SETTINGS) {
  const detector = await createLanguageDetector(options);
  Object.assign(CALIBRATION, original);
  if (refit) {
    const points = fit
      .map((s) => ({ s, g: detector.explainText(s.text) }))
      .filter(({ g }) => g.features.via === 'ngrams' && g.features.best !== '')
      .map(({ s, g }) => ({
        x: [Math.log1p(g.features.gap), Math.log1p(g.features.ngrams), g.features.wordLead],
        y: g.features.best === s.language ? 1 : 0,
      }));
    const [gap = 0, ngrams = 0, words = 0, intercept = 0] = fitLogistic(points);
    const z = (x: readonly number[]) => gap * (x[0] ?? 0) + ngrams * (x[1] ?? 0) + words * (x[2] ?? 0) + intercept;
    Object.assign(CALIBRATION, { gap, ngrams, words, intercept, knots: isotonicKnots(points.map((p) => ({ z: z(p.x), y: p.y }))) });
  }
  const t0 = performance.now();
  const line: string[] = [name];
  for (const bucket of ['titles', 'sentences', 'articles'] as const) {
    let answered = 0;
    let rightTotal = 0;
    const perLanguage = LANGUAGES.map((language) => {
      const texts = fit.filter((s) => s.set === 'goal' && s.bucket === bucket && s.language === language);
      const guesses = texts.map((s) => detector.explainText(s.text));
      const right = guesses.filter((g, i) => g.language === texts[i]?.language).length;
      const best = guesses.filter((g, i) => g.features.best === texts[i]?.language).length;
      answered += guesses.filter((g) => g.language !== 'und').length;
      rightTotal += right;
      return { acc: right / texts.length, best: best / texts.length };
    });
    const mean = (f: (x: { acc: number; best: number }) => number) => (100 * perLanguage.reduce((a, x) => a + f(x), 0)) / perLanguage.length;
    line.push(`${bucket} ${mean((x) => x.acc).toFixed(2)} (best ${mean((x) => x.best).toFixed(2)}, right when answered ${((100 * rightTotal) / answered).toFixed(2)})`);
  }
  const others = fit.filter((s) => s.set === 'other');
  const claimed = others.filter((s) => goal.has(detector.explainText(s.text).language)).length;
  line.push(`other claimed ${((100 * claimed) / others.length).toFixed(2)} %`, `${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(line.join(' | '));
}
