/**
 * Builds the pivot lexicons (word → English lemmas) from Debian's FreeDict dictionaries.
 *
 *   pnpm build:lexicons                     # all dictionaries found in /usr/share/dictd
 *   tsx packages/lexicon/scripts/build-pivot.ts --dictd DIR --out DIR [--force]
 *
 * Input: `/usr/share/dictd/freedict-<xxx>-eng.{index,dict.dz}` (packages dict-freedict-<xxx>-eng,
 * listed in infra/debian-packages.txt). Output: `.cache/lexicons/pivot-<ll>.tsv` (gitignored), one
 * headword per line, `headword<TAB>english english …`. A lexicon newer than its dictionary is kept
 * unless --force. Deterministic: the same dictionaries give byte-identical files.
 *
 * Which lines of an entry are translations: dictd entries mix translations with notes, IPA and (in
 * the WikDict-based ones) definitions in the source language. A line counts as a translation when
 * most of its words are English words (the hunspell en_US word list of `dictionary-en`).
 */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { DEFAULT_LEXICON_DIR, PIVOT_SOURCES, PIVOT_STOPWORDS, pivotKey } from '../src/pivot.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** dictd's base-64 numbers (most significant digit first). */
export function decodeDictNumber(text: string): number {
  let n = 0;
  for (const ch of text) n = n * 64 + B64.indexOf(ch);
  return n;
}

const ENGLISH_STOP = PIVOT_STOPWORDS;

async function englishWords(): Promise<Set<string>> {
  const { default: en } = (await import('dictionary-en')) as { default: { dic: Uint8Array } };
  const words = new Set<string>();
  for (const line of Buffer.from(en.dic).toString('utf8').split('\n').slice(1)) {
    const word = line.split('/')[0]?.trim().toLowerCase();
    if (word) words.add(word);
  }
  return words;
}

function isEnglish(word: string, english: Set<string>): boolean {
  if (english.has(word)) return true;
  for (const suffix of ['s', 'es', 'ed', 'd', 'ing', 'ly', 'ies']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const base = word.slice(0, -suffix.length);
      if (english.has(base) || english.has(`${base}e`) || (suffix === 'ies' && english.has(`${base}y`))) return true;
    }
  }
  return false;
}

/** The dictionary form of an English word when it is a regular plural or verb form (`beacons` → `beacon`). */
export function englishBase(word: string, english: Set<string>): string {
  if (english.has(word)) return word;
  const candidates: string[] = [];
  if (word.endsWith('ies')) candidates.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) candidates.push(word.slice(0, -2));
  if (word.endsWith('s')) candidates.push(word.slice(0, -1));
  if (word.endsWith('ed')) candidates.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing')) candidates.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  return candidates.find((c) => c.length >= 3 && english.has(c)) ?? word;
}

/** The English lemmas of one dictd entry (header line first), best sense first, at most `max`. */
export function translationsOf(entry: string, english: Set<string>, max = 4): string[] {
  const out: string[] = [];
  const lines = entry.split('\n').slice(1);
  let senses = 0;
  for (const raw of lines) {
    let line = raw.trim();
    if (!line || /^(\(|note:|synonyms:|see:|\{|<)/i.test(line) || line.includes('→')) continue;
    line = line
      .replace(/^\d+\.\s*/, '')
      .replace(/\[[^\]]*\]/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\([^)]*\)/g, ' ')
      .trim();
    if (!line) continue;
    const words = line.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
    if (words.length === 0) continue;
    const englishShare = words.filter((w) => isEnglish(w, english)).length / words.length;
    if (englishShare < 0.6 || /[^\x00-\x7f‐–—’]/.test(line.replace(/[àâçéèêëîïôûùüÿñæœ]/gi, ''))) continue;
    senses++;
    for (let phrase of line.split(/[,;]/)) {
      phrase = phrase.trim().toLowerCase().replace(/^to\s+/, '').replace(/[.!?]+$/, '');
      const parts = phrase.split(/\s+/).filter((w) => w.length > 0 && !ENGLISH_STOP.has(w));
      // One content word: itself. More: the phrase is too specific to pivot on, skip it.
      if (parts.length !== 1) continue;
      const written = parts[0]!;
      if (!/^[a-z][a-z-]*[a-z]$/.test(written) || (!isEnglish(written, english) && !english.has(written))) continue;
      const word = englishBase(written, english);
      if (!out.includes(word)) out.push(word);
      if (out.length >= max) return out;
    }
    if (senses >= 3) break;
  }
  return out;
}

/** Builds one lexicon's TSV text from a dictd index and its decompressed data. */
export function buildLexicon(language: string, index: string, data: Buffer, english: Set<string>, source: string): string {
  const entries = new Map<string, string[]>();
  for (const line of index.split('\n')) {
    const [head, off, len] = line.split('\t');
    if (!head || off === undefined || len === undefined || head.startsWith('00-database') || head.startsWith('00database')) continue;
    if (/\s/.test(head.trim())) continue; // multi-word headwords cannot match a single token
    const key = pivotKey(head.trim(), language);
    if ([...key].length < 2) continue;
    const entry = data.subarray(decodeDictNumber(off), decodeDictNumber(off) + decodeDictNumber(len)).toString('utf8');
    const translations = translationsOf(entry, english);
    if (translations.length === 0) continue;
    const merged = entries.get(key) ?? [];
    for (const t of translations) if (!merged.includes(t) && merged.length < 6) merged.push(t);
    entries.set(key, merged);
  }
  const lines = [...entries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([head, targets]) => `${head}\t${targets.join(' ')}`);
  return `# pivot ${language}→en from ${source} (FreeDict, see /usr/share/doc/dict-${source}/copyright)\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dictd = arg('--dictd') ?? '/usr/share/dictd';
  const out = (arg('--out') ?? DEFAULT_LEXICON_DIR).replace(/\/$/, '');
  const force = argv.includes('--force');
  let files: string[] = [];
  try {
    files = await readdir(dictd);
  } catch {
    files = [];
  }
  await mkdir(out, { recursive: true });
  const english = await englishWords();
  let built = 0;
  for (const [iso3, iso1] of Object.entries(PIVOT_SOURCES)) {
    const source = `freedict-${iso3}-eng`;
    if (!files.includes(`${source}.index`) || !files.includes(`${source}.dict.dz`)) {
      process.stderr.write(`pivot ${iso1}: ${source} not installed (apt-get install dict-${source}), skipped\n`);
      continue;
    }
    const target = `${out}/pivot-${iso1}.tsv`;
    const sourceTime = (await stat(`${dictd}/${source}.dict.dz`)).mtimeMs;
    const targetTime = await stat(target).then((s) => s.mtimeMs, () => 0);
    if (!force && targetTime > sourceTime) {
      process.stderr.write(`pivot ${iso1}: up to date\n`);
      continue;
    }
    const index = await readFile(`${dictd}/${source}.index`, 'utf8');
    const data = gunzipSync(await readFile(`${dictd}/${source}.dict.dz`));
    const text = buildLexicon(iso1, index, data, english, source);
    await writeFile(target, text);
    built++;
    process.stderr.write(`pivot ${iso1}: ${text.split('\n').length - 2} headwords → ${target}\n`);
  }
  process.stderr.write(`pivot lexicons: ${built} built in ${out}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`build-pivot failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
