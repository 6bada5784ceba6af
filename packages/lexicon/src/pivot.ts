/**
 * The dictionary pivot: words of many languages mapped to English lemmas, so that articles in
 * different languages can share terms ("rozmowa" → conversation, talk; "conversazione" → conversation).
 *
 * The lexicons are built from Debian's FreeDict packages by `pnpm build:lexicons`
 * (packages/lexicon/scripts/build-pivot.ts) into `.cache/lexicons/pivot-<lang>.tsv`, one line per
 * headword: `headword<TAB>english english …`, headwords folded with `pivotKey`. Missing lexicons are
 * not an error: the language simply has no pivot.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** ISO 639-3 codes of FreeDict's `xxx-eng` dictionaries → the ISO 639-1 codes used in newsflow. */
export const PIVOT_SOURCES: Readonly<Record<string, string>> = {
  pol: 'pl', ita: 'it', deu: 'de', fra: 'fr', spa: 'es', tur: 'tr', ara: 'ar', ces: 'cs', slk: 'sk',
  nld: 'nl', por: 'pt',
};

/** Where the build writes and the loader reads by default: `<repo>/.cache/lexicons`. */
export const DEFAULT_LEXICON_DIR = fileURLToPath(new URL('../../../.cache/lexicons/', import.meta.url));

/** English words too common or too vague to carry meaning as pivot terms. */
export const PIVOT_STOPWORDS: ReadonlySet<string> = new Set(
  ('a an the to of in on at by for with from as be is are was were been being it its this that these those ' +
    'and or but not no yes do does did have has had he she they we you i me him her them us my your his our ' +
    'their one some any all each which who whom what when where why how there here so very than then also ' +
    'into out up down over about off just only can could will would shall should may might must thing things ' +
    'something someone somebody get got make made go went way kind sort said say says other such more most ' +
    'after before while during because if as well even still yet since until upon within without').split(' '),
);

const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;

/** Folds Arabic spelling variants: diacritics and tatweel dropped, alef/ya/ta-marbuta forms unified. */
export function normaliseArabic(text: string): string {
  return text
    .replace(ARABIC_MARKS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي');
}

/**
 * The form under which a word is looked up: NFKC, lower case as the language writes it (Turkish
 * İ/I), ß → ss, Arabic diacritics and tatweel dropped and alef, ya, ta marbuta, hamza seats folded.
 */
export function pivotKey(word: string, language: string): string {
  const locale = language === 'tr' || language === 'az' ? language : 'en';
  let out = word.normalize('NFKC').toLocaleLowerCase(locale).replace(/ß/g, 'ss');
  if (/[\u0600-\u06ff]/.test(out)) out = normaliseArabic(out);
  return out;
}

export interface Pivot {
  /** ISO 639-1 code of the source language. */
  readonly language: string;
  /** How many headwords the lexicon has. */
  readonly size: number;
  /** English lemmas for a word as written (it is folded first); `[]` when unknown. */
  lookup(word: string): readonly string[];
  /**
   * Like `lookup`, and when the word is unknown, the entry of the longest headword that differs from
   * it only in its last few letters (`Białorusi` → `białoruś`): a stand-in for lemmatisation.
   */
  translate(word: string): readonly string[];
}

/** Parses a lexicon file's text (the TSV format above) into headword → English lemmas. */
export function parsePivotLexicon(text: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const targets = line.slice(tab + 1).split(' ').filter((t) => t.length > 0);
    if (targets.length > 0) entries.set(line.slice(0, tab), targets);
  }
  return entries;
}

/** A pivot over entries already in memory (headwords folded with `pivotKey`). */
export function createPivot(language: string, entries: ReadonlyMap<string, readonly string[]>): Pivot {
  // Headword stems: the headword less 0..2 final letters (at least 4 left), shortest headword wins.
  const stems = new Map<string, string>();
  for (const head of [...entries.keys()].sort((a, b) => a.length - b.length)) {
    const chars = [...head];
    if (chars.length < 5) continue;
    for (let cut = 0; cut <= 2; cut++) {
      const stem = chars.slice(0, chars.length - cut).join('');
      if (!stems.has(stem)) stems.set(stem, head);
    }
  }
  const lookup = (word: string): readonly string[] => entries.get(pivotKey(word, language)) ?? [];
  const translate = (word: string): readonly string[] => {
    const key = pivotKey(word, language);
    const exact = entries.get(key);
    if (exact) return exact;
    const chars = [...key];
    for (let cut = 0; cut <= 3 && chars.length - cut >= 5; cut++) {
      const head = stems.get(chars.slice(0, chars.length - cut).join(''));
      if (head !== undefined) return entries.get(head) ?? [];
    }
    return [];
  };
  return { language, size: entries.size, lookup, translate };
}

const pivots = new Map<string, Promise<Pivot | undefined>>();

/**
 * The pivot for a language (ISO 639-1), read from `<dir>/pivot-<lang>.tsv` once per process;
 * `undefined` when no lexicon was built for it.
 */
export function loadPivot(language: string, dir: string = DEFAULT_LEXICON_DIR): Promise<Pivot | undefined> {
  const code = language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const cacheKey = `${dir}\u0000${code}`;
  const existing = pivots.get(cacheKey);
  if (existing) return existing;
  const loaded = (async (): Promise<Pivot | undefined> => {
    if (!/^[a-z]{2,3}$/.test(code)) return undefined;
    let text: string;
    try {
      text = await readFile(`${dir.replace(/\/$/, '')}/pivot-${code}.tsv`, 'utf8');
    } catch {
      return undefined;
    }
    return createPivot(code, parsePivotLexicon(text));
  })();
  pivots.set(cacheKey, loaded);
  return loaded;
}
