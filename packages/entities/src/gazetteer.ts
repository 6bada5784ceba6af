/**
 * The name lists the extractor matches against, read from data files:
 * - `data/aliases.tsv` — curated people, organisations and a few places, each row with its source;
 * - `data/loc_country_names.tsv` — countries and territories with Wikidata ids (MIT, see data/README.md);
 * - Debian `libgeonames-common` — ≈ 24,000 cities (names in up to 190 locales) and first-level regions,
 *   read at run time from `/usr/share/locale/<locale>/LC_MESSAGES/geonames.mo`.
 * Plus `Intl.DisplayNames` for country names in the languages we lemmatise.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { EntityKind } from '@newsflow/contracts/documents';
import { parseMo } from './mo.ts';

/** Where an entity comes from; decides which wins when two share a name (curated first). */
export type EntitySource = 'curated' | 'country' | 'city' | 'region';

export interface GazetteerEntity {
  id: string;
  kind: EntityKind;
  subtype?: string;
  /** English display name. */
  name: string;
  source: EntitySource;
  /**
   * How well known it is. Cities and regions: the number of geonames locales that name it (Moscow 81,
   * Baza 9). Curated entities and countries: 1000.
   */
  prominence: number;
}

export interface GazetteerName {
  entity: GazetteerEntity;
  /** The name as the source writes it. */
  text: string;
  /** ISO 639-1 code of the name's language when known; used to lemmatise it. */
  language?: string;
  /** A weak variant (rigour `weak`: exonyms, old spellings, misspellings); dropped when it is a dictionary word. */
  weak?: boolean;
}

export const FULL_PROMINENCE = 1000;

/** Default location of the Debian package's catalogues. */
export const GEONAMES_LOCALE_DIR = '/usr/share/locale';

export class GazetteerMissingError extends Error {
  constructor(
    message: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

function readTsv(path: string): string[][] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new GazetteerMissingError(`cannot read gazetteer file ${path}`, path, { cause });
  }
  return content
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

/**
 * Curated aliases: `id  kind  subtype  name  aliases  source`, aliases `|`-separated, each optionally
 * prefixed with its language (`pl:Łukaszenka`).
 */
export function loadCuratedAliases(path: string): GazetteerName[] {
  const rows = readTsv(path);
  const header = rows.shift();
  if (header?.join('\t') !== 'id\tkind\tsubtype\tname\taliases\tsource') {
    throw new Error(`${path}: unexpected header ${header?.join('\t')}`);
  }
  const names: GazetteerName[] = [];
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const [id, kind, subtype, name, aliases, source] = row;
    if (!id || !name || !aliases || !source || (kind !== 'person' && kind !== 'organisation' && kind !== 'place')) {
      throw new Error(`${path}: row ${index + 2} is incomplete or has an unknown kind`);
    }
    if (seen.has(id)) throw new Error(`${path}: duplicate id ${id}`);
    seen.add(id);
    const entity: GazetteerEntity = {
      id,
      kind,
      ...(subtype ? { subtype } : {}),
      name,
      source: 'curated',
      prominence: FULL_PROMINENCE,
    };
    names.push({ entity, text: name, language: 'en' });
    for (const alias of aliases.split('|')) {
      const match = /^([a-z]{2}):(.+)$/.exec(alias.trim());
      const text = (match ? match[2] : alias)?.trim();
      if (!text) continue;
      names.push({ entity, text, ...(match?.[1] ? { language: match[1] } : {}) });
    }
  }
  return names;
}

export interface CountryTable {
  names: GazetteerName[];
  /** ISO 3166-1 alpha-2 (upper case) → the country entity. */
  byIso2: Map<string, GazetteerEntity>;
}

/**
 * Countries and territories from `loc_country_names.tsv`
 * (`source territory qid subtype lang kind name`). Territories listed in `skip` (e.g. `eu`, which is
 * curated as an organisation) are left out.
 */
