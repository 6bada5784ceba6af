/**
 * What the lexical similarity keeps of an article (`ArticleFeatures`), computed from the earlier
 * stages' results. Pure given its resources: lemmatisers and pivot lexicons are loaded beforehand
 * (see `createLexicalSimilarity`), so this runs synchronously.
 */
import { createHash } from 'node:crypto';
import anyAscii from 'any-ascii';
import type { DedupeInput } from '@newsflow/contracts/documents';
import type { Lemmatizer } from '@newsflow/lexicon/lemmatizer';
import { PIVOT_STOPWORDS, type Pivot } from '@newsflow/lexicon/pivot';
import { minhash, minhashBands, shingles } from './minhash.ts';
import { extractNumbers } from './numbers.ts';
import type { ArticleFeatures } from './similarity.ts';
import type { DocumentFrequencies } from './term-stats.ts';
import { stopwordsOf } from './stopwords.ts';
import { arabicSkeleton, arabicSuffixStem, foldCase, isContentToken, lightStem } from './text.ts';

/** What one language brings: a lemmatiser and a pivot to English, either may be missing. */
export interface LanguageResources {
  lemmatizer?: Lemmatizer;
  pivot?: Pivot;
}

export interface FeatureOptions {
  /** Resources for a language (ISO 639-1); `{}` when none. */
  resources(language: string): LanguageResources;
  /** Document frequencies, used here only to pick rare terms as index keys. */
  documentFrequencies?: DocumentFrequencies;
  /** How much more a title word counts than a body word. Default 2. */
  titleWeight?: number;
  /** Prefix length of the dictionary-free stem. Default 5 (lemmas are cut at this + 2). */
  stemLength?: number;
  /** MinHash permutations. Default 64. */
  permutations?: number;
  /** Words per shingle. Default 3. */
  shingleSize?: number;
  /** Body words counted as the lead (news puts the event first). Default 0 (no lead boost). */
  leadWords?: number;
  /** How much more a lead word counts. Default 1. */
  leadWeight?: number;
  /** Weight of adjacent content-word pairs (`a_b`) among the own-language terms; 0 = none. Default 0. */
  bigramWeight?: number;
  /** How many of the heaviest own-language stems keep a readable word form (`labels`). Default 40. */
  labelCount?: number;
  /** How many pivot terms and native stems become index keys. Default 8 each. */
  indexTerms?: number;
}

const RAW_TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?/gu;
const SENTENCE_END = /[.!?…:;"“”«»\n\r|\-–—]\s*$/u;

/**
 * Words written before an apostrophe that are an elided article, pronoun or preposition (French
 * l', d', qu', jusqu'; Italian dell', all', un'): the word is what follows (`l'Assemblée` →
 * `Assemblée`). Any other apostrophe starts a suffix that is cut off (`Erdoğan'ın` → `Erdoğan`,
 * `Putin's` → `Putin`).
 */
const ELISIONS = new Set(
  ('l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu ' +
    'dell nell all sull dall coll quell quest bell sant un nessun tutt').split(' '),
);

/** The word a token with an apostrophe stands for (see `ELISIONS`). */
export function withoutApostrophe(token: string): string {
  const apostrophe = token.search(/['’]/);
  if (apostrophe <= 0) return token;
  const before = token.slice(0, apostrophe);
  return ELISIONS.has(before.toLowerCase()) ? token.slice(apostrophe + 1) : before;
}

/** Words of a text as written (NFKC): elisions dropped, a Turkish-style apostrophe suffix cut off. */
export function rawTokens(text: string): string[] {
  return tokensWithContext(text).map((t) => t.token);
}

/** Words as written, each with whether it opens a sentence (or a line, a quote, a heading). */
export function tokensWithContext(text: string): { token: string; sentenceStart: boolean }[] {
  const out: { token: string; sentenceStart: boolean }[] = [];
  const normalised = text.normalize('NFKC');
  let last = 0;
  for (const m of normalised.matchAll(RAW_TOKEN)) {
    const token = m[0];
    const gap = normalised.slice(last, m.index);
    last = m.index + token.length;
    out.push({ token: withoutApostrophe(token), sentenceStart: out.length === 0 || SENTENCE_END.test(gap) });
  }
  return out;
}

/**
 * The key of a name-like word (capitalised, not opening a sentence): transliterated to ASCII and cut
 * to `length` letters, so that Łukaszenka/Lukashenko/Lukaschenko and Putin/Putina/Putinem meet.
 */
export function nameKey(token: string, length = 5): string {
  return anyAscii(token).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, length);
}

/** A URL compared as the same page: scheme, `www.`, fragment, tracking parameters and trailing slash dropped. */
export function canonicalUrlKey(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    const params = [...u.searchParams.entries()].filter(([k]) => !/^(utm_|fbclid|gclid|ref$|cmp$|at_)/i.test(k));
    const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
    return `${u.hostname.toLowerCase().replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}${query}`;
  } catch {
    return undefined;
  }
}

function sublinear(counts: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of counts) out[key] = Math.round((1 + Math.log(n)) * 1000) / 1000;
  return out;
}

