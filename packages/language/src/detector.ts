/**
 * Language identification for the language stage: eld's n-gram scores, narrowed by the script the text is
 * written in, with orthographic cues for the pairs eld confuses (cs/sk, uk/ru, pt/es …), a second opinion
 * from spelling dictionaries for short uncertain texts (which candidates know the words), and a confidence
 * calibrated on held-out data, so that an unreliable decision is reported as `und`, never as a guess.
 */
import type { LanguageGuess, LanguageResult } from '@newsflow/contracts/documents';
import { loadHunspellLexicon, type WordLexicon } from './dictionaries.ts';
import { loadFrequencyLists, type WordFrequencies } from './frequencies.ts';
import { SCRIPT_LANGUAGES, scriptProfile, type ScriptProfile } from './scripts.ts';

/** eld's database sizes: large is the most accurate, small takes half the memory. */
export type ModelSize = 'large' | 'medium' | 'small' | 'extrasmall';

export interface LanguageDetectorOptions {
  /** eld database. Default `'large'` (see EVALUATION.md for the numbers behind the choice). */
  model?: ModelSize;
  /** Narrow candidates to the languages of the text's script and decide single-language scripts alone. Default true. */
  scripts?: boolean;
  /** Apply orthographic cues (ř → cs, ї → uk, ã → pt …) to pairs eld confuses. Default true. */
  cues?: boolean;
  /** Only ever answer one of these ISO 639-1 codes (others become `und`). Default: all 60 eld languages. */
  languages?: readonly string[];
  /** A log-prior bonus per language, in eld's raw score units (one n-gram scores ≈ 50–120). Default none. */
  prior?: Readonly<Record<string, number>>;
  /** Confidence at or above which a decision is reliable. Default 0.5. */
  reliableAt?: number;
  /**
   * Bonus (raw score units) for the language a page declares (`declaredLanguage`): enough to settle a close
   * call between similar languages, far too little to outvote a text in another language. Default 80.
   */
  declaredBonus?: number;
  /** Longest text (in characters) looked at for one decision. Default 4000. */
  maxChars?: number;
  /**
   * Word-level second opinion for short texts: which leading candidates' dictionaries know the words.
   * `true` (default) loads the hunspell dictionaries (`loadHunspellLexicon`), `false` turns it off, or pass
   * a lexicon of your own.
   */
  words?: boolean | WordLexicon;
  /** Raw score units taken from a leading candidate per word it knows less than the best-knowing one. Default 150. */
  wordWeight?: number;
  /** Words are looked up only when the n-grams alone give a confidence below this (most texts are decided without). Default 0.99. */
  wordsBelow?: number;
  /**
   * How common the words are in each leading candidate (rank lists of the 10,000 most frequent words,
   * `loadFrequencyLists`): breaks ties between close languages whose dictionaries both know every word.
   * `true` (default) or `false`, or rank lists of your own. Asked together with the dictionaries.
   */
  frequencies?: boolean | WordFrequencies;
  /** Raw score units per nat of commonness a leading candidate has less than the best one. Default FREQUENCY_WEIGHT. */
  frequencyWeight?: number;
  /** A word at this rank or beyond (or absent) counts as not common at all; rank r earns ln(floor / r) nats. Default FREQUENCY_FLOOR. */
  frequencyFloor?: number;
  /** Whether a language without a dictionary earns commonness from its rank list alone. Default FREQUENCY_WITHOUT_DICTIONARY. */
  frequencyWithoutDictionary?: boolean;
}

export interface LanguageDetector {
  readonly model: ModelSize;
  /** The language of one piece of text: a title, a sentence, an article body. */
  detectText(text: string): LanguageGuess;
  /** The language of an article: title and text separately, and a decision for the whole, where the text dominates. */
  detect(input: ArticleInput): Omit<LanguageResult, 'itemId'>;
}

