/**
 * Language-aware but dictionary-free text normalisation shared by the lexical features:
 * case folding (Turkish dotted/dotless i), Arabic orthographic normalisation, tokenisation,
 * and a light stemmer used when no lemmatiser is available for a language.
 */
import { normaliseArabic } from '@newsflow/lexicon/pivot';

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?/gu;
const ARABIC_INDIC = /[\u0660-\u0669\u06f0-\u06f9]/g;

/** Western digits for Arabic-Indic and extended Arabic-Indic digits. */
export function westernDigits(text: string): string {
  return text.replace(ARABIC_INDIC, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Lower case as the language writes it (Turkish and Azeri İ/I), NFKC, Arabic folded, ß → ss. */
export function foldCase(text: string, language: string): string {
  const locale = language === 'tr' || language === 'az' ? language : 'en';
  let out = text.normalize('NFKC').toLocaleLowerCase(locale).replace(/ß/g, 'ss');
  if (/[\u0600-\u06ff]/.test(out)) out = normaliseArabic(out);
  return westernDigits(out).replace(/\u066b/g, '.').replace(/\u066c/g, ',');
}

/** Word tokens of already folded text; a trailing apostrophe suffix (Turkish "İzmir'de") is cut off. */
export function tokenize(folded: string): string[] {
  const out: string[] = [];
  for (const match of folded.matchAll(TOKEN)) {
    const token = match[0];
    const apostrophe = token.search(/['’]/);
    out.push(apostrophe > 0 ? token.slice(0, apostrophe) : token);
  }
  return out;
}

const ARABIC_PREFIXES = ['وبال', 'وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const ARABIC_SUFFIXES = ['هما', 'كما', 'ات', 'ان', 'ون', 'ين', 'ها', 'هم', 'يه', 'ه', 'ي'];

/** Arabic light stemming (in the spirit of Larkey's light10): article and conjunction prefixes, plural and pronoun suffixes. */
export function arabicLightStem(token: string): string {
  let t = token;
  if (t.length > 3 && t.startsWith('و')) t = t.slice(1);
  for (const p of ARABIC_PREFIXES) {
    if (t.startsWith(p) && t.length - p.length >= 2) {
      t = t.slice(p.length);
      break;
    }
  }
  return arabicSuffixStem(t);
}

/**
 * Only the suffixes of `arabicLightStem`: for a dictionary lemma, which has no clitics left, so that a
 * first و or ل that belongs to the word stays (وزارة is not و + زارة).
 */
export function arabicSuffixStem(token: string): string {
  let t = token;
  for (const s of ARABIC_SUFFIXES) {
    if (t.endsWith(s) && t.length - s.length >= 2) {
      t = t.slice(0, t.length - s.length);
      break;
    }
  }
  return t;
}

/**
 * An Arabic stem without its long vowels (a first alef, and ا و ي after the first letter): close to the
 * consonants of the root, so that a broken plural meets its singular (اسعار/سعر → سعر, مواقع/موقع → مقع)
 * and verb forms meet (قال/قالت). It merges a few unrelated words too; measured on the SemEval ar pairs:
 * Pearson +0.010, +0.012 held out (EVALUATION.md, "Pair similarity").
 */
export function arabicSkeleton(stem: string): string {
  const skeleton = stem.replace(/^ا/, '').replace(/(?<=.)[اوي]/gu, '');
  return skeleton.length > 0 ? skeleton : stem;
}

/**
 * A stem that needs no dictionary: Arabic light stemming, otherwise a prefix of the word
 * (prefix truncation is a strong stemmer for agglutinative and inflected languages alike).
 */
export function lightStem(token: string, language: string, prefixLength = 5): string {
  if (/^[\u0600-\u06ff]/.test(token)) return arabicLightStem(token);
  if (/^\p{N}/u.test(token)) return token;
  return [...token].slice(0, prefixLength).join('');
}

/** Whether the token is worth keeping as a content word (letters, not too short). */
export function isContentToken(token: string): boolean {
  if (!/\p{L}/u.test(token)) return false;
  return [...token].length >= 3 || /[\u0600-\u06ff\u4e00-\u9fff]/.test(token);
}
