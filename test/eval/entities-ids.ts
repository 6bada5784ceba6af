/**
 * Person ids across scripts and spellings: `tsx test/eval/entities-ids.ts [--corpus] [--list]`.
 *
 * (1) Agreement: every person row of the curated table is treated as unknown, and each of its aliases
 *     (Latin, Cyrillic, Arabic, Polish … spellings) gets the id a rule-found person would get, derived
 *     from the name (`unknownPersonId`) and, for full names, extracted from a sentence of the alias's
 *     language by an extractor loaded without the table's people. Pairs of spellings of one person with
 *     one id are counted, across scripts and within Latin, for the previous ids (slug of the stemmed keys)
 *     and the current ones. Rows are split by position: even rows were looked at while writing the
 *     phonetic rules, odd rows were not.
 * (2) Collisions: distinct people of the table whose full names share an id; with `--corpus`, the
 *     rule-found people of every text of the SemEval subset, the Zyte pages and the seeds whose ids meet
 *     under the current scheme but were apart before (`--list` prints them).
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEntityExtractor, unknownPersonId, type EntityExtractor } from '@newsflow/entities/extractor';
import { ENTITIES_DATA_DIR as DATA_DIR, collisions, loadPeople, pairAgreement, pct, previousPersonId, type Alias, type Person } from './entities-ids-lib.ts';
import { throughputCorpus } from './entities-lib.ts';

const args = process.argv.slice(2);

/** Sentences a rule-found person is found in, per language: a plain one, or after a title in Arabic. */
const TEMPLATES: Record<string, string> = {
  en: 'On Monday, {} said that the talks would continue.',
  pl: 'W poniedziałek {} powiedział, że rozmowy będą kontynuowane.',
  ru: 'В понедельник {} заявил, что переговоры продолжатся.',
  ar: 'وقال الرئيس {} إن المحادثات ستستمر.',
  tr: 'Pazartesi günü {} görüşmelerin süreceğini söyledi.',
  fr: 'Lundi, {} a déclaré que les discussions continueraient.',
  de: 'Am Montag sagte {}, die Gespräche würden fortgesetzt.',
  it: 'Lunedì {} ha detto che i colloqui continueranno.',
};

/** An extractor that knows no person of the curated table (everything else as shipped). */
async function extractorWithoutPeople(): Promise<EntityExtractor> {
  const dir = mkdtempSync(join(tmpdir(), 'entities-ids-'));
  const rows = readFileSync(join(DATA_DIR, 'aliases.tsv'), 'utf8').split('\n').filter((l) => l.split('\t')[1] !== 'person');
  writeFileSync(join(dir, 'aliases.tsv'), rows.join('\n'));
  symlinkSync(join(DATA_DIR, 'loc_country_names.tsv'), join(dir, 'loc_country_names.tsv'));
  return createEntityExtractor({ dataDir: dir });
}

/** The person found in a sentence around the alias: its id, and the span it was found on. */
function extractedPerson(extractor: EntityExtractor, alias: Alias): { id: string; span: string } | undefined {
  const template = TEMPLATES[alias.language] ?? TEMPLATES.en ?? '{}';
  const text = template.replace('{}', alias.text);
  const lastWord = alias.text.split(' ').at(-1) ?? alias.text;
  const people = extractor.extract({ title: '', text, language: alias.language }).filter((m) => m.kind === 'person');
  // The person whose surface form holds the alias's last word (it may be cut shorter or run longer).
  const hit = people.find((m) => m.surfaceForms.some((f) => f.includes(lastWord)));
  const span = hit?.surfaceForms.find((f) => f.includes(lastWord));
  return hit && span ? { id: hit.id, span } : undefined;
}

const people = loadPeople();
const full = (a: Alias): boolean => a.words >= 2;
const single = (a: Alias): boolean => a.words === 1;
const before = (a: Alias): string => previousPersonId(a.text);
const after = (a: Alias): string => unknownPersonId(a.text, a.language);
const extractor = await extractorWithoutPeople();
const extractedCache = new Map<Alias, { id: string; span: string } | undefined>();
const extractedOf = (a: Alias): { id: string; span: string } | undefined => {
  if (!extractedCache.has(a)) extractedCache.set(a, extractedPerson(extractor, a));
  return extractedCache.get(a);
};
const extracted = (a: Alias): string | undefined => extractedOf(a)?.id;
/** The id the previous scheme gave the same extracted span. */
const extractedBefore = (a: Alias): string | undefined => {
  const hit = extractedOf(a);
  return hit && previousPersonId(hit.span);
};

