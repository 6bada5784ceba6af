/**
 * Shared by the entities evaluation (`pnpm eval:entities`) and its CI slice: the seed checks, the
 * labelled sample and the scoring. Texts are read from ../shared/eval at run time; only ids live here.
 */
import { readFileSync } from 'node:fs';
import type { EntityKind, EntityMention } from '@newsflow/contracts/documents';
import type { EntityExtractor, ExtractInput } from '@newsflow/entities/extractor';

import { pathToFileURL } from 'node:url';
import { sharedEvalDir } from './shared-data.ts';

const HERE = new URL('.', import.meta.url);
export const SHARED_EVAL_DIR = pathToFileURL(`${sharedEvalDir()}/`);
export const SEEDS_DIR = new URL('../../seeds/', HERE);

export interface Seed extends ExtractInput {
  file: string;
}

/** The four seed articles: the first line is the title. */
export function loadSeeds(): Seed[] {
  return (
    [
      ['000_282f55890694b8c2.txt', 'it'],
      ['001_664aa4778fb2fdac.txt', 'en'],
      ['002_dab3113d4f96252d.txt', 'en'],
      ['003_bb3b193bc24b719b.txt', 'pl'],
    ] as const
  ).map(([file, language]) => {
    const [title = '', ...rest] = readFileSync(new URL(file, SEEDS_DIR), 'utf8').split('\n');
    return { file, language, title, text: rest.join('\n') };
  });
}

/** What a reader expects in each seed: entity id → in which seeds (by index) it is mentioned. */
export const SEED_EXPECTATIONS: { name: string; id: string; seeds: number[] }[] = [
  { name: 'Vladimir Putin', id: 'person:vladimir-putin', seeds: [0, 1, 2, 3] },
  { name: 'Alexander Lukashenko', id: 'person:alexander-lukashenko', seeds: [0, 1, 2, 3] },
  { name: 'Belarus', id: 'Q184', seeds: [0, 1, 2, 3] },
  { name: 'Russia', id: 'Q159', seeds: [0, 1, 2, 3] },
  { name: 'CSTO / ODKB', id: 'org:csto', seeds: [1, 3] },
  { name: 'Kremlin', id: 'org:kremlin', seeds: [0, 1, 2, 3] },
  { name: 'Sviatlana Tsikhanouskaya', id: 'person:sviatlana-tsikhanouskaya', seeds: [0, 1, 2] },
  { name: 'Minsk', id: 'geonames:625144', seeds: [1, 2] },
  { name: 'Moscow', id: 'geonames:524901', seeds: [0] },
  { name: 'Lithuania', id: 'Q37', seeds: [2] },
  { name: 'Poland', id: 'Q36', seeds: [2] },
  { name: 'NATO', id: 'org:nato', seeds: [2] },
  { name: 'European Union', id: 'Q458', seeds: [2] },
  { name: 'United States', id: 'Q30', seeds: [2] },
  { name: 'Mike Pompeo', id: 'person:mike-pompeo', seeds: [2] },
  { name: 'TASS', id: 'org:tass', seeds: [1] },
  { name: 'BelTA', id: 'org:belta', seeds: [2, 3] },
  { name: 'Central Election Commission', id: 'org:central-election-commission', seeds: [1] },
  { name: 'Union State', id: 'org:union-state', seeds: [1, 3] },
];

/** Surface forms that must never come out as places (gazetteer noise in the seeds). */
export const SEED_NOT_PLACES = ['Baza', 'Jawne', 'Independence', 'Vladimir', 'August', 'Square'];

export interface SeedCheck {
  name: string;
  id: string;
  /** Per seed: the surface forms found under the expected id; undefined when the seed does not mention it. */
  found: (string[] | undefined)[];
  /** Seeds where it is mentioned but was not found under the expected id. */
  missed: number[];
  /** Seeds where it was found although the seed does not mention it. */
  unexpected: number[];
}

export function checkSeeds(extractor: EntityExtractor, seeds: Seed[] = loadSeeds()): { checks: SeedCheck[]; noise: string[] } {
  const results = seeds.map((seed) => extractor.extract(seed));
  const checks = SEED_EXPECTATIONS.map(({ name, id, seeds: expected }) => {
    const found = results.map((mentions, index) =>
      expected.includes(index) ? (mentions.find((m) => m.id === id)?.surfaceForms ?? []) : undefined,
    );
    return {
      name,
      id,
      found,
      missed: expected.filter((index) => (found[index] ?? []).length === 0),
      unexpected: results.flatMap((mentions, index) => (!expected.includes(index) && mentions.some((m) => m.id === id) ? [index] : [])),
    };
  });
  const noise = results.flatMap((mentions) =>
    mentions.filter((m) => m.kind === 'place').flatMap((m) => m.surfaceForms.filter((f) => SEED_NOT_PLACES.includes(f))),
  );
  return { checks, noise };
}

export interface LabelledEntity {
  /** Acceptable ids (a city or its province of the same name, when the text does not say which). */
  ids: string[];
  kind: EntityKind;
  name: string;
}

export interface LabelledArticle extends ExtractInput {
  id: string;
  source: 'semeval' | 'zyte';
  /**
   * `dev`: the extractor was tuned on these; `test`: labelled after it was frozen (a few changes came
   * after); `test2`: chosen and labelled after those, with the extractor frozen again; `test3`: chosen by
   * `entities-select.ts` (salt `test3:`) and labelled after the recall work, with the extractor frozen again.
   */
  split: Split;
  entities: LabelledEntity[];
}

export type Split = 'dev' | 'test' | 'test2' | 'test3';
export const SPLITS: readonly Split[] = ['dev', 'test', 'test2', 'test3'];

