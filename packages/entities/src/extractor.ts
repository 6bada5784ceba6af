/**
 * Entity extraction by gazetteer and heuristics, for news in many languages and scripts.
 *
 * 1. Names from the curated alias table, the country table and geonames are matched token by token
 *    (keys folded to one script by any-ascii), through three routes: as written, through the hunspell
 *    lemma of each word (`Białorusi` → `Białoruś`, `Unii Europejskiej` → `unia europejski`), and for
 *    declining languages through a crude case-ending stem (`Cichanouskiej` → `cichanousk`).
 * 2. Gazetteer noise is held back: cities named in few locales are left out, a city that is also a
 *    common word (`Baza`, `Jawne`, `Independence`) needs to be well known and not open a sentence, and a
 *    place directly followed or preceded by a name-like word is taken as part of a person's name.
 * 3. Capitalised runs of name-like words that matched nothing become people with an id built from
 *    their stemmed keys; a later surname alone is linked to them.
 *
 * `createEntityExtractor` loads everything once; `extract` is synchronous and pure.
 */
import type { EntityKind, EntityMention } from '@newsflow/contracts/documents';
import { createLemmatizer, type Lemmatizer } from '@newsflow/lexicon/lemmatizer';
import { isCapitalised, tokenize } from '@newsflow/lexicon/tokenize';
import { fileURLToPath } from 'node:url';
import {
  displayNameCountries,
  loadCountryNames,
  loadCuratedAliases,
  loadGeonames,
  FULL_PROMINENCE,
  type GazetteerEntity,
  type GazetteerName,
} from './gazetteer.ts';
import { EXTRA_DICTIONARIES } from './dictionaries.ts';
import { findArabicNames } from './arabic.ts';
import { arabicVariants, slug, stemKey, wordKey } from './normalize.ts';
import { personKey } from './phonetic.ts';
import { ARABIC_STOPWORDS, ARTICLES, LOWER_CASE_HEADS, NON_ORGANISATION_ACRONYMS, ORGANISATION_QUALIFIERS, COMPASS_WORDS, DESIGNATORS, NAME_CONNECTORS, NON_ORGANISATION_DESIGNATORS, NON_ORGANISATION_STEMS, MORE_TITLE_WORDS, NAME_PARTICLES, STOPWORDS, TITLE_WORDS, TURKISH_DESIGNATOR_STEMS } from './words.ts';

export interface ExtractInput {
  title: string;
  text: string;
  /** ISO 639-1 code or BCP 47 tag of the article; `und` when unknown. */
  language: string;
}

export interface EntityExtractor {
  extract(input: ExtractInput): EntityMention[];
  /** What was loaded, for logs and the evaluation. */
  readonly stats: ExtractorStats;
}

export interface ExtractorStats {
  entities: number;
  names: number;
  /** Languages with a hunspell lemmatizer. */
  lemmatizerLanguages: string[];
  loadMs: number;
}

export interface EntityExtractorOptions {
  /** Folder with aliases.tsv and loc_country_names.tsv. Default: the package's `data/`. */
  dataDir?: string;
  /** Where Debian's libgeonames-common put its catalogues. Default `/usr/share/locale`. */
  geonamesLocaleDir?: string;
  /** Cities named in fewer geonames locales are ignored. Default 8. */
  minCityProminence?: number;
  /** A city whose name is a common word must be named in at least this many locales. Default 40. */
  commonWordCityProminence?: number;
  /** Languages whose lemmatizer is loaded (for matching and to recognise common words). Default pl, it, en. */
  lemmatizerLanguages?: readonly string[];
  /** Injectable lemmatizer loader. Default: `createLemmatizer` from @newsflow/lexicon. */
  loadLemmatizer?: (language: string) => Promise<Lemmatizer | undefined>;
}

/** Languages whose nouns decline: crude stem matching is allowed for them. */
const STEM_LANGUAGES: ReadonlySet<string> = new Set(['pl', 'cs', 'sk', 'sl', 'hr', 'sr', 'bs', 'ru', 'uk', 'be', 'bg', 'lt', 'lv']);
/** Languages where names are matched through their hunspell lemma too: the declining ones and Turkish. */
const LEMMA_LANGUAGES: ReadonlySet<string> = new Set([...STEM_LANGUAGES, 'tr']);
/** Dictionaries loaded by default: the lexicon's own (pl, it, en) and the entities package's. */
const DEFAULT_LEMMATIZER_LANGUAGES = ['pl', 'it', 'en', 'fr', 'tr', 'de', 'es', 'ru'];

function isTitleWord(key: string): boolean {
  return TITLE_WORDS.has(key) || MORE_TITLE_WORDS.has(key);
}

/** A word that heads the name of an organisation, place or facility. */
function isDesignator(key: string): boolean {
  return DESIGNATORS.has(key) || TURKISH_DESIGNATOR_STEMS.some((stem) => key.startsWith(stem));
}

/** A designator that heads an organisation's name (`Federation`, `Airlines`, `Odası`), not a place's or an event's. */
function isOrganisationDesignator(key: string): boolean {
  if (NON_ORGANISATION_DESIGNATORS.has(key) || NON_ORGANISATION_STEMS.some((stem) => key.startsWith(stem))) return false;
  return isDesignator(key);
}

/** The id key of one word of an organisation's name: Turkish designators lose their case suffix. */
function organisationWordKey(key: string): string {
  return TURKISH_DESIGNATOR_STEMS.find((stem) => key.startsWith(stem)) ?? key;
}

/**
 * The id of an organisation the gazetteers do not know, found by its head word: `org:` and the keys of
 * its words (`Türkiye Güreş Federasyonundan` → `org:turkiye-gures-federasyon`).
 */