console.log(`${people.length} people in aliases.tsv, ${people.reduce((s, p) => s + p.aliases.length, 0)} distinct aliases`);
const halves: [string, Person[]][] = [
  ['all rows', people],
  ['even rows (looked at)', people.filter((p) => p.row % 2 === 0)],
  ['odd rows (not looked at)', people.filter((p) => p.row % 2 === 1)],
];
const routes: [string, (a: Alias) => string | undefined][] = [
  ['before, derived', before],
  ['after, derived', after],
  ['before, extracted', extractedBefore],
  ['after, extracted', extracted],
];
for (const [what, filter] of [['full names', full], ['one-word names', single]] as const) {
  console.log(`\n## Agreement of pairs of spellings of one person: ${what}`);
  console.log('| rows | route | people | all spellings one id | pairs across scripts | pairs within Latin |');
  console.log('|---|---|---|---|---|---|');
  for (const [half, rows] of halves) {
    for (const [route, keyOf] of routes) {
      if (route.includes('extracted') && what !== 'full names') continue;
      const r = pairAgreement(rows, keyOf, filter);
      console.log(`| ${half} | ${route} | ${r.persons} | ${r.allOne} | ${pct(r.cross)} | ${pct(r.latin)} |`);
    }
  }
}
const extractedMissing = people.flatMap((p) => p.aliases.filter(full)).filter((a) => extracted(a) === undefined);
console.log(`\n(extracted: pairs with a spelling found in no person are left out) full-name aliases the extractor found no person in: ${extractedMissing.length} (${extractedMissing.map((a) => a.text).join(', ')})`);

console.log('\n## Collisions between different people of the table');
for (const [route, keyOf] of routes.filter(([r]) => !r.includes('extracted'))) {
  const f = collisions(people, keyOf, full);
  const s = collisions(people, keyOf, single);
  console.log(`${route}: full names ${f.length} shared ids${f.length ? ` (${f.join('; ')})` : ''}; one-word names ${s.length}${s.length ? ` (${s.join('; ')})` : ''}`);
}
if (args.includes('--list')) {
  for (const person of people) {
    console.log(person.id, person.aliases.map((a) => `${a.text}=${after(a).slice(7)}`).join(' '));
  }
}

if (args.includes('--corpus')) {
  // Rule-found people of every text we have: which ids meet now that were apart before. The previous id
  // of a mention is the one an earlier extractor (`--before <module>`, e.g. a copy of an earlier
  // extractor.ts) gave the same surface form, or else `previousPersonId` of its name.
  const shipped = await createEntityExtractor();
  const beforeModule = args[args.indexOf('--before') + 1];
  const earlier: EntityExtractor | undefined = args.includes('--before') && beforeModule ? await (await import(beforeModule)).createEntityExtractor() : undefined;
  const curated = new Set(people.map((p) => p.id));
  const byId = new Map<string, Map<string, number>>();
  let mentions = 0;
  for (const article of throughputCorpus()) {
    const previousMentions = earlier?.extract(article) ?? [];
    for (const m of shipped.extract(article)) {
      if (m.kind !== 'person' || curated.has(m.id)) continue;
      mentions++;
      let names = byId.get(m.id);
      if (!names) byId.set(m.id, (names = new Map()));
      const previous = previousMentions.find((p) => p.kind === 'person' && p.surfaceForms.some((f) => m.surfaceForms.includes(f)))?.id ?? previousPersonId(m.name);
      const label = `${m.name} [${previous.slice(7)}]`;
      names.set(label, (names.get(label) ?? 0) + 1);
    }
  }
  const merged = [...byId.entries()].filter(([, names]) => new Set([...names.keys()].map((n) => n.replace(/^.*\[/, ''))).size > 1);
  const oldIds = new Set([...byId.values()].flatMap((names) => [...names.keys()].map((n) => n.replace(/^.*\[/, ''))));
  console.log(`\n## Rule-found people in the corpus (${mentions} article mentions)`);
  console.log(`${oldIds.size} distinct previous ids → ${byId.size} current ids; ${merged.length} current ids join names that had different previous ids`);
  if (args.includes('--list')) for (const [id, names] of merged) console.log(`${id}: ${[...names.entries()].map(([n, c]) => `${n}×${c}`).join(' | ')}`);
}
process.exit(0);