function add(counts: Map<string, number>, key: string, weight: number): void {
  counts.set(key, (counts.get(key) ?? 0) + weight);
}

/** The language code an article is compared under: the detector's, else the declared one, else `und`. */
export function articleLanguage(input: DedupeInput): string {
  const detected = input.language.language;
  if (detected && detected !== 'und') return detected.toLowerCase().split(/[-_]/)[0] ?? 'und';
  const declared = input.clean.declaredLanguage?.toLowerCase().split(/[-_]/)[0];
  return declared && /^[a-z]{2,3}$/.test(declared) ? declared : 'und';
}

export function extractFeatures(input: DedupeInput, options: FeatureOptions): ArticleFeatures {
  const language = articleLanguage(input);
  const { lemmatizer, pivot } = options.resources(language);
  const titleWeight = options.titleWeight ?? 2;
  const stemLength = options.stemLength ?? 5;

  const titleTokens = rawTokens(input.clean.title);
  const bodyContext = tokensWithContext(input.clean.text);
  const bodyTokens = bodyContext.map((t) => t.token);
  const folded = [...titleTokens, ...bodyTokens].map((t) => foldCase(t, language));

  const native = new Map<string, number>();
  const pivotTerms = new Map<string, number>();
  const pivotWords = new Map<string, number>();
  /** stem → folded word forms seen, with counts: evidence shows a word, not a cut stem. */
  const surfaces = new Map<string, Map<string, number>>();
  const lemmaOf = new Map<string, string>();
  const termsOf = new Map<string, readonly string[]>();

  /**
   * A dictionary lemma is still cut to the stem length (it merges derivations the dictionary keeps
   * apart); an Arabic lemma has no clitics left, so only its suffixes go (a first و of وزارة stays).
   */
  const stemOf = (raw: string, fold: string): string => {
    const lemma = lemmatizer?.lemmas(raw)[0];
    if (lemma === undefined) return lightStem(fold, language, stemLength);
    const folded = foldCase(lemma, language);
    return language === 'ar' ? arabicSuffixStem(folded) : lightStem(folded, language, stemLength + 2);
  };
  const stopwords = stopwordsOf(language);
  const bigramWeight = options.bigramWeight ?? 0;
  let previous: string | undefined;
  const visit = (raw: string, weight: number): void => {
    const fold = foldCase(raw, language);
    if (!isContentToken(fold) || stopwords.has(fold)) {
      previous = undefined;
      return;
    }
    let lemma = lemmaOf.get(raw);
    if (lemma === undefined) {
      lemma = stemOf(raw, fold);
      if (language === 'ar') lemma = arabicSkeleton(lemma);
      lemmaOf.set(raw, lemma);
    }
    add(native, `${language}:${lemma}`, weight);
    const forms = surfaces.get(lemma) ?? new Map<string, number>();
    forms.set(fold, (forms.get(fold) ?? 0) + 1);
    surfaces.set(lemma, forms);
    if (bigramWeight > 0 && previous !== undefined) add(native, `${language}:${previous}_${lemma}`, weight * bigramWeight);
    previous = lemma;

    let terms = termsOf.get(raw);
    if (terms === undefined) {
      terms = pivotTermsOf(raw, fold, language, lemmatizer, pivot);
      termsOf.set(raw, terms);
    }
    for (const term of terms) add(pivotTerms, term, weight / terms.length);
    if (terms.length > 0) add(pivotWords, [...terms].sort().join('|'), weight);
  };
  for (const t of titleTokens) visit(t, titleWeight);
  previous = undefined;
  const leadWords = options.leadWords ?? 0;
  const leadWeight = options.leadWeight ?? 1;
  // A body that opens with the headline (many pages and feeds repeat it) would count the title words
  // once more than elsewhere: the repeat is skipped, so a title weighs `titleWeight` on every page.
  const repeated = repeatedTitleLength(titleTokens, bodyTokens, language);
  bodyTokens.forEach((t, i) => {
    if (i >= repeated) visit(t, i < leadWords ? leadWeight : 1);
  });

  const entities = input.entities.entities.map((e) => ({
    id: e.id,
    name: e.name,
    weight: Math.round((1 + Math.log(Math.max(1, e.count))) * (e.inTitle ? 1.5 : 1) * 1000) / 1000,
  }));

  // Names: capitalised words inside sentences of the body, in scripts that have case.
  const names = new Map<string, number>();
  for (const { token, sentenceStart } of bodyContext) {
    if (sentenceStart || !/^\p{Lu}/u.test(token) || /^\p{Lu}+$/u.test(token) && [...token].length > 5) continue;
    if (stopwords.has(foldCase(token, language))) continue;
    const key = nameKey(token);
    if (key.length >= 3) add(names, key, 1);
  }

  const fullText = `${input.clean.title}\n${input.clean.text}`;
  const numbers = extractNumbers(fullText, language);
  const signature = minhash(shingles(folded, options.shingleSize ?? 3), options.permutations ?? 64);
  const textHash = createHash('sha1').update(folded.join(' ')).digest('hex').slice(0, 20);
  const canonicalUrl = canonicalUrlKey(input.clean.canonicalUrl);
  const terms = sublinear(pivotTerms);
  const senses = sublinear(pivotWords);
  const labels: Record<string, string> = {};
  for (const [key] of [...native].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, options.labelCount ?? 40)) {
    const stem = key.slice(key.indexOf(':') + 1);
    const forms = surfaces.get(stem);
    if (!forms) continue;
    const best = [...forms].sort((x, y) => y[1] - x[1] || x[0].length - y[0].length || (x[0] < y[0] ? -1 : 1))[0]?.[0];
    if (best !== undefined && best !== stem) labels[key] = best;
  }
  const nativeTerms = sublinear(native);

  const df = options.documentFrequencies;
  const rarest = (weights: Record<string, number>, prefix: string): string[] =>
    Object.entries(weights)
      .map(([key, w]) => [key, w * (df ? df.idf(`${prefix}${key}`) : 1)] as const)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.indexTerms ?? 8)
      .map(([key]) => `${prefix}${key}`);

  const indexKeys = [
    ...entities.map((e) => `e:${e.id}`),
    ...rarest(terms, 't:'),
    ...rarest(nativeTerms, 's:'),
    ...minhashBands(signature),
    `h:${textHash}`,
    ...(canonicalUrl ? [`u:${canonicalUrl}`] : []),
  ];

  return {
    itemId: input.itemId,
    language,
    publishedAt: input.clean.publishedAt ?? input.fetchedAt,
    publishedAtSource: input.clean.publishedAt ? 'page' : 'fetch',
    textHash,
    ...(canonicalUrl ? { canonicalUrl } : {}),
    minhash: signature,
    entities,
    terms,
    nativeTerms,
    names: sublinear(names),
    senses,
    labels,
    numbers,
    indexKeys,
    tokenCount: folded.length,
  };
}