export interface ArticleInput {
  title: string;
  text: string;
  /** BCP 47 tag the page declared (`<html lang>`, og:locale), unverified: a hint for close calls only. */
  declaredLanguage?: string;
}

/** The ISO 639-1 code of a declared BCP 47 tag, if it is one eld knows by another name or as is. */
export function declaredCode(tag: string | undefined): string | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary || !/^[a-z]{2}$/.test(primary)) return undefined;
  return ({ nb: 'no', nn: 'no', iw: 'he' } as Record<string, string>)[primary] ?? primary;
}

/** What the unreliable answer looks like. */
export const UNDETERMINED = 'und';

// --- eld ------------------------------------------------------------------------------------------------

interface EldScores {
  language: string;
  getScores(): Record<string, number>;
}
interface EldInstance {
  detect(text: string): EldScores;
}
interface EldLoader extends EldInstance {
  load(size: string): Promise<unknown>;
  newInstance(): EldLoader;
}

const models = new Map<ModelSize, Promise<EldInstance>>();

/** One eld database per size per process, loaded on first use (each worker process pays for it once). */
function loadModel(model: ModelSize): Promise<EldInstance> {
  let loading = models.get(model);
  if (!loading) {
    loading = (async () => {
      const { eld } = (await import('eld')) as unknown as { eld: EldLoader };
      const instance = eld.newInstance();
      await instance.load(model);
      return instance;
    })();
    loading.catch(() => models.delete(model));
    models.set(model, loading);
  }
  return loading;
}

/** eld scales a raw per-n-gram score s to s / (s + 25); this undoes it. */
const ELD_SCALE = 25;

// --- text preparation -----------------------------------------------------------------------------------

const URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/giu;
const EMAIL = /\S+@\S+\.\S+/gu;
const HANDLE = /(?:^|\s)@\w+/gu;
/** Latin-letter and digit runs that carry digits (dates, codes, 80.1%, LZ4) say nothing about the language. */
const WITH_DIGITS = /[\p{Script=Latin}\p{N}_.,:%+\-/]*\p{N}[\p{Script=Latin}\p{N}_.,:%+\-/]*/gu;
const DOMAIN = /\b(?:[\p{L}\p{N}-]+\.)+(?:com|org|net|pl|it|ru|ua|de|uk|eu|info|io)\b\S*/giu;

/** Removes what is not language: URLs, e-mail addresses, handles, numbers and codes. */
export function stripNonLinguistic(text: string): string {
  return text.replace(URL, ' ').replace(EMAIL, ' ').replace(HANDLE, ' ').replace(DOMAIN, ' ').replace(WITH_DIGITS, ' ');
}

