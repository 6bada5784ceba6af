/**
 * Word-level evidence for short texts: which candidate languages' spelling dictionaries know a word
 * ("Zvuk" is Czech and Slovak, "súbor" only Slovak). eld's n-grams cannot tell close languages apart on a
 * three-word title; whole words, with their inflections, often can.
 *
 * The dictionaries are Debian's hunspell ones (`hunspell-*` packages, /usr/share/hunspell), read through
 * nodehun so that inflected and compound forms count too. Independent of the evaluation's texts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Nodehun as NodehunInstance } from 'nodehun';

/** What the detector asks: does this language's dictionary know this word? */
export interface WordLexicon {
  /** Languages (ISO 639-1) it has a dictionary for; others get no word evidence. */
  readonly languages: ReadonlySet<string>;
  knows(language: string, word: string): boolean;
}

/** The hunspell dictionaries used per language (Debian package in brackets); pt reads both variants. */
export const HUNSPELL_FILES: Readonly<Record<string, readonly string[]>> = {
  en: ['en_US'], // hunspell-en-us
  it: ['it_IT'], // hunspell-it
  pl: ['pl_PL'], // hunspell-pl
  de: ['de_DE'], // hunspell-de-de
  es: ['es_ES'], // hunspell-es
  fr: ['fr'], // hunspell-fr
  ru: ['ru_RU'], // hunspell-ru
  uk: ['uk_UA'], // hunspell-uk
  tr: ['tr_TR'], // hunspell-tr
  ar: ['ar'], // hunspell-ar
  cs: ['cs_CZ'], // hunspell-cs
  sk: ['sk_SK'], // hunspell-sk
  pt: ['pt_PT', 'pt_BR'], // hunspell-pt-pt, hunspell-pt-br
  nl: ['nl'], // hunspell-nl
  // Neighbours eld confuses with those (and the other languages of the evaluation): a word only the
  // neighbour knows counts against ours. eu, is, lt, lv made no difference on the fit split (−107 MB).
  be: ['be_BY'], // hunspell-be
  bg: ['bg_BG'], // hunspell-bg
  ca: ['ca'], // hunspell-ca
  da: ['da_DK'], // hunspell-da
  fa: ['fa_IR'], // myspell-fa
  hr: ['hr_HR'], // hunspell-hr
  hu: ['hu_HU'], // hunspell-hu
  no: ['nb_NO'], // hunspell-no
  ro: ['ro_RO'], // hunspell-ro
  sl: ['sl_SI'], // hunspell-sl
  sr: ['sr_RS'], // hunspell-sr (Cyrillic: eld's sr is Cyrillic only)
  sv: ['sv_SE'], // hunspell-sv
};

export interface HunspellLexiconOptions {
  /** Where the `.aff`/`.dic` files are. Default `/usr/share/hunspell`. */
  dir?: string;
  /** Languages to load (default: every language of HUNSPELL_FILES whose files exist). */
  languages?: readonly string[];
}

type NodehunClass = new (affix: Buffer, dictionary: Buffer) => NodehunInstance;
const require = createRequire(import.meta.url);

/**
 * nodehun passes our strings to hunspell as UTF-8, so a dictionary in a legacy encoding (pl_PL is
 * ISO 8859-2) is converted first. The bytes end in a NUL: hunspell reads them as C strings (without it,
 * an occasional segfault; see packages/lexicon/src/lemmatizer.ts).
 */
function asUtf8(aff: Buffer, dic: Buffer): { aff: Buffer; dic: Buffer } {
  const head = aff.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  const encoding = /^SET\s+(\S+)/m.exec(head)?.[1]?.toUpperCase() ?? 'ISO8859-1';
  const nul = Buffer.alloc(1);
  if (encoding === 'UTF-8') return { aff: Buffer.concat([aff, nul]), dic: Buffer.concat([dic, nul]) };
  const decoder = new TextDecoder(encoding.replace(/^ISO8859/, 'iso-8859'));
  const affText = decoder.decode(aff).replace(/^SET\s+\S+/m, 'SET UTF-8');
  return { aff: Buffer.from(`${affText}\0`, 'utf8'), dic: Buffer.from(`${decoder.decode(dic)}\0`, 'utf8') };
}

function loadHunspell(dir: string, name: string): NodehunInstance | undefined {
  let aff: Buffer;
  let dic: Buffer;
  try {
    aff = readFileSync(`${dir}/${name}.aff`);
    dic = readFileSync(`${dir}/${name}.dic`);
  } catch {
    return undefined;
  }
  const { Nodehun } = require('nodehun') as { Nodehun: NodehunClass };
  const utf8 = asUtf8(aff, dic);
  return new Nodehun(utf8.aff, utf8.dic);
}

/** Words remembered per language (news repeats its vocabulary); cleared when full. */
const CACHE_SIZE = 20_000;

const lexicons = new Map<string, WordLexicon>();

/**
 * The hunspell lexicon, one per process (per directory and language list). A language's dictionary is read
 * the first time a text asks about it (≈ 0.1–0.6 s and 10–70 MB each, EVALUATION.md), so a worker pays
 * only for the languages its texts bring up. Languages whose files are missing are left out.
 */
export function loadHunspellLexicon(options: HunspellLexiconOptions = {}): WordLexicon {
  const dir = options.dir ?? '/usr/share/hunspell';
  const wanted = (options.languages ?? Object.keys(HUNSPELL_FILES)).filter((language) =>
    (HUNSPELL_FILES[language] ?? []).some((name) => existsSync(`${dir}/${name}.dic`)),
  );
  const key = `${dir}:${wanted.join(',')}`;
  const existing = lexicons.get(key);
  if (existing) return existing;
  const loaded = new Map<string, NodehunInstance[]>();
  const caches = new Map<string, Map<string, boolean>>();
  const instancesOf = (language: string): NodehunInstance[] => {
    let instances = loaded.get(language);
    if (!instances) {
      instances = (HUNSPELL_FILES[language] ?? []).flatMap((name) => loadHunspell(dir, name) ?? []);
      loaded.set(language, instances);
    }
    return instances;
  };
  const lexicon: WordLexicon = {
    languages: new Set(wanted),
    knows(language, word) {
      if (!lexicon.languages.has(language)) return false;
      let cache = caches.get(language);
      if (!cache) caches.set(language, (cache = new Map()));
      const cached = cache.get(word);
      if (cached !== undefined) return cached;
      const known = instancesOf(language).some((h) => h.spellSync(word));
      if (cache.size >= CACHE_SIZE) cache.clear();
      cache.set(word, known);
      return known;
    },
  };
  lexicons.set(key, lexicon);
  return lexicon;
}