/** How many tokens at the start of the body repeat the title word for word (0 when it does not open with it). */
export function repeatedTitleLength(title: readonly string[], body: readonly string[], language: string): number {
  if (title.length === 0 || body.length < title.length) return 0;
  for (let i = 0; i < title.length; i++) if (foldCase(title[i]!, language) !== foldCase(body[i]!, language)) return 0;
  return title.length;
}

/**
 * English lemmas for one word: the pivot's entry for its lemma (or for the word, or its light stem);
 * for English, the lemma itself. Returns `[]` for words the pivot does not know.
 */
function pivotTermsOf(
  raw: string,
  fold: string,
  language: string,
  lemmatizer: Lemmatizer | undefined,
  pivot: Pivot | undefined,
): readonly string[] {
  const candidates = [...(lemmatizer?.lemmas(raw) ?? []), raw];
  if (language === 'en') {
    const lemma = foldCase(candidates[0] ?? fold, 'en');
    return PIVOT_STOPWORDS.has(lemma) || !isContentToken(lemma) ? [] : [lemma];
  }
  if (!pivot) return [];
  for (const candidate of candidates) {
    const found = pivot.lookup(candidate);
    if (found.length > 0) return found.filter((t) => !PIVOT_STOPWORDS.has(t));
  }
  let found = pivot.translate(raw);
  if (found.length === 0 && language === 'ar') found = pivot.translate(lightStem(fold, language));
  return found.filter((t) => !PIVOT_STOPWORDS.has(t));
}
