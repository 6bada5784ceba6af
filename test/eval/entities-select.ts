/**
 * Picks the articles of a new held-out split for the entities sample, mechanically:
 * `tsx test/eval/entities-select.ts <salt> tr=6 fr=5 ar=5 en=5`. Per language, texts of 400–1,500
 * characters (English Zyte pages: up to 1,800, with ≥ 97 % of letters ASCII and ≥ 3 % of words `the`/`and`/`of`), not labelled yet and not a copy
 * of one taken, ordered by sha256(salt + article id); the first N are printed (ids only). test3 used the salt `test3:`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SHARED_EVAL_DIR } from './entities-lib.ts';

const [salt = 'test3:', ...quotas] = process.argv.slice(2);
const wanted = Object.fromEntries(quotas.map((q) => q.split('=')).map(([l, n]) => [l ?? '', Number(n)]));
const labelled = new Set(Object.keys((JSON.parse(readFileSync(new URL('entities-labels.json', import.meta.url), 'utf8')) as { articles: object }).articles));
const candidates: { id: string; language: string; source: string; text: string }[] = [];
for (const line of readFileSync(new URL('clustering/semeval2022_task8_text_tr_fr_ar.jsonl', SHARED_EVAL_DIR), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as Record<string, string | null>;
  for (const side of ['1', '2']) {
    const id = r[`id${side}`];
    const text = r[`text${side}`];
    if (id && text && text.length >= 400 && text.length <= 1500) candidates.push({ id, language: r[`lang${side}`] ?? 'und', source: 'semeval', text });
  }
}
const zyte = JSON.parse(readFileSync(new URL('extraction/zyte-article-extraction-benchmark/ground-truth.json', SHARED_EVAL_DIR), 'utf8')) as Record<string, { articleBody: string }>;
for (const [id, page] of Object.entries(zyte)) {
  const text = page.articleBody;
  const letters = text.match(/\p{L}/gu) ?? [];
  const ascii = letters.filter((l) => /[A-Za-z]/.test(l)).length;
  // English by its function words too (some pages of ASCII letters are Portuguese or Spanish).
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const english = words.filter((w) => w === 'the' || w === 'and' || w === 'of').length >= 0.03 * words.length;
  if (text.length >= 400 && text.length <= 1800 && letters.length > 0 && ascii / letters.length >= 0.97 && english) candidates.push({ id, language: 'en', source: 'zyte', text });
}
const hash = (id: string): string => createHash('sha256').update(`${salt}${id}`).digest('hex');
for (const [language, n] of Object.entries(wanted)) {
  const seen = new Set<string>();
  const chosen = candidates
    .filter((c) => c.language === language && !labelled.has(c.id))
    .sort((a, b) => hash(a.id).localeCompare(hash(b.id)))
    .filter((c) => {
      const key = c.text.slice(0, 200);
      if (seen.has(key) || seen.has(c.id)) return false;
      seen.add(key);
      seen.add(c.id);
      return true;
    })
    .slice(0, n);
  for (const c of chosen) console.log(`${c.id}\t${c.source}\t${language}`);
}