export function loadCountryNames(path: string, skip: ReadonlySet<string> = new Set()): CountryTable {
  const rows = readTsv(path);
  const header = rows.shift();
  if (header?.join('\t') !== 'source\tterritory\tqid\tsubtype\tlang\tkind\tname') {
    throw new Error(`${path}: unexpected header ${header?.join('\t')}`);
  }
  const entities = new Map<string, GazetteerEntity>();
  const byIso2 = new Map<string, GazetteerEntity>();
  const names: GazetteerName[] = [];
  // First pass: one entity per territory, named by rigour's English short name.
  for (const [source, territory, qid, subtype, , kind, name] of rows) {
    if (!territory || !qid || !name || skip.has(territory) || entities.has(territory)) continue;
    if (source !== 'rigour' || kind !== 'name') continue;
    const entity: GazetteerEntity = {
      id: qid,
      kind: 'place',
      subtype: subtype === 'territory' && territory.includes('-') ? 'region' : 'country',
      name,
      source: 'country',
      prominence: FULL_PROMINENCE,
    };
    entities.set(territory, entity);
    if (/^[a-z]{2}$/.test(territory)) byIso2.set(territory.toUpperCase(), entity);
  }
  for (const [, territory, , , lang, kind, name] of rows) {
    const entity = territory ? entities.get(territory) : undefined;
    const text = name?.replace(/\s+/g, ' ').replace(/\s+-/g, '-').trim();
    if (!entity || !text) continue;
    names.push({
      entity,
      text,
      ...(lang && lang !== 'und' ? { language: lang } : {}),
      ...(kind === 'weak' ? { weak: true } : {}),
    });
  }
  return { names, byIso2 };
}

/** Country names from `Intl.DisplayNames` in the given languages, for the countries we know. */
export function displayNameCountries(byIso2: ReadonlyMap<string, GazetteerEntity>, languages: readonly string[]): GazetteerName[] {
  const names: GazetteerName[] = [];
  for (const language of languages) {
    let display: Intl.DisplayNames;
    try {
      display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    } catch {
      continue;
    }
    for (const [iso2, entity] of byIso2) {
      const text = display.of(iso2);
      if (text) names.push({ entity, text, language });
    }
  }
  return names;
}

export interface GeonamesOptions {
  /** Default `/usr/share/locale`. */
  localeDir?: string;
  /** Cities named in fewer locales are left out. Default 5. */
  minProminence?: number;
  /** Include first-level administrative regions (oblasts, states, voivodeships). Default true. */
  regions?: boolean;
}

/**
 * Cities and first-level regions from Debian's `libgeonames-common` (`geonames.mo` per locale: geonames id
 * → localised name; `CC.code` → region name; `CC` → country name). Throws {@link GazetteerMissingError}
 * when the package is not installed.
 */
export function loadGeonames(options: GeonamesOptions = {}): GazetteerName[] {
  const localeDir = options.localeDir ?? GEONAMES_LOCALE_DIR;
  const minProminence = options.minProminence ?? 5;
  const englishPath = `${localeDir}/en/LC_MESSAGES/geonames.mo`;
  if (!existsSync(englishPath)) {
    throw new GazetteerMissingError(
      `Debian package libgeonames-common is missing (no ${englishPath}); install it: apt-get install -y libgeonames-common (see infra/debian-packages.txt)`,
      englishPath,
    );
  }
  const perId = new Map<string, { locales: number; names: { text: string; language: string }[] }>();
  let english = new Map<string, string>();
  for (const locale of readdirSync(localeDir)) {
    const path = `${localeDir}/${locale}/LC_MESSAGES/geonames.mo`;
    if (!existsSync(path)) continue;
    const catalogue = parseMo(readFileSync(path));
    if (locale === 'en') english = catalogue;
    const language = locale.split(/[_@]/)[0] ?? locale;
    for (const [id, text] of catalogue) {
      // Countries (two capitals) come from loc_country_names.tsv.
      if (/^[A-Z]{2}$/.test(id)) continue;
      if (!/^\d+$/.test(id) && options.regions === false) continue;
      let entry = perId.get(id);
      if (!entry) {
        entry = { locales: 0, names: [] };
        perId.set(id, entry);
      }
      entry.locales++;
      entry.names.push({ text, language });
    }
  }
  const names: GazetteerName[] = [];
  for (const [id, entry] of perId) {
    if (entry.locales < minProminence) continue;
    const isCity = /^\d+$/.test(id);
    const name = english.get(id) ?? entry.names[0]?.text ?? id;
    const entity: GazetteerEntity = {
      id: `geonames:${id}`,
      kind: 'place',
      subtype: isCity ? 'city' : 'region',
      name,
      source: isCity ? 'city' : 'region',
      prominence: entry.locales,
    };
    const seen = new Set<string>();
    for (const { text, language } of entry.names) {
      const key = `${language}\t${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      names.push({ entity, text, language });
    }
  }
  return names;
}
