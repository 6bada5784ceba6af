import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventView } from '@newsflow/contracts/documents';
import { ArticleStore } from '@newsflow/store/article-store';
import { itemIdFor } from '@newsflow/contracts/ids';
import { testRedisUrl, uniquePrefix } from '@newsflow/test/support/redis';
import { REPO_ROOT, runCli, type CliResult } from '@newsflow/test/support/cli';

const SEEDS = `${REPO_ROOT}seeds`;
const FILES = {
  it: '000_282f55890694b8c2.txt',
  en16: '001_664aa4778fb2fdac.txt',
  en15: '002_dab3113d4f96252d.txt',
  pl: '003_bb3b193bc24b719b.txt',
} as const;

describe('newsflow replay seeds/', () => {
  const prefix = uniquePrefix('e2e-seeds');
  const env = { REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: prefix };
  let first: CliResult;
  let events: EventView[];
  let redis: Redis;

  beforeAll(async () => {
    first = await runCli(['replay', 'seeds', '--json'], env);
    events = JSON.parse(first.stdout) as EventView[];
    redis = new Redis(testRedisUrl());
  }, 240_000);

  afterAll(() => redis?.disconnect());

  const eventOf = (file: string) => events.find((event) => event.articles.some((article) => article.sourceId === file));
  const articleOf = (file: string) => eventOf(file)?.articles.find((article) => article.sourceId === file);

  it('processes all four seeds and exits 0', () => {
    expect(first.stderr).toContain('Replayed 4 item(s): 4 done, 0 failed; 4 new article(s)');
    expect(first.code).toBe(0);
  });

  it('detects the languages it, en, en, pl', () => {
    expect([FILES.it, FILES.en16, FILES.en15, FILES.pl].map((file) => articleOf(file)?.language)).toEqual(['it', 'en', 'en', 'pl']);
  });

  it('puts the English and the Polish report of the 16 August call in one event', () => {
    expect(eventOf(FILES.en16)?.id).toBeDefined();
    expect(eventOf(FILES.pl)?.id).toBe(eventOf(FILES.en16)?.id);
  });

  it('keeps the Italian report of a later call in an event of its own', () => {
    const italian = eventOf(FILES.it);
    expect(italian?.id).toBeDefined();
    expect(italian?.id).not.toBe(eventOf(FILES.en16)?.id);
    expect(italian?.articles.map((article) => article.sourceId)).toEqual([FILES.it]);
  });

  it('records why the Polish report joined: a score and the shared entities', () => {
    const polish = articleOf(FILES.pl);
    const english = articleOf(FILES.en16);
    const joined = [polish, english].find((article) => article?.evidence.matchedItemId !== undefined);
    expect(joined?.evidence.score).toBeGreaterThan(0);
    expect(joined?.evidence.sharedEntities.length).toBeGreaterThanOrEqual(3);
  });

  it('links Putin, Lukashenko, Belarus and Russia with one id each across it, en and pl', async () => {
    const store = new ArticleStore({ redis, prefix });
    const idsByFile = new Map<string, Map<string, string>>();
    for (const file of Object.values(FILES)) {
      const result = await store.get('entities', itemIdFor({ kind: 'file', path: `${SEEDS}/${file}` }));
      idsByFile.set(file, new Map((result?.entities ?? []).map((entity) => [entity.name, entity.id])));
    }
    for (const name of ['Vladimir Putin', 'Alexander Lukashenko', 'Belarus', 'Russia']) {
      const ids = new Set([...idsByFile.values()].map((byName) => byName.get(name)));
      expect(ids.size, `${name}: ${[...ids].join(', ')}`).toBe(1);
      expect([...ids][0], name).toBeDefined();
    }
  });

  it('cleans the Polish page: the article stays, navigation, credit and unrelated headlines go', async () => {
    const store = new ArticleStore({ redis, prefix });
    const clean = await store.get('clean', itemIdFor({ kind: 'file', path: `${SEEDS}/${FILES.pl}` }));
    expect(clean?.text).toContain('ODKB');
    expect(clean?.text).toContain('wszechstronna pomoc');
    for (const junk of ['Przejdź do treści', 'Fot. PAP', 'Nokaut! Niemcy', 'Watykan', 'Najnowsze']) {
      expect(clean?.text).not.toContain(junk);
    }
  });

  it('creates no new article or event when the seeds are replayed again', async () => {
    const second = await runCli(['replay', 'seeds', '--json'], env);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('0 new article(s), 0 new event(s)');
    const again = JSON.parse(second.stdout) as EventView[];
    expect(again.map((event) => event.id).sort()).toEqual(events.map((event) => event.id).sort());
  }, 240_000);
});
