/**
 * `newsflow similarity --pairs FILE.jsonl`: scores pairs of texts as the same event or not.
 *
 * Input (the file, or stdin without --pairs): one JSON object per line with `text1`, `text2` and
 * optionally `title1`, `title2`, `lang1`, `lang2` (hints, used only when detection fails),
 * `published1`, `published2` (ISO 8601), `url1`, `url2`, `id`/`pair_id`.
 * Output: one JSON line per pair, in input order: `{id?, score, same, threshold, similarity,
 * languages, evidence: {sharedEntities, sharedTerms}, signals}`; `same` is the decision at the
 * production threshold. Texts go through the real clean → language → entities stages.
 * Document frequencies are learnt from all the texts of the input before any pair is scored; an
 * article that appears in several lines (the same title, text, language hint, time and URL) is analysed
 * and counted once.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAnalyser, type ArticleText } from '@newsflow/dedupe/analyse';
import { createLexicalSimilarity } from '@newsflow/dedupe/lexical-similarity';
import type { ArticleFeatures } from '@newsflow/dedupe/similarity';

export interface SimilarityIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd?: string;
}

const USAGE = 'usage: newsflow similarity [--pairs FILE.jsonl] [--threshold X]   (pairs on stdin without --pairs)';

function str(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function side(record: Record<string, unknown>, n: 1 | 2): ArticleText | string {
  const text = str(record, `text${n}`);
  if (text === undefined) return `text${n} is missing or empty`;
  const article: ArticleText = { text };
  const title = str(record, `title${n}`);
  const language = str(record, `lang${n}`);
  const published = str(record, `published${n}`);
  const url = str(record, `url${n}`);
  if (title) article.title = title;
  if (language) article.language = language;
  if (published) article.publishedAt = published;
  if (url) article.url = url;
  return article;
}

export async function run(args: string[], io: SimilarityIo): Promise<number> {
  let values: { pairs?: string; threshold?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { pairs: { type: 'string' }, threshold: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    io.stderr.write(`newsflow similarity: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    io.stderr.write(`newsflow similarity: --threshold must be a number in 0..1\n`);
    return 2;
  }

  const input = values.pairs ? createReadStream(resolve(io.cwd ?? process.cwd(), values.pairs)) : io.stdin;
  const records: { line: number; record?: Record<string, unknown>; error?: string }[] = [];
  try {
    let line = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) records.push({ line, error: 'not a JSON object' });
        else records.push({ line, record: parsed as Record<string, unknown> });
      } catch {
        records.push({ line, error: 'invalid JSON' });
      }
    }
  } catch (error) {
    io.stderr.write(`newsflow similarity: cannot read ${values.pairs ?? 'stdin'}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }

  const analyser = await createAnalyser();
  // Lemmatisers and pivots load for the languages the input has (prepare below), not for all.
  const similarity = await createLexicalSimilarity({ languages: [], ...(threshold === undefined ? {} : { threshold }) });
  const pairs: { line: number; id?: string; a?: ArticleFeatures; b?: ArticleFeatures; error?: string }[] = [];
  // Counting a repeated article once keeps its words from looking commoner than they are.
  const analysed = new Map<string, Promise<ArticleFeatures>>();
  const featuresOf = (article: ArticleText, id: string): Promise<ArticleFeatures> => {
    const key = JSON.stringify([article.title, article.text, article.language, article.publishedAt, article.url]);
    let found = analysed.get(key);
    if (!found) {
      // Analysis is deterministic: a failed article fails again on a later line, with the same error.
      found = (async () => {
        const input = await analyser.analyse({ ...article, id });
        await similarity.prepare(input.language.language);
        return similarity.features(input);
      })();
      analysed.set(key, found);
    }
    return found;
  };
  for (const { line, record, error } of records) {
    if (!record) {
      pairs.push({ line, error: error ?? 'unreadable' });
      continue;
    }
    const id = str(record, 'id') ?? str(record, 'pair_id');
    const sides = [side(record, 1), side(record, 2)];
    const problem = sides.find((s): s is string => typeof s === 'string');
    if (problem) {
      pairs.push({ line, ...(id ? { id } : {}), error: problem });
      continue;
    }
    try {
      const [a, b] = await Promise.all((sides as ArticleText[]).map((article, i) => featuresOf(article, `${id ?? `line-${line}`}-${i + 1}`)));
      pairs.push({ line, ...(id ? { id } : {}), a: a!, b: b! });
    } catch (cause) {
      pairs.push({ line, ...(id ? { id } : {}), error: cause instanceof Error ? cause.message : String(cause) });
    }
  }

  let failures = 0;
  for (const pair of pairs) {
    if (!pair.a || !pair.b) {
      failures++;
      io.stderr.write(`newsflow similarity: line ${pair.line}: ${pair.error}\n`);
      io.stdout.write(`${JSON.stringify({ ...(pair.id ? { id: pair.id } : {}), line: pair.line, error: pair.error })}\n`);
      continue;
    }
    const c = similarity.compare(pair.a, pair.b);
    io.stdout.write(
      `${JSON.stringify({
        ...(pair.id ? { id: pair.id } : {}),
        score: c.score,
        same: c.score >= similarity.threshold,
        threshold: similarity.threshold,
        similarity: similarity.name,
        languages: [pair.a.language, pair.b.language],
        evidence: { sharedEntities: c.evidence.sharedEntities, sharedTerms: c.evidence.sharedTerms },
        signals: c.signals ?? {},
      })}\n`,
    );
  }
  return failures > 0 ? 1 : 0;
}
