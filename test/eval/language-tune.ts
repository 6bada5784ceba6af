/**
 * Development aid: the default detector with a few settings of one option, on the `fit` split only
 * (never the test split), so that choices are made on data the reported figures do not use.
 *
 *   pnpm exec tsx test/eval/language-tune.ts
 */
import { createLanguageDetector, type LanguageDetectorOptions } from '@newsflow/language/detector';
import { HUNSPELL_FILES, loadHunspellLexicon } from '@newsflow/language/dictionaries';
import { LANGUAGES, loadSamples } from './language-data.ts';

const all = Object.keys(HUNSPELL_FILES);
const without = (...drop: string[]) => loadHunspellLexicon({ languages: all.filter((l) => !drop.includes(l)) });
const SETTINGS: readonly (readonly [string, LanguageDetectorOptions])[] = [
  ['default', {}],
];

const fit = loadSamples().filter((s) => s.split === 'fit');
const goal: ReadonlySet<string> = new Set(LANGUAGES);
for (const [name, options] of SETTINGS) {
  const detector = await createLanguageDetector(options);
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