/** eld's own word separator: anything but letters, except an apostrophe inside a word. */
const SEPARATORS = /[^\p{L}]+(?<!['`\u2019])/gu;
/** eld reads at most ≈ 350 bytes of a string: chunks stay under that so every byte counts. */
const CHUNK_BYTES = 330;
const MAX_WORD_BYTES = 70;

function utf8Length(word: string): number {
  return Buffer.byteLength(word, 'utf8');
}

/** Splits text into word-aligned chunks of at most CHUNK_BYTES, as eld would see them. */
function chunksOf(text: string, maxChunks: number): string[] {
  const words = text.replace(SEPARATORS, ' ').trim().toLowerCase().split(' ').filter((w) => w !== '');
  const chunks: string[] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const word of words) {
    const len = utf8Length(word) + 1;
    if (bytes + len > CHUNK_BYTES && current.length > 0) {
      chunks.push(current.join(' '));
      current = [];
      bytes = 0;
    }
    current.push(word);
    bytes += len;
  }
  if (current.length > 0) chunks.push(current.join(' '));
  if (chunks.length <= maxChunks) return chunks;
  // Spread the chunks we read over the whole text: junk tends to sit at the start and the end.
  const picked: string[] = [];
  for (let i = 0; i < maxChunks; i++) {
    const chunk = chunks[Math.floor(((i + 0.5) * chunks.length) / maxChunks)];
    if (chunk !== undefined) picked.push(chunk);
  }
  return picked;
}

/** The distinct byte n-grams eld scores for a chunk (4 bytes, stride 3, word-edge markers). */
function countNgrams(chunk: string): number {
  const grams = new Set<string>();
  for (const word of chunk.split(' ')) {
    if (word === '') continue;
    const bytes = Buffer.from(word, 'utf8').toString('latin1');
    const len = Math.min(bytes.length, MAX_WORD_BYTES);
    let j = 0;
    for (; j + 4 < len; j += 3) grams.add((j === 0 ? ' ' : '') + bytes.substring(j, j + 4));
    grams.add((j === 0 ? ' ' : '') + bytes.substring(len !== 3 ? len - 4 : 0) + ' ');
  }
  return grams.size;
}

// --- cues -----------------------------------------------------------------------------------------------

/**
 * Letters one language of a confusable pair uses and the other never does. Each occurrence takes
 * CUE_WEIGHT raw score units from the other language (at most 3 occurrences count), so a cue decides a
 * short text but cannot outvote a long one (a foreign name in an article).
 */
const CUES: readonly { a: string; b: string; onlyA: RegExp; onlyB: RegExp }[] = [
  { a: 'cs', b: 'sk', onlyA: /[ěřůĚŘŮ]/gu, onlyB: /[äľĺŕôÄĽĹŔÔ]/gu },
  { a: 'uk', b: 'ru', onlyA: /[іїєґІЇЄҐ]/gu, onlyB: /[ыэъёЫЭЪЁ]/gu },
  { a: 'be', b: 'ru', onlyA: /[іўІЎ]/gu, onlyB: /[иищъИЩЪ]/gu },
  { a: 'uk', b: 'be', onlyA: /[иїєґщИЇЄҐЩ]/gu, onlyB: /[ыэўёЫЭЎЁ]/gu },
  { a: 'bg', b: 'ru', onlyA: /ѝ/gu, onlyB: /[ыэёЫЭЁ]/gu },
  { a: 'sr', b: 'ru', onlyA: /[ђјљњћџЂЈЉЊЋЏ]/gu, onlyB: /[ыэёйщъЫЭЁЙЩЪ]/gu },
  { a: 'pt', b: 'es', onlyA: /[ãõçâêôàÃÕÇÂÊÔÀ]/gu, onlyB: /[ñ¿¡Ñ]/gu },
  // Arabic: teh marbuta, Arabic yeh and kaf, alef maksura; Persian: peh, tcheh, zhe, gaf, keheh, Farsi yeh.
  { a: 'ar', b: 'fa', onlyA: /[ةيكى]/gu, onlyB: /[پچژگکی]/gu },
  { a: 'ar', b: 'ur', onlyA: /[ةكى]/gu, onlyB: /[ٹڈڑںےھ]/gu },
  { a: 'ca', b: 'es', onlyA: /[àèòïç·ÀÈÒÏÇ]/gu, onlyB: /[áñ¿¡ÁÑ]/gu },
  // Frequent words one language of the pair has and the other does not.
  {
    a: 'cs',
    b: 'sk',
    onlyA: words('jsou jako nebo není pro se byl byla bylo který která které také již při když ještě jen nelze soubor co'),
    onlyB: words('sú ako alebo nie pre sa bol bola bolo ktorý ktorá ktoré tiež pri keď ešte len nemožno súbor čo zo vo'),
  },
  {
    a: 'es',
    b: 'pt',
    onlyA: words('el los las del una un y al lo con muy pero más también archivo nuevo nueva su sus ningún'),
    onlyB: words('os do dos das um uma e é não em com ao mais também arquivo ficheiro novo nova seu sua foi pelo pela'),
  },
  {
    a: 'uk',
    b: 'ru',
    onlyA: words('що це від із зі або було має вже немає його її чи також можна'),
    onlyB: words('что как или это уже из от со нет был его ее её также можно удалось удается'),
  },
  {
    a: 'ru',
    b: 'bg',
    onlyA: words('это что как для все он она они был была было уже только нет его ее её'),
    onlyB: words('е са се ще това този тази които който която във със няма към чрез'),
  },
];

/** A pattern matching whole words of the space-separated list (single words only), case-insensitively. */
function words(list: string): RegExp {
  return new RegExp(`(?<!\\p{L})(?:${list.split(' ').join('|')})(?!\\p{L})`, 'giu');
}
const CUE_WEIGHT = 150;
const CUE_CAP = 3;
/** Cues are looked at for pairs within the best few languages. */
const CUE_LEADERS = 4;

function countMatches(text: string, re: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(re)) if (++n >= CUE_CAP) break;
  return n;
}

