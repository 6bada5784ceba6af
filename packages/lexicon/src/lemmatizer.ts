/**
 * Dictionary lemmatisation with hunspell (nodehun): `Łukaszence` → `Łukaszenka`, `Białorusi` → `Białoruś`,
 * `Moskwie` → `Moskwa`, `presidenti` → `presidente`.
 *
 * Dictionaries come from the npm packages `dictionary-pl`, `dictionary-it` and `dictionary-en` (installed
 * with pnpm); for other languages a UTF-8 hunspell dictionary in `/usr/share/hunspell` (Debian's
 * `hunspell-*` packages) is used when present. One hunspell instance per language per process.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Nodehun as NodehunInstance } from 'nodehun';

export interface Lemmatizer {
  /** ISO 639-1 code of the dictionary. */
  readonly language: string;
  /**
   * The dictionary forms of a word, best first; `[]` when the dictionary does not know it.
   * Best: a form reached through an affix rule, then one with the word's own initial case.
   */
  lemmas(word: string): string[];
  /** The best lemma, or the word itself when the dictionary does not know it. */
  lemma(word: string): string;
  /** Whether the dictionary accepts the word as spelt. */
  known(word: string): boolean;
}

export interface LemmatizerOptions {
  /** Where to look for `<ll>_<CC>.aff/.dic` when no npm dictionary exists. Default `/usr/share/hunspell`. */
  systemDictionaryDir?: string;
  /** How many words' lemmas to memoise. Default 50,000. */
  cacheSize?: number;
  /**
   * A hunspell dictionary to use for this language when we bundle none (a caller's own `dictionary-xx`
   * package: `() => import('dictionary-tr').then((m) => m.default)`). It must be UTF-8.
   */
  dictionary?: () => Promise<{ aff: Uint8Array; dic: Uint8Array }>;
}

interface HunspellData {
  aff: Buffer;
  dic: Buffer;
}

type NodehunClass = new (affix: Buffer, dictionary: Buffer) => NodehunInstance;

const require = createRequire(import.meta.url);
const lemmatizers = new Map<string, Promise<Lemmatizer | undefined>>();

/** The npm dictionaries we depend on, by language. */
const NPM_DICTIONARIES: Record<string, () => Promise<{ aff: Uint8Array; dic: Uint8Array }>> = {
  pl: async () => (await import('dictionary-pl')).default,
  it: async () => (await import('dictionary-it')).default,
  en: async () => (await import('dictionary-en')).default,
};

/** The primary language subtag, lower-case: `pl-PL` → `pl`. */
function primaryLanguage(language: string): string {
  return language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

async function loadSystemDictionary(language: string, dir: string): Promise<HunspellData | undefined> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return undefined;
  }
  const candidates = files
    .filter((f) => f.endsWith('.aff') && (f === `${language}.aff` || f.startsWith(`${language}_`)))
    .sort();
  for (const affName of candidates) {
    const base = affName.slice(0, -'.aff'.length);
    try {
      const aff = await readFile(`${dir}/${affName}`);
      // nodehun hands hunspell our UTF-8 strings as they are: only UTF-8 dictionaries work.
      if (!/^SET\s+UTF-8\s*$/im.test(aff.toString('latin1'))) continue;
      const dic = await readFile(`${dir}/${base}.dic`);
      return { aff, dic };
    } catch {
      continue;
    }
  }
  return undefined;
}

async function loadDictionary(language: string, options: LemmatizerOptions): Promise<HunspellData | undefined> {
  const npm = NPM_DICTIONARIES[language] ?? options.dictionary;
  if (npm) {
    const { aff, dic } = await npm();
    return { aff: Buffer.from(aff), dic: Buffer.from(dic) };
  }
  return loadSystemDictionary(language, options.systemDictionaryDir ?? '/usr/share/hunspell');
}

/** Parses hunspell's `analyze` output (` st:Łukaszenka fl:M`) into lemma → derived through an affix. */
function derivedStems(analyses: string[]): Set<string> {
  const derived = new Set<string>();
  for (const analysis of analyses) {
    const stem = /(?:^|\s)st:(\S+)/.exec(analysis)?.[1];
    if (stem !== undefined && /(?:^|\s)fl:\S/.test(analysis)) derived.add(stem);
  }
  return derived;
}

function startsUpper(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/**
 * nodehun hands the buffers' memory to hunspell as C strings, so they must end in a NUL byte:
 * without one hunspell reads past the end of the file's bytes and crashes the process now and
 * then (a segfault in HashMgr::Init, seen in about one start in three).
 */
export function withTerminator(bytes: Buffer): Buffer {
  return bytes.at(-1) === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(1)]);
}

function buildLemmatizer(language: string, hunspell: NodehunInstance, cacheSize: number): Lemmatizer {
  const cache = new Map<string, string[]>();
  const lemmas = (word: string): string[] => {
    const cached = cache.get(word);
    if (cached) return cached;
    const stems = [...new Set(hunspell.stemSync(word))];
    let result = stems;
    if (stems.length > 1) {
      const derived = derivedStems(hunspell.analyzeSync(word));
      const upper = startsUpper(word);
      const score = (stem: string): number =>
        (derived.has(stem) ? 2 : 0) + (startsUpper(stem) === upper ? 1 : 0);
      // Stable sort: hunspell's own order breaks ties.
      result = stems
        .map((stem, index) => ({ stem, index, score: score(stem) }))
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .map((entry) => entry.stem);
    }
    if (cache.size >= cacheSize) cache.clear();
    cache.set(word, result);
    return result;
  };
  return {
    language,
    lemmas,
    lemma: (word) => lemmas(word)[0] ?? word,
    known: (word) => hunspell.spellSync(word),
  };
}

/**
 * The lemmatizer for a language (ISO 639-1 or a BCP 47 tag), or `undefined` when no dictionary is
 * available for it. Loaded once per language (and per supplied dictionary) per process (≈ 150 ms and
 * ≈ 60 MB for Polish); later calls get the same lemmatizer.
 */
export function createLemmatizer(language: string, options: LemmatizerOptions = {}): Promise<Lemmatizer | undefined> {
  const code = primaryLanguage(language);
  // A caller's own dictionary gives its own lemmatizer: whether another caller in the process brought one
  // must not change what a plain `createLemmatizer('tr')` returns. Bundled languages ignore it.
  const supplied = options.dictionary !== undefined && NPM_DICTIONARIES[code] === undefined;
  const key = supplied ? `${code}+supplied` : code;
  const existing = lemmatizers.get(key);
  if (existing) return existing;
  const created = (async (): Promise<Lemmatizer | undefined> => {
    if (!/^[a-z]{2,3}$/.test(code)) return undefined;
    const data = await loadDictionary(code, supplied ? options : { ...options, dictionary: undefined });
    if (!data) return undefined;
    const { Nodehun } = require('nodehun') as { Nodehun: NodehunClass };
    const hunspell = new Nodehun(withTerminator(data.aff), withTerminator(data.dic));
    return buildLemmatizer(code, hunspell, options.cacheSize ?? 50_000);
  })();
  lemmatizers.set(key, created);
  // A failure (a broken dictionary) is not cached: the next call tries again.
  created.catch(() => lemmatizers.delete(key));
  return created;
}

/** Languages with a bundled (npm) dictionary. Others depend on `/usr/share/hunspell`. */
export const BUNDLED_LEMMATIZER_LANGUAGES: readonly string[] = Object.keys(NPM_DICTIONARIES);
