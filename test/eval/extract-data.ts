/**
 * Access to the article-extraction benchmark kept in the shared evaluation folder. The page texts are
 * their publishers': they are read at run time and never copied into the repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedEvalDir } from './shared-data.ts';

export const EXTRACTION_DATA_DIR = join(sharedEvalDir(), 'extraction/zyte-article-extraction-benchmark');

export interface BenchmarkPage {
  id: string;
  url: string;
  truth: string;
}

interface GroundTruthEntry {
  articleBody: string;
  url: string;
}

/** The 181 pages, sorted by id. */
export function loadPages(dir = EXTRACTION_DATA_DIR): BenchmarkPage[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, GroundTruthEntry>;
  const ids = readdirSync(join(dir, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .map((name) => name.slice(0, -'.html.gz'.length))
    .sort();
  return ids.flatMap((id) => {
    const entry = truth[id];
    return entry === undefined ? [] : [{ id, url: entry.url, truth: entry.articleBody }];
  });
}

/** A page's HTML as bytes (every page is UTF-8). */
export function loadHtml(id: string, dir = EXTRACTION_DATA_DIR): Uint8Array {
  return new Uint8Array(gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))));
}

/** A published system output: `{ output: { id: { articleBody } } }` or a flat map. */
export function loadPublishedOutput(name: string, dir = EXTRACTION_DATA_DIR): Map<string, string> {
  const json = JSON.parse(readFileSync(join(dir, 'published-outputs', `${name}.json`), 'utf8')) as
    | { output: Record<string, { articleBody?: string | null }> }
    | Record<string, { articleBody?: string | null }>;
  const entries = 'output' in json && typeof json.output === 'object' ? json.output : json;
  const map = new Map<string, string>();
  for (const [id, value] of Object.entries(entries as Record<string, { articleBody?: string | null }>)) {
    map.set(id, value.articleBody ?? '');
  }
  return map;
}

export function truthMap(pages: readonly BenchmarkPage[]): Map<string, string> {
  return new Map(pages.map((page) => [page.id, page.truth]));
}