// --- words ----------------------------------------------------------------------------------------------

/** Texts of at most this many words get the dictionary's opinion; longer ones are decided by n-grams alone. */
const WORD_MAX_WORDS = 16;
/** The dictionary is asked about the best few candidates only. */
const WORD_LEADERS = 6;
/** Defaults of the frequency evidence (chosen on the fit split, EVALUATION.md). */
const FREQUENCY_WEIGHT = 30;
const FREQUENCY_FLOOR = 20_000;
const FREQUENCY_WITHOUT_DICTIONARY = false;

const scriptWordPatterns = new Map<string, RegExp | null>();
/** Words in the text's own script: a Latin product name in a Cyrillic title says nothing about ru vs uk. */
function wordsInScript(cleaned: string, script: string): string[] | undefined {
  let pattern = scriptWordPatterns.get(script);
  if (pattern === undefined) {
    try {
      pattern = new RegExp(`[\\p{Script=${script}}\\p{M}]+(?:['\u2019][\\p{Script=${script}}\\p{M}]+)*`, 'gu');
    } catch {
      pattern = null;
    }
    scriptWordPatterns.set(script, pattern);
  }
  if (pattern === null) return undefined;
  const found = cleaned.match(pattern) ?? [];
  return found.length > WORD_MAX_WORDS ? undefined : found;
}

/**
 * Acronyms (ROM, CD) and capitalised words after the first (Windows, Monkey): names, not the title's
 * language. In Title Case ("Recent Files", "Choukei 4 Envelope") every word is capitalised and names cannot
 * be told from words: then only acronyms go (a name no dictionary knows costs every candidate the same).
 */
export function withoutNames(words: readonly string[]): string[] {
  const capitalised = (word: string) => word.charAt(0) !== word.charAt(0).toLowerCase();
  const keepCapitalised = words.length >= 2 && words.every(capitalised);
  return words.filter((word, i) => {
    const lower = word.toLowerCase();
    if (word.length > 1 && word === word.toUpperCase() && lower !== word) return false;
    return i === 0 || keepCapitalised || !capitalised(word);
  });
}

// --- scoring --------------------------------------------------------------------------------------------

/** What the words said, per leading candidate: how many its dictionary knows, how common they are (nats). */
interface WordEvidence {
  known: Map<string, number>;
  common: Map<string, number>;
}

/** Raw eld scores summed over chunks, before any decision. */
interface Evidence {
  raw: Map<string, number>;
  ngrams: number;
}

/** Reading more of a long text stops once this many n-grams gave a gap this large (confidence ≈ 1). */
const EARLY_STOP_NGRAMS = 150;
const EARLY_STOP_GAP = 3000;

/** Whether the best language leads every other by EARLY_STOP_GAP already. */
function settled(evidence: Evidence): boolean {
  let best = -Infinity;
  let second = -Infinity;
  for (const score of evidence.raw.values()) {
    if (score > best) {
      second = best;
      best = score;
    } else if (score > second) second = score;
  }
  return best - second >= EARLY_STOP_GAP;
}

