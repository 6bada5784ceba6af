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
  type EntitySource,
  type GazetteerEntity,
  type GazetteerName,
} from './gazetteer.ts';
import { slug, stemKey, wordKey } from './normalize.ts';
import { NAME_PARTICLES, STOPWORDS, TITLE_WORDS } from './words.ts';

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
/** How many tokens a name may span. */
const MAX_NAME_TOKENS = 8;
/** Between two tokens of one name: spaces, a hyphen, an apostrophe or an initial's full stop. */
const NAME_GAP = /^[ \u00a0'’\-‐]{1,3}$/;
const INITIAL_GAP = /^\.[ \u00a0]?$/;
const LATIN = /^[\p{Script=Latin}\p{P}\p{Zs}\d]+$/u;
const PRIORITY: Record<EntitySource, number> = { curated: 0, country: 1, city: 2, region: 3 };

interface Ending {
  entity: GazetteerEntity;
  /** Written in capitals (`NATO`, `ОДКБ`): matches only words in capitals. */
  acronym: boolean;
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
  if (!endings.some((e) => e.entity === ending.entity && e.acronym === ending.acronym)) endings.push(ending);
}

function primaryLanguage(language: string): string {
  return language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

function defaultDataDir(): string {
  return fileURLToPath(new URL('../data/', import.meta.url));
}

const extractors = new Map<string, Promise<EntityExtractor>>();

/**
 * Loads the gazetteers and lemmatizers (≈ 2–5 s, ≈ 300 MB) and returns a synchronous extractor. One
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
  const loadLemmatizer = options.loadLemmatizer ?? ((language: string) => createLemmatizer(language));

  const lemmatizers = new Map<string, Lemmatizer>();
  for (const language of options.lemmatizerLanguages ?? ['pl', 'it', 'en']) {
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
    minProminence: minCityProminence,
  });

  const surfaceTrie = newNode();
  const stemTrie = newNode();
  /** Names brought to their lemma by the lemmatizer of their own language, searched only in that language. */
  const lemmaTries = new Map<string, TrieNode>();
  const entities = new Set<GazetteerEntity>();
  let nameCount = 0;
  const strongKeys = new Set<string>();
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
      const capitalised = name.text.charAt(0).toUpperCase() + name.text.slice(1);
      if (LATIN.test(name.text) && !strongKeys.has(name.text.toLowerCase()) && dictionaries.some((d) => d.known(name.text) || d.known(capitalised))) return;
    }
    if (!acronym && single && (firstKey.length < 3 || STOPWORDS.has(firstKey))) return;
    if (single && name.entity.source !== 'curated' && STOPWORDS.has(firstKey)) return;
    const ending: Ending = { entity: name.entity, acronym };
    insert(surfaceTrie, keys, ending);
    nameCount++;
    entities.add(name.entity);
    if (acronym) return;
    // Only names in declining languages gain from their lemma (`Unia Europejska` → `unia europejski`).
    const lemmatizer = name.language && STEM_LANGUAGES.has(name.language) ? lemmatizers.get(name.language) : undefined;
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
  for (const name of geonames) addName(name);

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
    // Lemmas only help where names decline; in English or Italian they add noise (`Russian` → `Russia`).
    const lemmatizer = useStems ? dictionary : undefined;
    const lemmaTrie = lemmatizer ? lemmaTries.get(language) : undefined;
    // English (and German) capitalise ordinary words in names of things and in headlines.
    const softInside = language !== 'en' && language !== 'de';
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
        keys = lemmatizer && token ? [...new Set(lemmatizer.lemmas(token.text).map(wordKey))].filter((k) => k !== surface && k !== '') : [];
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
      return found.sort(
        (a, b) =>
          b.end - a.end ||
          Number(a.viaStem) - Number(b.viaStem) ||
          PRIORITY[a.ending.entity.source] - PRIORITY[b.ending.entity.source] ||
          b.ending.entity.prominence - a.ending.entity.prominence,
      );
    };

    /** A word that can be part of a person's name: capitalised, not a common word, a title or a stop word. */
    const nameLike = (i: number): boolean => {
      const token = tokens[i];
      const key = surfaceKeys[i] ?? '';
      if (!token || !isCapitalised(token) || token.case === 'upper' || /\d/.test(token.text)) return false;
      if (key.length < 2 || STOPWORDS.has(key) || TITLE_WORDS.has(key)) return false;
      return !isCommon(i);
    };

    // A dictionary word written with a capital inside a sentence may be part of a name: a first name
    // (`Mike`) anywhere, and in languages that do not capitalise ordinary words in titles, a surname too
    // (`Kowalski`, which Polish also has as an adjective). A run needs one word no dictionary knows.
    const soft = (k: number): boolean => {
      const t = tokens[k];
      const key = surfaceKeys[k] ?? '';
      return t !== undefined && t.case === 'title' && !t.sentenceStart && !STOPWORDS.has(key) && !TITLE_WORDS.has(key) && !/\d/.test(t.text);
    };
    const nameWord = (k: number): boolean => nameLike(k) || (softInside && soft(k));

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
      const entity = ending.entity;
      if (entity.source === 'curated') return true;
      const single = end - start === 1;
      if (entity.source === 'city' || entity.source === 'region') {
        const common = single && isCommon(start);
        if (common || first.text.length <= 3) {
          if (first.sentenceStart || entity.prominence < commonWordCityProminence) return false;
        }
      }
      // A place right next to a name-like word is part of a person's name (`Sofia Sapega`, `Paris Hilton`).
      if (single && end < n && joinable(end) && nameWord(end) && !startsKnownName(end)) return false;
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
      const chosen = candidatesAt(i).find((c) => valid(i, c));
      if (!chosen) {
        i++;
        continue;
      }
      matches.push({ entity: chosen.ending.entity, start: i, end: chosen.end });
      consumed.fill(1, i, chosen.end);
      i = chosen.end;
    }

    // People the gazetteers do not know: runs of two to four name-like words.
    const surnames = new Map<string, Match['entity']>();
    for (let i = 0; i < n; i++) {
      if (consumed[i]) continue;
      const token = tokens[i];
      if (!token) continue;
      if (!nameLike(i) && !soft(i)) continue;
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
      if (!parts.some((p) => nameLike(p))) continue;
      // Without a dictionary, a capitalised first word of a sentence may be any word (`Блогер Сергей …`).
      if (!dictionary && parts.length >= 3 && token.sentenceStart) parts.shift();
      // Two capitalised words at least (particles do not count); after a soft first word, one name-like word.
      const named = parts.filter((p) => tokens[p]?.case === 'title' || tokens[p]?.case === 'mixed');
      if (named.length < 2) continue;
      const start = parts[0] ?? i;
      const end = (parts.at(-1) ?? i) + 1;
      const keys = parts.map((p) => stemKey(surfaceKeys[p] ?? ''));
      const id = `person:${slug(keys.join(' '))}`;
      const name = combined.slice(tokens[start]?.start ?? token.start, tokens[end - 1]?.end ?? token.end);
      const entity = { id, kind: 'person' as EntityKind, name };
      matches.push({ entity, start, end });
      consumed.fill(1, start, end);
      const surname = keys.at(-1);
      if (surname && surname.length >= 4) surnames.set(surname, entity);
      i = end - 1;
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