export function unknownOrganisationId(name: string): string {
  return `org:${slug(tokenize(name).map((t) => organisationWordKey(wordKey(t.text))).join(' '))}`;
}
/** Languages that put the head of a name last (`Brussels Airlines`, `Güreş Federasyonu`). */
const HEAD_LAST_LANGUAGES: ReadonlySet<string> = new Set(['en', 'tr', 'de', 'nl', 'da', 'sv', 'no', 'nb', 'fi', 'hu', 'ja', 'ko', 'zh']);
/** Plurals after a city that name an event, not a team (`Madrid Finals`). */
const EVENT_PLURALS: ReadonlySet<string> = new Set(['finals', 'games', 'olympics', 'championships', 'awards', 'talks', 'riots', 'protests', 'elections', 'primaries', 'races', 'floods', 'fires', 'attacks', 'years', 'days', 'times', 'news', 'streets', 'hills', 'falls', 'springs', 'heights', 'islands', 'lakes', 'mountains', 'woods', 'gardens', 'docks', 'suburbs', 'schools', 'residents', 'officials', 'voters', 'police', 'authorities']);
/** Honorifics before a surname (`M. Perrichon`, `Mrs Smith`); keys. */
const HONORIFICS: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'dr', 'm', 'mme', 'mlle', 'sig', 'sr', 'sra', 'herr', 'frau', 'pan', 'pani']);
/** Counting words among the title words (`binlerce`): no title. */
const COUNTING_WORDS: ReadonlySet<string> = new Set(['binlerce', 'yuzlerce', 'onlarca', 'milyonlarca', 'former', 'late', 'interim', 'acting', 'vice', 'junior', 'senior', 'police', 'interior', 'foreign', 'defence', 'defense', 'health', 'star', 'general', 'il', 'ilce', 'turk', 'turkiye', 'devlet', 'ulusal', 'kara', 'deniz', 'hava', 'milli', 'ozel', 'genel', 'saglik', 'icisleri', 'disisleri', 'egitim', 'savunma', 'adalet', 'belediye', 'belediyesi', 'universitesi', 'sehir', 'teknik', 'ogretim', 'premier', 'porte', 'parole', 'saint', 'sainte']);
/** Connectors that introduce a genitive (`Academy of Vietnam`), unlike `and`/`ve`, which may join a place to a name. */
const GENITIVE_CONNECTORS: ReadonlySet<string> = new Set(['of', 'de', 'du', 'des', 'la', 'l', 'di', 'del', 'della', 'dei', 'der']);
/** An acronym: two to six capital letters. */
const ACRONYM = /^\p{Lu}{2,6}$/u;
const ROMAN_NUMERAL = /^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/;
/** Articles and prepositions before an organisation's acronym (`la RATP`, `the WTA`, `de la SNCF`). */
const ACRONYM_ARTICLES: ReadonlySet<string> = new Set(['the', 'la', 'le', 'l', 'du', 'au', 'il', 'lo', 'del', 'della', 'dal', 'el', 'der', 'die', 'das', 'dem']);
/** How many tokens a name may span. */
const MAX_NAME_TOKENS = 8;
/** Between two tokens of one name: spaces, a hyphen, an apostrophe or an initial's full stop. */
const NAME_GAP = /^(?:[ \u00a0]{1,2}|['’\-‐])$/;
const INITIAL_GAP = /^\.[ \u00a0]?$/;
const LATIN = /^[\p{Script=Latin}\p{P}\p{Zs}\d]+$/u;
/** Which entity wins when names tie: curated, then countries, cities, regions (rigour territories too). */
function priority(entity: GazetteerEntity): number {
  if (entity.source === 'curated') return 0;
  if (entity.subtype === 'country') return 1;
  if (entity.subtype === 'city') return 2;
  return 3;
}

interface Ending {
  entity: GazetteerEntity;
  /** Written in capitals (`NATO`, `ОДКБ`): matches only words in capitals. */
  acronym: boolean;
  /**
   * The languages the name is written in, when every source of it says (geonames locales, i18n labels,
   * curated prefixes); undefined when one source gives no language (the name stands for any language).
   */
  languages?: Set<string>;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  endings?: Ending[];
}

interface Candidate {
  end: number;
  ending: Ending;
  viaStem: boolean;
}

interface Match {
  entity: Pick<GazetteerEntity, 'id' | 'kind' | 'subtype' | 'name'>;
  start: number;
  end: number;
}

function newNode(): TrieNode {
  return { next: new Map() };
}

function insert(root: TrieNode, keys: readonly string[], ending: Ending): void {
  let node = root;
  for (const key of keys) {
    let child = node.next.get(key);
    if (!child) {
      child = newNode();
      node.next.set(key, child);
    }
    node = child;
  }
  const endings = (node.endings ??= []);
  const same = endings.find((e) => e.entity === ending.entity && e.acronym === ending.acronym);
  if (!same) endings.push(ending);
  // One ending per entity and name, with the union of its languages; no language means any language.
  else if (same.languages !== undefined) {
    if (ending.languages === undefined) delete same.languages;
    else for (const l of ending.languages) same.languages.add(l);
  }
}

function primaryLanguage(language: string): string {
  return language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

function defaultDataDir(): string {
  return fileURLToPath(new URL('../data/', import.meta.url));
}

/**
 * The id of a person the gazetteers do not know: `person:` and the phonetic key of the name (`personKey`),
 * the same across scripts and transliterations (`Swiatłana Cichanouska`, `Sviatlana Tsikhanouskaya`,
 * `سفيتلانا تيخانوفسكايا`). In declining languages the words are stemmed first (`Cichanouskiej`).
 */
export function unknownPersonId(name: string, language = 'und'): string {
  const stem = STEM_LANGUAGES.has(primaryLanguage(language));
  return personIdFromKeys(tokenize(name).map((t) => (stem ? stemKey(wordKey(t.text)) : wordKey(t.text))));
}

function personIdFromKeys(keys: readonly string[]): string {
  // A name with no Latin letter after transliteration (digits, signs) keeps the slug of its keys.
  return `person:${personKey(keys) || slug(keys.join(' '))}`;
}

const extractors = new Map<string, Promise<EntityExtractor>>();

/**
 * Loads the gazetteers and lemmatizers (≈ 4 s on a quiet machine, ≈ 450 MB) and returns a synchronous extractor. One
 * extractor per distinct options per process: later calls with the same options get the same one
 * (a custom `loadLemmatizer` always builds a new one).
 */
export function createEntityExtractor(options: EntityExtractorOptions = {}): Promise<EntityExtractor> {
  if (options.loadLemmatizer) return buildEntityExtractor(options);
  const key = JSON.stringify(options, Object.keys(options).sort());
  let extractor = extractors.get(key);
  if (!extractor) {
    extractor = buildEntityExtractor(options);
    extractors.set(key, extractor);
    extractor.catch(() => extractors.delete(key));
  }
  return extractor;
}

async function buildEntityExtractor(options: EntityExtractorOptions): Promise<EntityExtractor> {
  const started = performance.now();
  const dataDir = (options.dataDir ?? defaultDataDir()).replace(/\/?$/, '/');
  const minCityProminence = options.minCityProminence ?? 8;
  const commonWordCityProminence = options.commonWordCityProminence ?? 40;
  const loadLemmatizer =
    options.loadLemmatizer ??
    ((language: string) => {
      const dictionary = EXTRA_DICTIONARIES[language];
      return createLemmatizer(language, dictionary ? { dictionary } : {});
    });

  const lemmatizers = new Map<string, Lemmatizer>();
  for (const language of options.lemmatizerLanguages ?? DEFAULT_LEMMATIZER_LANGUAGES) {
    const lemmatizer = await loadLemmatizer(language);
    if (lemmatizer) lemmatizers.set(primaryLanguage(language), lemmatizer);
  }
  const dictionaries = [...lemmatizers.values()];

  /** Whether a word (any case) is an ordinary lower-case word in one of the given dictionaries. */
  const isCommonWord = (word: string, among: readonly Lemmatizer[]): boolean => {
    const lower = word.toLowerCase();
    return among.some((d) => d.known(lower));
  };

  const curated = loadCuratedAliases(`${dataDir}aliases.tsv`);
  const curatedIds = new Set(curated.map((n) => n.entity.id));
  // Territories curated as organisations (the EU, Q458) are not places.
  const countries = loadCountryNames(`${dataDir}loc_country_names.tsv`, new Set(['eu']));
  const displayNames = displayNameCountries(countries.byIso2, [...lemmatizers.keys(), 'fr', 'de', 'es', 'tr', 'ru', 'uk', 'be', 'ar', 'cs', 'nl', 'pt']);
  const geonames = loadGeonames({
    ...(options.geonamesLocaleDir ? { localeDir: options.geonamesLocaleDir } : {}),
    minProminence: 1,
  });

  const surfaceTrie = newNode();
  const stemTrie = newNode();
  /** Names brought to their lemma by the lemmatizer of their own language, searched only in that language. */
  const lemmaTries = new Map<string, TrieNode>();
  const entities = new Set<GazetteerEntity>();
  let nameCount = 0;
  const strongKeys = new Set<string>();
  // rigour's weak names include capitals and big cities as aliases of their country (`Paris` → France,
  // `Istanbul` → Türkiye, `London` → England): a weak name that is also a city or region name is dropped.
  const geonamesKeys = new Set(geonames.map((n) => n.text.toLowerCase()));
  // A few strong names are written in lower case (`russian`, `america`): they count as weak.
  const isWeak = (name: GazetteerName): boolean =>
    name.weak === true || (name.entity.source !== 'curated' && /^\p{Ll}/u.test(name.text));
  for (const name of [...curated, ...countries.names, ...displayNames]) {
    if (!isWeak(name)) strongKeys.add(name.text.toLowerCase());
  }

  const addName = (name: GazetteerName): void => {
    if (name.entity.source !== 'curated' && curatedIds.has(name.entity.id)) return;
    const tokens = tokenize(name.text);
    if (tokens.length === 0 || tokens.length > MAX_NAME_TOKENS) return;
    const keys = tokens.map((t) => wordKey(t.text));
    if (keys.some((k) => k === '')) return;
    const acronym = tokens.every((t) => t.case === 'upper' || t.case === 'none') && tokens.some((t) => t.case === 'upper');
    const single = tokens.length === 1;
    const firstKey = keys[0] ?? '';
    if (isWeak(name)) {
      // rigour's weak variants include adjectives and ordinary words (`Belarusian`, `Bene`): drop those.
      if (single && firstKey.length <= 3) return;
      if (name.entity.source === 'country' && geonamesKeys.has(name.text.toLowerCase())) return;
      // Arabic adjectives of nationality: `مصري` (Egyptian) is `مصر` (Egypt) + `ي`.
      if (/^\p{Script=Arabic}+ي$/u.test(name.text) && strongKeys.has(name.text.slice(0, -1))) return;
      const capitalised = name.text.charAt(0).toUpperCase() + name.text.slice(1);
      if (LATIN.test(name.text) && !strongKeys.has(name.text.toLowerCase()) && dictionaries.some((d) => d.known(name.text) || d.known(capitalised))) return;
    }
    if (!acronym && single && (firstKey.length < 3 || STOPWORDS.has(firstKey))) return;
    if (single && name.entity.source !== 'curated' && STOPWORDS.has(firstKey)) return;
    const ending: Ending = { entity: name.entity, acronym, ...(name.language ? { languages: new Set([name.language]) } : {}) };
    insert(surfaceTrie, keys, ending);
    nameCount++;
    entities.add(name.entity);
    if (acronym) return;
    // Only names in declining languages gain from their lemma (`Unia Europejska` → `unia europejski`).
    const lemmatizer = name.language && LEMMA_LANGUAGES.has(name.language) ? lemmatizers.get(name.language) : undefined;
    if (lemmatizer && name.language) {
      const lemmaKeys = tokens.map((t) => wordKey(lemmatizer.lemma(t.text)));
      if (lemmaKeys.join(' ') !== keys.join(' ') && lemmaKeys.every((k) => k !== '')) {
        let trie = lemmaTries.get(name.language);
        if (!trie) {
          trie = newNode();
          lemmaTries.set(name.language, trie);
        }
        insert(trie, lemmaKeys, ending);
      }
    }
    insert(stemTrie, keys.map(stemKey), ending);
  };
  for (const name of curated) addName(name);
  for (const name of countries.names) addName(name);
  for (const name of displayNames) addName(name);
  for (const name of geonames) if (name.entity.prominence >= minCityProminence) addName(name);

  const stats: ExtractorStats = {
    entities: entities.size,
    names: nameCount,
    lemmatizerLanguages: [...lemmatizers.keys()],
    loadMs: Math.round(performance.now() - started),
  };

  function extract(input: ExtractInput): EntityMention[] {
    const language = primaryLanguage(input.language);
    const dictionary = lemmatizers.get(language);
    const commonDictionaries = dictionary ? [dictionary] : dictionaries;
    const useStems = STEM_LANGUAGES.has(language);
    /** The key of a word of a person's name for the id: stemmed where names decline (`Cichanouskiej`). */
    const idKey = (key: string): string => (useStems ? stemKey(key) : key);
    // Lemmas only help where names decline; in English or Italian they add noise (`Russian` → `Russia`).
    const lemmatizer = LEMMA_LANGUAGES.has(language) ? dictionary : undefined;
    const lemmaTrie = lemmatizer ? lemmaTries.get(language) : undefined;
    // English (and German) capitalise ordinary words in names of things and in headlines.
    // Slavic languages and Italian do not: there a capitalised dictionary word inside a sentence is a name
    // (`Jan Kowalski`, `Paolo Rossi`); French capitalises institutions (`ministre de la Santé`).
    const softInside = STEM_LANGUAGES.has(language) || language === 'it' || language === 'tr';
    const combined = `${input.title}\n${input.text}`;
    const titleEnd = input.title.length;
    const tokens = tokenize(combined);
    const n = tokens.length;

    const surfaceKeys = tokens.map((t) => wordKey(t.text));
    const lemmaCache = new Map<number, string[]>();
    const lemmaKeysOf = (i: number): string[] => {
      let keys = lemmaCache.get(i);
      if (!keys) {
        const surface = surfaceKeys[i] ?? '';
        const token = tokens[i];
        const lemmas = lemmatizer && token ? lemmatizer.lemmas(token.text).map(wordKey) : [];
        keys = [...new Set([...lemmas, ...arabicVariants(surface)])].filter((k) => k !== surface && k !== '' && !ARABIC_STOPWORDS.has(k));
        lemmaCache.set(i, keys);
      }
      return keys;
    };
    const stemKeysOf = (i: number): string[] => {
      const keys = new Set([surfaceKeys[i] ?? '', ...lemmaKeysOf(i)].map(stemKey));
      return [...keys].filter((k) => k !== '');
    };
    const commonCache = new Map<number, boolean>();
    const isCommon = (i: number): boolean => {
      let common = commonCache.get(i);
      if (common === undefined) {
        const token = tokens[i];
        const key = surfaceKeys[i] ?? '';
        common = token !== undefined && (STOPWORDS.has(key) || isCommonWord(token.text, commonDictionaries));
        commonCache.set(i, common);
      }
      return common;
    };
    const joinable = (i: number): boolean => {
      const token = tokens[i];
      if (!token) return false;
      if (NAME_GAP.test(token.gapBefore)) return true;
      // An initial: `Joseph R. Biden`.
      const previous = tokens[i - 1];
      return INITIAL_GAP.test(token.gapBefore) && previous !== undefined && previous.text.length === 1 && previous.case === 'upper';
    };
    /** Whether a known place, organisation or person starts at token i. */
    const startsKnownName = (i: number): boolean =>
      candidatesAt(i).some(
        (c) => !c.viaStem && (c.ending.entity.source === 'curated' || c.ending.entity.source === 'country' || c.ending.entity.prominence >= commonWordCityProminence),
      );

    /** All gazetteer names that start at token i, longest first. */
    const candidatesAt = (start: number): Candidate[] => {
      const found: Candidate[] = [];
      const walk = (node: TrieNode, i: number, viaStem: boolean, keysOf: (i: number) => string[]): void => {
        if (i >= n || i - start >= MAX_NAME_TOKENS) return;
        if (i > start && !joinable(i)) return;
        for (const key of keysOf(i)) {
          const child = node.next.get(key);
          if (!child) continue;
          for (const ending of child.endings ?? []) found.push({ end: i + 1, ending, viaStem });
          walk(child, i + 1, viaStem, keysOf);
        }
      };
      const keysOf = (i: number): string[] => [surfaceKeys[i] ?? '', ...lemmaKeysOf(i)];
      walk(surfaceTrie, start, false, keysOf);
      if (lemmaTrie) walk(lemmaTrie, start, false, keysOf);
      if (useStems) walk(stemTrie, start, true, stemKeysOf);
      const foreign = (c: Candidate): number => {
        const l = c.ending.languages;
        return l === undefined || l.has(language) || l.has('en') ? 0 : 1;
      };
      return found.sort(
        (a, b) =>
          b.end - a.end ||
          Number(a.viaStem) - Number(b.viaStem) ||
          (a.ending.entity.source === 'city' && b.ending.entity.source === 'city'
            ? b.ending.entity.prominence / (1 + foreign(b)) - a.ending.entity.prominence / (1 + foreign(a))
            : 0) ||
          priority(a.ending.entity) - priority(b.ending.entity) ||
          b.ending.entity.prominence - a.ending.entity.prominence,
      );
    };

    /** A word that can be part of a person's name: capitalised, not a common word, a title or a stop word. */
    const nameLike = (i: number): boolean => {
      const token = tokens[i];
      const key = surfaceKeys[i] ?? '';
      if (!token || !isCapitalised(token) || token.case === 'upper' || /\d/.test(token.text)) return false;
      if (key.length < 2 || STOPWORDS.has(key) || isTitleWord(key) || COMPASS_WORDS.has(key)) return false;
      return !isCommon(i);
    };

    // A dictionary word written with a capital inside a sentence may be part of a name: a first name
    // (`Mike`) anywhere, and in languages that do not capitalise ordinary words in titles, a surname too
    // (`Kowalski`, which Polish also has as an adjective). A run needs one word no dictionary knows.
    const soft = (k: number): boolean => {
      const t = tokens[k];
      const key = surfaceKeys[k] ?? '';
      return t !== undefined && t.case === 'title' && !t.sentenceStart && !STOPWORDS.has(key) && !isTitleWord(key) && !/\d/.test(t.text);
    };
    const nameWord = (k: number): boolean => nameLike(k) || (softInside && soft(k));

    /**
     * Whether token k, next to a place name (`joinAt` is the later of the two tokens), makes it part of a
     * longer name: a capitalised word in the same sentence, directly adjacent, that is no stop word and
     * starts no known name. In a title (headline capitals) only a designator counts (`Cup`, `Times`).
     */
    const partOfLongerName = (k: number, joinAt: number): boolean => {
      const t = tokens[k];
      if (!t || k < 0 || k >= n || !joinable(joinAt) || tokens[joinAt]?.sentenceStart) return false;
      if (!isCapitalised(t) || t.case === 'upper') return false;
      // A capitalised word that opens the sentence before a place is mostly an ordinary word (`Στην Αθήνα`).
      if (k < joinAt && t.sentenceStart) return false;
      const key = surfaceKeys[k] ?? '';
      if (COMPASS_WORDS.has(key)) return k === joinAt;
      if (STOPWORDS.has(key) || isTitleWord(key)) return false;
      if (isDesignator(key)) return true;
      if (t.start < titleEnd) return false;
      return !startsKnownName(k);
    };

    /** Whether token k, joined to the one before it, is a designator (`Türkiye Gazetesi`, `Davis Cup`). */
    const designatorAt = (k: number): boolean =>
      k < n && joinable(k) && !tokens[k]?.sentenceStart && isCapitalised(tokens[k] ?? { text: '', case: 'none' }) && isDesignator(surfaceKeys[k] ?? '');

    /** Whether a known place (country, or a well-known city or region) starts at token k. */
    const startsKnownPlace = (k: number): boolean =>
      candidatesAt(k).some(
        (c) => !c.viaStem && c.ending.entity.kind === 'place' && (c.ending.entity.prominence >= commonWordCityProminence),
      );

    const valid = (start: number, candidate: Candidate): boolean => {
      const { ending, end } = candidate;
      const first = tokens[start];
      if (!first) return false;
      if (ending.acronym) {
        for (let i = start; i < end; i++) {
          const c = tokens[i]?.case;
          if (c !== 'upper' && c !== 'none') return false;
        }
        return true;
      }
      if (!isCapitalised(first) && first.case !== 'none') return false;
      // `IPO` is not Ipoh: a short word in capitals matches only names written in capitals.
      if (first.case === 'upper' && end - start === 1 && first.text.length <= 3) return false;
      const entity = ending.entity;
      const single = end - start === 1;
      if (entity.kind === 'place' && !ending.acronym) {
        // Part of a longer name: `Athletic Bilbao`, `Davis Cup`, `Los Angeles Times`, `Inner Mongolia`,
        // `Avrupa Güreş Şampiyonası`. Countries keep the word after them (`Nigeria Police` still names Nigeria).
        if (partOfLongerName(start - 1, start)) return false;
        if (entity.subtype !== 'country' ? partOfLongerName(end, end) : designatorAt(end)) return false;
      }
      if (entity.source === 'curated') return true;
      // A function word or a month is never a place, whatever some locale calls a town (`Nisan`, April).
      if (single && STOPWORDS.has(surfaceKeys[start] ?? '')) return false;
      if (entity.source === 'city' || entity.source === 'region') {
        // A city that is also a common word, or written in a script without capitals (no evidence
        // that the word is a name), must be well known; a common word must not open a sentence either.
        if (single && isCommon(start) && (first.sentenceStart || entity.prominence < commonWordCityProminence)) return false;
        if (first.case === 'none') {
          if (entity.prominence < commonWordCityProminence) return false;
          // Without capitals, only names in the article's own language count (Arabic `كان`, "was", is Cannes in some locale).
          if (ending.languages !== undefined && !ending.languages.has(language)) return false;
        }
      }
      // A place right next to a name-like word is part of a person's name (`Sofia Sapega`, `Paris Hilton`).
      // (A country is followed by ordinary capitalised words more often than it starts a name: `Türkiye Güreş Federasyonu`.)
      const nameFollows = entity.subtype === 'country' ? nameLike(end) : nameWord(end);
      if (single && end < n && joinable(end) && nameFollows && !startsKnownName(end)) return false;
      if (single && start > 0 && joinable(start) && nameLike(start - 1) && !(tokens[start - 1]?.sentenceStart ?? true)) {
        if (!startsKnownName(start - 1)) return false;
      }
      return true;
    };

    const matches: Match[] = [];
    const consumed = new Uint8Array(n);
    for (let i = 0; i < n; ) {
      const token = tokens[i];
      if (!token || (!isCapitalised(token) && token.case !== 'none')) {
        i++;
        continue;
      }
      const chosen = ARABIC_STOPWORDS.has(surfaceKeys[i] ?? '') ? undefined : candidatesAt(i).find((c) => valid(i, c));
      if (!chosen) {
        i++;
        continue;
      }
      matches.push({ entity: chosen.ending.entity, start: i, end: chosen.end });
      consumed.fill(1, i, chosen.end);
      i = chosen.end;
    }

    // Arabic people and organisations, found by titles, bylines, given names and head words (no capitals).
    const placeStarts = new Set(matches.filter((m) => m.entity.kind === 'place').map((m) => m.start));
    for (const name of findArabicNames(tokens, surfaceKeys, consumed, (k) => placeStarts.has(k))) {
      const text = combined.slice(tokens[name.start]?.start ?? 0, tokens[name.end - 1]?.end ?? 0);
      let entity: Match['entity'] | undefined;
      if (name.quoted) {
        // A quoted media name the curated table knows (`روسيا اليوم` is RT, not Russia).
        entity = candidatesAt(name.start).find((c) => c.end === name.end && c.ending.entity.kind === 'organisation')?.ending.entity;
        for (let m = matches.length - 1; m >= 0; m--) {
          const match = matches[m];
          if (match && match.start >= name.start && match.end <= name.end) matches.splice(m, 1);
        }
      }
      entity ??=
        name.kind === 'person'
          ? { id: personIdFromKeys(name.keys), kind: 'person', name: text }
          : { id: `org:${slug(name.keys.join(' '))}`, kind: 'organisation', name: text };
      matches.push({ entity, start: name.start, end: name.end });
      for (let k = name.start; k < name.end; k++) consumed[k] = 1;
    }

    // Organisations the gazetteers do not know, found by their head word: head last (`Türkiye Güreş
    // Federasyonu`, `Brussels Airlines`, `National Association of Realtors`) or first (`Ministère de
    // l'Intérieur`). A leading place stays a place mention too.
    const capitalisedAt = (k: number): boolean => {
      const t = tokens[k];
      return t !== undefined && isCapitalised(t) && !STOPWORDS.has(surfaceKeys[k] ?? '');
    };
    /** How many connector words start at k and lead to a capitalised word (`of`, `de l'`), or 0. */
    /** Where a one-word place match starting at k ends (`Academy of Vietnam`): the name may run over it. */
    const placeEndAt = new Map<number, number>();
    for (const m of matches) if (m.entity.kind === 'place' && m.end - m.start === 1) placeEndAt.set(m.start, m.end);
    const connectorsAt = (k: number): number => {
      let j = k;
      while (j < n && j - k < 2 && NAME_CONNECTORS.has(surfaceKeys[j] ?? '') && tokens[j]?.case === 'lower' && joinable(j)) j++;
      const genitive = GENITIVE_CONNECTORS.has(surfaceKeys[j - 1] ?? '');
      return j > k && j < n && joinable(j) && ((!consumed[j] && capitalisedAt(j)) || (genitive && placeEndAt.has(j))) ? j - k : 0;
    };
    const headFirst = !HEAD_LAST_LANGUAGES.has(language);
    for (let d = 0; d < n; d++) {
      // French, Italian and Spanish write a ministry in lower case: `ministère de l'Intérieur`.
      const lowerHead = LOWER_CASE_HEADS.has(surfaceKeys[d] ?? '') && tokens[d]?.case === 'lower' && connectorsAt(d + 1) > 0;
      if (consumed[d] || !(capitalisedAt(d) || lowerHead) || !isOrganisationDesignator(surfaceKeys[d] ?? '')) continue;
      let start = d;
      const nameWordBefore = (k: number): boolean =>
        k >= 0 && !consumed[k] && capitalisedAt(k) && (!isTitleWord(surfaceKeys[k] ?? '') || ORGANISATION_QUALIFIERS.has(surfaceKeys[k] ?? ''));
      while (start > 0 && d - start < 5 && joinable(start) && !tokens[start]?.sentenceStart) {
        if (nameWordBefore(start - 1)) start--;
        // `Securities and Exchange Commission`, `Ticaret ve Sanayi Odası`
        else if (NAME_CONNECTORS.has(surfaceKeys[start - 1] ?? '') && tokens[start - 1]?.case === 'lower' && joinable(start - 1) && nameWordBefore(start - 2)) start -= 2;
        else break;
      }
      const placeBefore = matches.some((m) => m.end === start && m.end - m.start === 1 && m.entity.kind === 'place');
      if (start > 0 && placeBefore && joinable(start) && !tokens[start]?.sentenceStart) start--;
      // After the head word: `of …` in any language; capitalised words only where the head comes first
      // (`Ministerstwo Spraw Wewnętrznych`); in English or Turkish they are the next name (`Police Chief Ed Alvarez`).
      let end = d + 1;
      // Head words in a row (`Emniyet Müdürlüğü`, `Basın Merkezi`) belong to one name.
      while (!headFirst && end < n && end - start < 8 && joinable(end) && !consumed[end] && capitalisedAt(end) && isOrganisationDesignator(surfaceKeys[end] ?? '')) end++;
      let afterConnector = false;
      while (end < n && end - start < 8) {
        const connectors = connectorsAt(end);
        const next = !consumed[end] && joinable(end) && capitalisedAt(end) && !tokens[end]?.sentenceStart && !isTitleWord(surfaceKeys[end] ?? '');
        if (headFirst && next) end++;
        else if (connectors > 0) {
          end += connectors;
          end = placeEndAt.get(end) ?? end + 1;
          afterConnector = true;
        }
        // `Department of Social Services`: after `of …` a further head word still belongs to the name.
        else if (afterConnector && next && isDesignator(surfaceKeys[end] ?? '')) end++;
        else break;
      }
      if (end - start < 2) continue;
      const keys: string[] = [];
      for (let k = start; k < end; k++) keys.push(organisationWordKey(surfaceKeys[k] ?? ''));
      const name = combined.slice(tokens[start]?.start ?? 0, tokens[end - 1]?.end ?? 0);
      matches.push({ entity: { id: `org:${slug(keys.join(' '))}`, kind: 'organisation', name }, start, end });
      for (let k = start; k < end; k++) if (!consumed[k]) consumed[k] = 1;
      d = end - 1;
    }

    // A city and a plural nickname is a sports team (`Cleveland Browns`, `Los Angeles Chargers`).
    if (language === 'en') {
      for (let j = 1; j < n; j++) {
        const nickname = tokens[j];
        const key = surfaceKeys[j] ?? '';
        if (!nickname || consumed[j] || nickname.case !== 'title' || !/[^su]s$/.test(nickname.text) || !joinable(j)) continue;
        if (EVENT_PLURALS.has(key) || isDesignator(key) || STOPWORDS.has(key)) continue;
        for (let k = j - 1; k >= 0 && k >= j - 3 && !consumed[k]; k--) {
          const city = candidatesAt(k).find((c) => c.end === j && !c.viaStem && c.ending.entity.kind === 'place' && c.ending.entity.prominence >= commonWordCityProminence);
          if (!city) continue;
          const name = combined.slice(tokens[k]?.start ?? 0, nickname.end);
          matches.push({ entity: { id: `org:${slug(surfaceKeys.slice(k, j + 1).join(' '))}`, kind: 'organisation', name }, start: k, end: j + 1 });
          consumed.fill(1, k, j + 1);
          break;
        }
      }
    }

    // Acronyms the gazetteers lack (`RATP`, `TÜÇEDEF`, `WTA`) are organisations when the text says so: in
    // brackets after a name, twice or more, or after an article (`la RATP`, `the WTA`).
    const acronymAt = (k: number): boolean => {
      const t = tokens[k];
      const key = surfaceKeys[k] ?? '';
      return t !== undefined && t.case === 'upper' && ACRONYM.test(t.text) && !consumed[k] && !NON_ORGANISATION_ACRONYMS.has(key) && !ROMAN_NUMERAL.test(t.text);
    };
    const shouting = (k: number): boolean => (tokens[k]?.case === 'upper' && (tokens[k]?.text.length ?? 0) > 3 && joinable(k)) || false;
    const acronymCounts = new Map<string, number>();
    for (let k = 0; k < n; k++) if (tokens[k]?.case === 'upper') acronymCounts.set(surfaceKeys[k] ?? '', (acronymCounts.get(surfaceKeys[k] ?? '') ?? 0) + 1);
    const acronyms = new Map<string, Match['entity']>();
    for (let k = 0; k < n; k++) {
      if (!acronymAt(k)) continue;
      const key = surfaceKeys[k] ?? '';
      const t = tokens[k];
      if (!t || (shouting(k) && (k + 1 >= n || shouting(k + 1)))) continue;
      const bracketed = /\(\s*$/.test(t.gapBefore) && /^\s*\)/.test(tokens[k + 1]?.gapBefore ?? ')');
      const afterArticle = k > 0 && tokens[k - 1]?.case === 'lower' && ACRONYM_ARTICLES.has(surfaceKeys[k - 1] ?? '') && joinable(k);
      let entity = acronyms.get(key);
      if (!entity && !(bracketed || (afterArticle && (acronymCounts.get(key) ?? 0) >= 2))) continue;
      if (!entity && isCommonWord(t.text, dictionaries)) continue;
      // `Kırşehir Ticaret ve Sanayi Odası'nda (TSO)`: an acronym in brackets after an organisation's full
      // name (a case suffix may come between) is that organisation, named by its full name.
      const suffix = k >= 2 && tokens[k - 1]?.case === 'lower' && /^['’]$/.test(tokens[k - 1]?.gapBefore ?? '') ? 1 : 0;
      const named = bracketed ? matches.find((m) => m.end === k - suffix && m.entity.kind === 'organisation') : undefined;
      const previous = tokens[k - 1 - suffix];
      if (bracketed && !named && !(previous && isCapitalised(previous))) continue;
      if (named) entity = named.entity;
      entity ??= { id: `org:${slug(key)}`, kind: 'organisation', name: t.text };
      acronyms.set(key, entity);
      matches.push({ entity, start: k, end: k + 1 });
      consumed[k] = 1;
    }
    // An acronym seen once with its cue is the same organisation everywhere in the article.
    if (acronyms.size > 0) {
      for (let k = 0; k < n; k++) {
        const entity = acronyms.get(surfaceKeys[k] ?? '');
        if (entity && !consumed[k] && tokens[k]?.case === 'upper') {
          matches.push({ entity, start: k, end: k + 1 });
          consumed[k] = 1;
        }
      }
    }

    // Turkish sports clubs are one word ending in `spor` (`Alanyaspor`, `Trabzonspor`).
    for (let k = 0; k < n; k++) {
      const key = surfaceKeys[k] ?? '';
      const t = tokens[k];
      if (consumed[k] || !t || t.case !== 'title' || key.length < 7 || !key.endsWith('spor') || isCommon(k)) continue;
      matches.push({ entity: { id: `org:${slug(key)}`, kind: 'organisation', name: t.text }, start: k, end: k + 1 });
      consumed[k] = 1;
    }

    // People the gazetteers do not know: runs of two to four name-like words.
    const surnames = new Map<string, Match['entity']>();
    const people: { key: string; entity: Match['entity'] }[] = [];
    for (let i = 0; i < n; i++) {
      if (consumed[i]) continue;
      const token = tokens[i];
      if (!token) continue;
      // `ministre de la Santé Maggie De Block`: a capitalised common word after an article is no first name.
      if (!nameLike(i) && (!soft(i) || ARTICLES.has(surfaceKeys[i - 1] ?? ''))) continue;
      const parts = [i];
      let j = i + 1;
      while (j < n && parts.length < 4 && !consumed[j] && joinable(j)) {
        if (nameWord(j)) {
          parts.push(j);
          j++;
        } else if (NAME_PARTICLES.has(surfaceKeys[j] ?? '') && j + 1 < n && !consumed[j + 1] && joinable(j + 1) && nameLike(j + 1)) {
          parts.push(j, j + 1);
          j += 2;
        } else break;
      }
      // Turkish names are often words too (`Yüksel Yiğit`, `Elif Yanık`); two such words are a name after a
      // title (`Tuğgeneral Yüksel Yiğit`) or before a bracket (`Elif Yanık (59 kilo)`). Without a cue they are
      // mostly an institution's or an event's name (`İstihbarat Dairesi`, `Kadınlar Günü`).
      const lastPart = parts.at(-1) ?? i;
      const turkishCue = isTitleWord(surfaceKeys[i - 1] ?? '') && joinable(i) || /^\s*\(/.test(tokens[lastPart + 1]?.gapBefore ?? '');
      const turkishName = language === 'tr' && parts.length === 2 && token.start >= titleEnd && turkishCue && parts.every((p) => soft(p));
      if (!parts.some((p) => nameLike(p)) && !turkishName) continue;
      // A hyphenated first name whose first part is a word (`Jean-Luc Mélenchon`).
      const before = tokens[i - 1];
      if (before && /^[-‐]$/.test(token.gapBefore) && before.case === 'title' && !consumed[i - 1] && !STOPWORDS.has(surfaceKeys[i - 1] ?? '')) parts.unshift(i - 1);
      // `Türkiye Güreş Federasyonu`, `Brussels Airlines`, `Vadi Hilve Enformasyon Merkezi`: an organisation or
      // a place, not a person; so is a run that is a known place name (`San Francisco`) or ends in one
      // (`Real Madrid`, `Inner Mongolia`). A first name may be a place (`Sofia Sapega`).
      const last = parts.at(-1) ?? i;
      const designatorAfter = designatorAt(last + 1) || (designatorAt(last + 2) && joinable(last + 1) && isCapitalised(tokens[last + 1] ?? { text: '', case: 'none' }));
      if (
        parts.some((p) => isDesignator(surfaceKeys[p] ?? '')) ||
        designatorAfter ||
        parts.slice(1).some((p) => startsKnownPlace(p)) ||
        candidatesAt(parts[0] ?? i).some((c) => c.end === last + 1)
      ) {
        consumed.fill(1, i, (parts.at(-1) ?? i) + 1);
        i = parts.at(-1) ?? i;
        continue;
      }
      // Without a dictionary, a capitalised first word of a sentence may be any word (`Блогер Сергей …`).
      if (!dictionary && parts.length >= 3 && token.sentenceStart) parts.shift();
      // Two capitalised words at least (particles do not count); after a soft first word, one name-like word.
      const named = parts.filter((p) => tokens[p]?.case === 'title' || tokens[p]?.case === 'mixed');
      if (named.length < 2) continue;
      const start = parts[0] ?? i;
      const end = (parts.at(-1) ?? i) + 1;
      const keys = parts.filter((p) => surfaceKeys[p] !== '').map((p) => stemKey(surfaceKeys[p] ?? ''));
      const joinedKey = keys.join(' ');
      // A double surname alone (`Murray-Bruce`) is the person named in full before (`Ben Murray-Bruce`);
      // hyphen-joined words seen alone otherwise are no person (`Browns-Steelers`, `Albert-Poncet`).
      const hyphenOnly = parts.slice(1).every((p) => /^[-‐]$/.test(tokens[p]?.gapBefore ?? ''));
      const earlier = people.find((p) => p.key.endsWith(` ${joinedKey}`) || p.key === joinedKey);
      if (hyphenOnly && !earlier) {
        i = end - 1;
        continue;
      }
      const entity = earlier?.entity ?? {
        id: personIdFromKeys(parts.filter((p) => surfaceKeys[p] !== '').map((p) => idKey(surfaceKeys[p] ?? ''))),
        kind: 'person' as EntityKind,
        name: combined.slice(tokens[start]?.start ?? token.start, tokens[end - 1]?.end ?? token.end),
      };
      if (!earlier) people.push({ key: joinedKey, entity });
      matches.push({ entity, start, end });
      consumed.fill(1, start, end);
      const surname = keys.at(-1);
      if (surname && surname.length >= 4 && !earlier) surnames.set(surname, entity);
      i = end - 1;
    }
    // A title and one name (`le docteur Perrichon`, `Dr. Milbank`, `Senator Melaye`): a person known by
    // the surname, or the one named in full before.
    for (let k = 1; k < n; k++) {
      const key = surfaceKeys[k - 1] ?? '';
      const afterHonorific = HONORIFICS.has(key) && /^\.?\s$/.test(tokens[k]?.gapBefore ?? '');
      if (consumed[k] || !(isTitleWord(key) || afterHonorific) || COUNTING_WORDS.has(key) || !nameLike(k)) continue;
      if (!afterHonorific && (!joinable(k) || tokens[k]?.sentenceStart)) continue;
      if (k + 1 < n && joinable(k + 1) && (nameWord(k + 1) || isCapitalised(tokens[k + 1] ?? { text: '', case: 'none' }))) continue;
      if (startsKnownName(k)) continue;
      const surname = stemKey(surfaceKeys[k] ?? '');
      const entity = surnames.get(surname) ?? { id: personIdFromKeys([idKey(surfaceKeys[k] ?? '')]), kind: 'person' as EntityKind, name: tokens[k]?.text ?? '' };
      matches.push({ entity, start: k, end: k + 1 });
      consumed[k] = 1;
      if (surname.length >= 4 && !surnames.has(surname)) surnames.set(surname, entity);
    }
    // A surname the gazetteers took for a small place (`Lynn said`, after `Anthony Lynn`) is the person.
    for (const match of matches) {
      if (match.end - match.start !== 1 || match.entity.kind !== 'place') continue;
      const entity = surnames.get(stemKey(surfaceKeys[match.start] ?? ''));
      const place = match.entity as GazetteerEntity;
      if (entity && place.prominence !== undefined && place.prominence < FULL_PROMINENCE) match.entity = entity;
    }
    // A surname alone, after the full name was seen somewhere in the article.
    if (surnames.size > 0) {
      for (let i = 0; i < n; i++) {
        const token = tokens[i];
        if (consumed[i] || !token || !isCapitalised(token)) continue;
        const entity = surnames.get(stemKey(surfaceKeys[i] ?? ''));
        if (entity && !(token.sentenceStart && isCommon(i))) {
          matches.push({ entity, start: i, end: i + 1 });
          consumed[i] = 1;
        }
      }
    }

    const byId = new Map<string, EntityMention & { first: number; forms: Map<string, number> }>();
    for (const match of matches.sort((a, b) => a.start - b.start)) {
      const first = tokens[match.start];
      const last = tokens[match.end - 1];
      if (!first || !last) continue;
      const surface = combined.slice(first.start, last.end);
      let mention = byId.get(match.entity.id);
      if (!mention) {
        mention = {
          id: match.entity.id,
          kind: match.entity.kind,
          ...(match.entity.subtype ? { subtype: match.entity.subtype } : {}),
          name: match.entity.name,
          count: 0,
          inTitle: false,
          surfaceForms: [],
          first: match.start,
          forms: new Map(),
        };
        byId.set(match.entity.id, mention);
      }
      mention.count++;
      if (first.start < titleEnd) mention.inTitle = true;
      mention.forms.set(surface, (mention.forms.get(surface) ?? 0) + 1);
    }
    return [...byId.values()]
      .sort((a, b) => b.count - a.count || Number(b.inTitle) - Number(a.inTitle) || a.first - b.first)
      .map(({ first: _first, forms, ...mention }) => {
        const surfaceForms = [...forms.keys()];
        // People found by the heuristic are named by their most frequent full form.
        if (mention.id.startsWith('person:') && !curatedIds.has(mention.id)) {
          const best = [...forms.entries()].filter(([f]) => /\s/.test(f)).sort((a, b) => b[1] - a[1])[0];
          if (best) mention.name = best[0];
        }
        return { ...mention, surfaceForms };
      });
  }

  return { extract, stats };
}

