/**
 * Pure parts of the person-id evaluation (`entities-ids.ts`) and its CI slice: the curated table's people
 * with their aliases, pair agreement and shared ids under a given id function.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenize } from '@newsflow/lexicon/tokenize';
import { slug, stemKey, wordKey } from '@newsflow/entities/normalize';

export const ENTITIES_DATA_DIR = fileURLToPath(new URL('../../packages/entities/data/', import.meta.url));

/** The id rule-found people had before the phonetic key: `person:` + the slug of the stemmed keys. */
export function previousPersonId(name: string): string {
  return `person:${slug(tokenize(name).map((t) => stemKey(wordKey(t.text))).join(' '))}`;
}

/** The script an alias is written in (Latin counts accents and punctuation as Latin). */
export type Script = 'latin' | 'cyrillic' | 'arabic' | 'other';
function scriptOf(text: string): Script {
  if (/\p{Script=Arabic}/u.test(text)) return 'arabic';
  if (/\p{Script=Cyrillic}/u.test(text)) return 'cyrillic';
  if (/^[\p{Script=Latin}\p{P}\p{Zs}]+$/u.test(text)) return 'latin';
  return 'other';
}

export interface Alias {
  text: string;
  language: string;
  script: Script;
  words: number;
}
export interface Person {
  id: string;
  row: number;
  aliases: Alias[];
}

/** The person rows of `aliases.tsv`, each alias once, with its language (`xx:` prefix, else from its script). */
export function loadPeople(): Person[] {
  const people: Person[] = [];
  for (const line of readFileSync(join(ENTITIES_DATA_DIR, 'aliases.tsv'), 'utf8').split('\n')) {
    const [id, kind, , , aliases] = line.split('\t');
    if (kind !== 'person' || !id || !aliases) continue;
    const seen = new Set<string>();
    const list: Alias[] = [];
    for (const raw of aliases.split('|')) {
      const m = /^([a-z]{2}):(.*)$/.exec(raw);
      const text = (m ? m[2] : raw) ?? '';
      if (seen.has(text)) continue;
      seen.add(text);
      const script = scriptOf(text);
      const language = m?.[1] ?? (script === 'arabic' ? 'ar' : script === 'cyrillic' ? 'ru' : 'en');
      list.push({ text, language, script, words: tokenize(text).length });
    }
    people.push({ id, row: people.length, aliases: list });
  }
  return people;
}

export interface PairCounts {
  pairs: number;
  agree: number;
}
export const pct = (c: PairCounts): string => (c.pairs === 0 ? '–' : `${((100 * c.agree) / c.pairs).toFixed(1)} % (${c.agree}/${c.pairs})`);

/**
 * Pairs of spellings of one person that get one id, across scripts and within Latin, and how many people get
 * one id for all their spellings. `keyOf` may return undefined (no person found): such pairs are left out.
 */
export function pairAgreement(people: Person[], keyOf: (a: Alias) => string | undefined, filter: (a: Alias) => boolean) {
  const cross: PairCounts = { pairs: 0, agree: 0 };
  const latin: PairCounts = { pairs: 0, agree: 0 };
  let allOne = 0;
  let persons = 0;
  for (const person of people) {
    const aliases = person.aliases.filter(filter);
    if (aliases.length < 2) continue;
    const keys = aliases.map(keyOf);
    persons++;
    if (keys.every((k) => k !== undefined && k === keys[0])) allOne++;
    for (let i = 0; i < aliases.length; i++) {
      for (let j = i + 1; j < aliases.length; j++) {
        const a = aliases[i] as Alias;
        const b = aliases[j] as Alias;
        const c = a.script !== b.script ? cross : a.script === 'latin' ? latin : undefined;
        // Pairs with a spelling the extractor found no person in are left out (counted apart).
        if (!c || keys[i] === undefined || keys[j] === undefined) continue;
        c.pairs++;
        if (keys[i] === keys[j]) c.agree++;
      }
    }
  }
  return { cross, latin, allOne, persons };
}

/** Ids that two or more different people of the table get, as `id: person, person`. */
export function collisions(people: Person[], keyOf: (a: Alias) => string | undefined, filter: (a: Alias) => boolean): string[] {
  const owners = new Map<string, Set<string>>();
  for (const person of people) {
    for (const alias of person.aliases.filter(filter)) {
      const key = keyOf(alias);
      if (key === undefined) continue;
      let set = owners.get(key);
      if (!set) owners.set(key, (set = new Set()));
      set.add(person.id);
    }
  }
  return [...owners.entries()].filter(([, s]) => s.size > 1).map(([k, s]) => `${k}: ${[...s].join(', ')}`);
}