function emptyEvidence(): Evidence {
  return { raw: new Map(), ngrams: 0 };
}

function addEvidence(into: Evidence, from: Evidence): Evidence {
  for (const [lang, score] of from.raw) into.raw.set(lang, (into.raw.get(lang) ?? 0) + score);
  into.ngrams += from.ngrams;
  return into;
}

/**
 * Confidence from the evidence gap between the best and the second-best language (raw score units,
 * summed over n-grams, after cues and words), how many n-grams it rests on and the best language's lead in
 * dictionary words. A logistic score z in log(1 + gap), log(1 + n-grams) and the word lead orders the decisions; an isotonic map (`knots`, [z, share of right answers]) turns z into
 * the probability of being right. Both fitted on the `fit` half of the evaluation set
 * (`pnpm eval:language --fit`); the figures in EVALUATION.md are on the other half.
 */
export const CALIBRATION: { gap: number; ngrams: number; words: number; intercept: number; knots: readonly (readonly [number, number])[] } = {
  gap: 1.279,
  ngrams: 1.739,
  words: 1.355,
  intercept: -7.862,
  knots: [
    [-5.354, 0.1],
    [-1.457, 0.4049],
    [0.735, 0.5316],
    [1.413, 0.6641],
    [1.888, 0.7298],
    [2.265, 0.8019],
    [2.502, 0.8187],
    [2.674, 0.8659],
    [2.834, 0.8716],
    [3.014, 0.8846],
    [3.443, 0.9545],
    [4.052, 0.9899],
    [4.347, 0.9939],
    [4.571, 0.9968],
    [4.95, 0.9981],
    [5.526, 0.9994],
    [7.544, 0.9999],
  ],
};
/** Below this many n-grams (about two short words) nothing is reliable, whatever the gap. */
const MIN_NGRAMS = 4;

function confidenceFromGap(gap: number, ngrams: number, wordLead = 0): number {
  if (gap <= 0) return 0;
  const z = CALIBRATION.gap * Math.log1p(gap) + CALIBRATION.ngrams * Math.log1p(ngrams) + CALIBRATION.words * wordLead + CALIBRATION.intercept;
  const p = calibrate(z);
  // Too little text: scaled down below the reliability line, however large the gap, unless a word is
  // known to the best language's dictionary and not to its rivals' (then the fitted map says how sure).
  return ngrams < MIN_NGRAMS && wordLead < 1 ? (Math.min(p, 0.49) * ngrams) / MIN_NGRAMS : p;
}

function calibrate(z: number): number {
  const knots = CALIBRATION.knots;
  const first = knots[0];
  const last = knots[knots.length - 1];
  if (!first || !last) return 1 / (1 + Math.exp(-z));
  if (z <= first[0]) return first[1];
  if (z >= last[0]) return last[1];
  for (let i = 1; i < knots.length; i++) {
    const [z1, p1] = knots[i] ?? last;
    const [z0, p0] = knots[i - 1] ?? first;
    if (z <= z1) return z1 === z0 ? p1 : p0 + ((p1 - p0) * (z - z0)) / (z1 - z0);
  }
  return last[1];
}

/**
 * Confidence for a script only one language uses, from how many of its letters there are (Latin names
 * beside them do not lower it: the script already won over Latin).
 */
function confidenceFromScript(profile: ScriptProfile, syllabic: boolean): number {
  const units = syllabic ? profile.weight / 3 : profile.weight / 3.5;
  return Math.max(0, 1 - 0.5 ** (units - 1));
}

const SYLLABIC_SCRIPTS = new Set(['Han', 'Kana', 'Hangul']);
const MIN_LETTERS = 3;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function undetermined(confidence = 0): LanguageGuess {
  return { language: UNDETERMINED, confidence: round(confidence), reliable: false };
}