interface LabelFile {
  articles: Record<string, { source: 'semeval' | 'zyte'; language: string; split: Split; entities: LabelledEntity[] }>;
}

/** The labelled sample, with texts read from ../shared/eval. Throws when the data are not there. */
export function loadLabelledArticles(evalDir: URL = SHARED_EVAL_DIR, labelFile: URL = new URL('entities-labels.json', HERE)): LabelledArticle[] {
  const labels = JSON.parse(readFileSync(labelFile, 'utf8')) as LabelFile;
  const semeval = new Map<string, { title: string; text: string }>();
  const semevalPath = new URL('clustering/semeval2022_task8_text_tr_fr_ar.jsonl', evalDir);
  const zytePath = new URL('extraction/zyte-article-extraction-benchmark/ground-truth.json', evalDir);
  let semevalText: string;
  let zyteText: string;
  try {
    semevalText = readFileSync(semevalPath, 'utf8');
    zyteText = readFileSync(zytePath, 'utf8');
  } catch (cause) {
    throw new Error(`the entities evaluation needs ../shared/eval (${semevalPath.pathname}, ${zytePath.pathname})`, { cause });
  }
  for (const line of semevalText.split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Record<string, string | null>;
    for (const side of ['1', '2']) {
      const id = row[`id${side}`];
      const text = row[`text${side}`];
      if (id && text) semeval.set(id, { title: row[`title${side}`] ?? '', text });
    }
  }
  const zyte = JSON.parse(zyteText) as Record<string, { articleBody: string }>;
  return Object.entries(labels.articles).map(([id, label]) => {
    const doc = label.source === 'semeval' ? semeval.get(id) : { title: '', text: zyte[id]?.articleBody ?? '' };
    if (!doc?.text) throw new Error(`labelled article ${id} (${label.source}) not found in ../shared/eval`);
    return { id, source: label.source, split: label.split, language: label.language, title: doc.title, text: doc.text, entities: label.entities };
  });
}

export interface Counts {
  /** Predicted ids that match a label. */
  truePositives: number;
  predicted: number;
  /** Labels found (any of their ids predicted). */
  found: number;
  labelled: number;
}

export interface Score extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function toScore(c: Counts): Score {
  const precision = c.predicted === 0 ? 0 : c.truePositives / c.predicted;
  const recall = c.labelled === 0 ? 0 : c.found / c.labelled;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

export interface ArticleResult {
  article: LabelledArticle;
  mentions: EntityMention[];
  falsePositives: EntityMention[];
  missed: LabelledEntity[];
}

export interface Evaluation {
  overall: Score;
  byLanguage: Record<string, Score>;
  byKind: Record<string, Score>;
  articles: ArticleResult[];
}

/** Document-level scoring: each article's set of entity ids against its labels, micro-averaged. */
export function evaluate(extractor: EntityExtractor, articles: LabelledArticle[]): Evaluation {
  const zero = (): Counts => ({ truePositives: 0, predicted: 0, found: 0, labelled: 0 });
  const overall = zero();
  const byLanguage: Record<string, Counts> = {};
  const byKind: Record<string, Counts> = {};
  const results: ArticleResult[] = [];
  for (const article of articles) {
    const mentions = extractor.extract(article);
    const labelled = new Set(article.entities.flatMap((e) => e.ids));
    const predicted = new Set(mentions.map((m) => m.id));
    const language = (byLanguage[article.language] ??= zero());
    const falsePositives = mentions.filter((m) => !labelled.has(m.id));
    for (const mention of mentions) {
      const kind = (byKind[mention.kind] ??= zero());
      const hit = labelled.has(mention.id) ? 1 : 0;
      for (const c of [overall, language, kind]) {
        c.predicted++;
        c.truePositives += hit;
      }
    }
    const missed: LabelledEntity[] = [];
    for (const entity of article.entities) {
      const kind = (byKind[entity.kind] ??= zero());
      const hit = entity.ids.some((id) => predicted.has(id)) ? 1 : 0;
      if (!hit) missed.push(entity);
      for (const c of [overall, language, kind]) {
        c.labelled++;
        c.found += hit;
      }
    }
    results.push({ article, mentions, falsePositives, missed });
  }
  const map = (r: Record<string, Counts>): Record<string, Score> =>
    Object.fromEntries(Object.entries(r).map(([k, c]) => [k, toScore(c)]));
  return { overall: toScore(overall), byLanguage: map(byLanguage), byKind: map(byKind), articles: results };
}

/**
 * Every text we have, for throughput: the seeds, both sides of the SemEval subset (tr/fr/ar) and
 * the Zyte pages' article bodies (en).
 */
export function throughputCorpus(seeds: readonly ExtractInput[] = loadSeeds(), evalDir: URL = SHARED_EVAL_DIR): ExtractInput[] {
  const corpus: ExtractInput[] = [...seeds];
  for (const line of readFileSync(new URL('clustering/semeval2022_task8_text_tr_fr_ar.jsonl', evalDir), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Record<string, string | null>;
    for (const side of ['1', '2']) {
      const text = r[`text${side}`];
      if (text) corpus.push({ title: r[`title${side}`] ?? '', text, language: r[`lang${side}`] ?? 'und' });
    }
  }
  const zyte = JSON.parse(readFileSync(new URL('extraction/zyte-article-extraction-benchmark/ground-truth.json', evalDir), 'utf8')) as Record<string, { articleBody: string }>;
  for (const page of Object.values(zyte)) corpus.push({ title: '', text: page.articleBody, language: 'en' });
  return corpus;
}