export interface Features {
  /** The best candidate, before the reliability check ('' when there is none). */
  best: string;
  second: string;
  gap: number;
  ngrams: number;
  via: 'script' | 'ngrams' | 'none';
  /** How many more of the words the best language's dictionary knows than any rival leader's (0: not asked). */
  wordLead: number;
  /** How much more common (nats, summed over words) the words are in the best language than in any rival leader (0: not asked). */
  commonLead: number;
}

/** The detector's decision together with what it was based on (for the evaluation and calibration). */
export interface ExplainedGuess extends LanguageGuess {
  features: Features;
}

/**
 * Loads eld once per process (per model) and returns a detector. Options are fixed for the detector's
 * lifetime; two detectors with the same model share the database.
 */
export async function createLanguageDetector(options: LanguageDetectorOptions = {}): Promise<LanguageDetector & {
  /** detectText with the features the decision used (and optionally a declared language). */
  explainText(text: string, declaredLanguage?: string): ExplainedGuess;
}> {
  const model = options.model ?? 'large';
  const useScripts = options.scripts ?? true;
  const useCues = options.cues ?? true;
  const allowed = options.languages ? new Set(options.languages) : undefined;
  const prior = options.prior ?? {};
  const declaredBonus = options.declaredBonus ?? 80;
  const reliableAt = options.reliableAt ?? 0.5;
  const maxChars = options.maxChars ?? 4000;
  const maxChunks = Math.max(1, Math.ceil(maxChars / CHUNK_BYTES));
  const wordWeight = options.wordWeight ?? 150;
  const wordsBelow = options.wordsBelow ?? 0.99;
  const eld = await loadModel(model);
  const lexicon = options.words === false ? undefined : options.words === true || options.words === undefined ? loadHunspellLexicon() : options.words;
  const frequencies =
    options.frequencies === false ? undefined : options.frequencies === true || options.frequencies === undefined ? loadFrequencyLists() : options.frequencies;
  const frequencyWeight = options.frequencyWeight ?? FREQUENCY_WEIGHT;
  const frequencyFloor = options.frequencyFloor ?? FREQUENCY_FLOOR;
  const frequencyWithoutDictionary = options.frequencyWithoutDictionary ?? FREQUENCY_WITHOUT_DICTIONARY;

  /**
   * How common a word is in a language, in nats above the floor rank (0 when absent or rarer). A word the
   * language's dictionary rejects earns nothing: some subtitle lists carry a neighbour's words (Russian
   * words in the Ukrainian list, English ones in most).
   */
  function commonness(language: string, word: string, known: boolean | undefined): number {
    if (!frequencies || known === false || (known === undefined && !frequencyWithoutDictionary)) return 0;
    const rank = frequencies.rank(language, word);
    return rank === undefined ? 0 : Math.max(0, Math.log(frequencyFloor / rank));
  }

  /**
   * Takes wordWeight from each of the leading candidates for every word it knows less than the
   * best-knowing one. A leader with no dictionary (tl, ms …) counts as knowing none: dictionaries of the
   * usual neighbours (ca, bg, sr, da, no …) are loaded so that texts in those languages keep their words.
   * Then frequencyWeight per nat of commonness a leader has less than the most common-worded one: when
   * both dictionaries know every word, the language in which the words are more common wins.
   */
  function applyWords(raw: Map<string, number>, cleaned: string, script: string, ngrams: number): WordEvidence | undefined {
    if (!lexicon && !frequencies) return undefined;
    const ranked = [...raw.entries()].sort((x, y) => y[1] - x[1]);
    const [first, second] = ranked;
    if (first && confidenceFromGap(first[1] - Math.max(0, second?.[1] ?? 0), ngrams) >= wordsBelow) return undefined;
    const leaders = ranked.slice(0, WORD_LEADERS).map(([lang]) => lang);
    const hasDictionary = (lang: string) => lexicon?.languages.has(lang) ?? false;
    if (leaders.length < 2 || !leaders.some((l) => hasDictionary(l) || frequencies?.languages.has(l))) return undefined;
    const inScript = wordsInScript(cleaned, script);
    const tokens = inScript ? withoutNames(inScript) : undefined;
    if (!tokens || tokens.length === 0) return undefined;
    // Per leader and word: does its dictionary know the word (undefined: it has none)?
    const knows = leaders.map((lang) => tokens.map((w) => (lexicon && hasDictionary(lang) ? lexicon.knows(lang, w) : undefined)));
    const known = knows.map((k) => k.filter((x) => x === true).length);
    const common = leaders.map((lang, i) => tokens.reduce((sum, w, j) => sum + commonness(lang, w, knows[i]?.[j]), 0));
    const most = Math.max(...known);
    const mostCommon = Math.max(...common);
    leaders.forEach((lang, i) => {
      const penalty = wordWeight * (most - (known[i] ?? 0)) + frequencyWeight * (mostCommon - (common[i] ?? 0));
      if (penalty > 0) raw.set(lang, (raw.get(lang) ?? 0) - penalty);
    });
    // One word is too little to lead with (a name such as "Putin" is in several dictionaries' word lists).
    return tokens.length < 2
      ? undefined
      : { known: new Map(leaders.map((lang, i) => [lang, known[i] ?? 0])), common: new Map(leaders.map((lang, i) => [lang, common[i] ?? 0])) };
  }

  /** The best language's lead over the other leaders asked (0 when words were not asked, or one word). */
  function leadOf(best: string, scores: Map<string, number> | undefined): number {
    const own = scores?.get(best);
    if (!scores || own === undefined) return 0;
    let rival = 0;
    for (const [lang, n] of scores) if (lang !== best) rival = Math.max(rival, n);
    return Math.max(0, own - rival);
  }

  function evidenceOf(cleaned: string): Evidence {
    const evidence = emptyEvidence();
    for (const chunk of chunksOf(cleaned, maxChunks)) {
      if (evidence.ngrams >= EARLY_STOP_NGRAMS && settled(evidence)) break;
      const n = countNgrams(chunk);
      if (n === 0) continue;
      const scores = eld.detect(chunk).getScores();
      for (const [lang, p] of Object.entries(scores)) {
        if (p <= 0 || p >= 1) continue;
        const perNgram = (ELD_SCALE * p) / (1 - p);
        evidence.raw.set(lang, (evidence.raw.get(lang) ?? 0) + perNgram * n);
      }
      evidence.ngrams += n;
    }
    return evidence;
  }

  function decide(cleaned: string, evidence: Evidence, profile: ScriptProfile, declared?: string): ExplainedGuess {
    const none: Features = { best: '', second: '', gap: 0, ngrams: evidence.ngrams, via: 'none', wordLead: 0, commonLead: 0 };
    if (profile.letters < MIN_LETTERS || profile.dominant === undefined) return { ...undetermined(), features: none };

    let candidates: readonly string[] | undefined;
    if (useScripts) {
      candidates = SCRIPT_LANGUAGES[profile.dominant];
      if (allowed) candidates = candidates.filter((l) => allowed.has(l));
      if (candidates.length === 0) return { ...undetermined(), features: none };
      const only = candidates.length === 1 ? candidates[0] : undefined;
      if (only !== undefined && SCRIPT_LANGUAGES[profile.dominant].length === 1) {
        const confidence = confidenceFromScript(profile, SYLLABIC_SCRIPTS.has(profile.dominant));
        const features: Features = { best: only, second: '', gap: 0, ngrams: evidence.ngrams, via: 'script', wordLead: 0, commonLead: 0 };
        return confidence >= reliableAt
          ? { language: only, confidence: round(confidence), reliable: true, features }
          : { ...undetermined(confidence), features };
      }
    } else if (allowed) {
      candidates = [...allowed];
    }

    const raw = new Map<string, number>();
    for (const [lang, score] of evidence.raw) {
      if (candidates && !candidates.includes(lang)) continue;
      raw.set(lang, score + (prior[lang] ?? 0) + (lang === declared ? declaredBonus : 0));
    }
    if (useCues) {
      // Only pairs that are both among the leaders can change the answer.
      const leaders = new Set([...raw.entries()].sort((x, y) => y[1] - x[1]).slice(0, CUE_LEADERS).map(([lang]) => lang));
      for (const cue of CUES) {
        if (!leaders.has(cue.a) || !leaders.has(cue.b)) continue;
        const a = raw.get(cue.a);
        const b = raw.get(cue.b);
        if (a === undefined || b === undefined) continue;
        const forA = countMatches(cleaned, cue.onlyA);
        const forB = countMatches(cleaned, cue.onlyB);
        if (forA > 0) raw.set(cue.b, b - CUE_WEIGHT * forA);
        if (forB > 0) raw.set(cue.a, a - CUE_WEIGHT * forB);
      }
    }
    const words = profile.dominant !== undefined ? applyWords(raw, cleaned, profile.dominant, evidence.ngrams) : undefined;
    let best = '';
    let second = '';
    let bestScore = -Infinity;
    let secondScore = -Infinity;
    for (const [lang, score] of raw) {
      if (score > bestScore) {
        second = best;
        secondScore = bestScore;
        best = lang;
        bestScore = score;
      } else if (score > secondScore) {
        second = lang;
        secondScore = score;
      }
    }
    if (best === '') return { ...undetermined(), features: none };
    // Alone in the running (e.g. the only Arabic-script language eld scored): the gap is its whole score.
    const gap = bestScore - (secondScore === -Infinity ? 0 : Math.max(0, secondScore));
    const wordLead = leadOf(best, words?.known);
    const commonLead = leadOf(best, words?.common);
    const features: Features = { best, second, gap, ngrams: evidence.ngrams, via: 'ngrams', wordLead, commonLead };
    const confidence = confidenceFromGap(gap, evidence.ngrams, wordLead);
    if (confidence < reliableAt) return { ...undetermined(confidence), features };
    return { language: best, confidence: round(confidence), reliable: true, features };
  }

  function prepare(text: string): { cleaned: string; profile: ScriptProfile } {
    const cleaned = stripNonLinguistic(text.length > maxChars * 2 ? text.slice(0, maxChars * 2) : text);
    return { cleaned, profile: scriptProfile(cleaned, maxChars) };
  }

  function explainText(text: string, declaredLanguage?: string): ExplainedGuess {
    const { cleaned, profile } = prepare(text);
    const declared = declaredCode(declaredLanguage);
    if (profile.letters < MIN_LETTERS) return decide(cleaned, emptyEvidence(), profile, declared);
    return decide(cleaned, evidenceOf(cleaned), profile, declared);
  }

  function strip({ features: _, ...guess }: ExplainedGuess): LanguageGuess {
    return guess;
  }

  return {
    model,
    explainText,
    detectText: (text) => strip(explainText(text)),
    detect({ title, text, declaredLanguage }) {
      const declared = declaredCode(declaredLanguage);
      const t = prepare(title);
      const b = prepare(text);
      const titleEvidence = t.profile.letters >= MIN_LETTERS ? evidenceOf(t.cleaned) : emptyEvidence();
      const textEvidence = b.profile.letters >= MIN_LETTERS ? evidenceOf(b.cleaned) : emptyEvidence();
      const titleGuess = strip(decide(t.cleaned, titleEvidence, t.profile, declared));
      const textGuess = strip(decide(b.cleaned, textEvidence, b.profile, declared));
      // The whole article: the evidence of both, so the text (which has far more n-grams) dominates and a
      // title helps when the text is short.
      const whole = prepare(`${title}\n${text}`);
      const combined = addEvidence(addEvidence(emptyEvidence(), titleEvidence), textEvidence);
      const overall = strip(decide(whole.cleaned, combined, whole.profile, declared));
      return { ...overall, title: titleGuess, text: textGuess };
    },
  };
}
