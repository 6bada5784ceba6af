import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemIdFor, jobIdFor } from '@newsflow/contracts/ids';
import type { FetchPayload } from '@newsflow/contracts/payloads';
import { createFetcher } from '@newsflow/fetch/fetch-source';
import { createLanguageDetector } from '@newsflow/language/detector';
import { createEntityExtractor } from '@newsflow/entities/extractor';
import type { PipelineContext } from '@newsflow/runtime/pipeline-context';
import { fetchHandler } from '@newsflow/service-fetch/worker';
import { cleanHandler } from '@newsflow/service-clean/worker';
import { languageHandler } from '@newsflow/service-language/worker';
import { entitiesHandler } from '@newsflow/service-entities/worker';
import { createPipelineDedupe, dedupeHandler } from '@newsflow/service-dedupe/worker';
import { enqueueMany } from '@newsflow/runtime/queues';
import { REPO_ROOT } from '@newsflow/test/support/cli';
import { startStage, testPipelineContext } from '@newsflow/test/support/stage';

/** One seed through the five real workers, one worker at a time, on a real Redis. */
describe('each stage worker on a real Redis', () => {
  const path = `${REPO_ROOT}seeds/003_bb3b193bc24b719b.txt`;
  const source = { kind: 'file' as const, path };
  const payload: FetchPayload = { itemId: itemIdFor(source), sourceId: '003_bb3b193bc24b719b.txt', source };
  const { itemId } = payload;
  let context: PipelineContext;

  beforeAll(async () => {
    context = await testPipelineContext('stages');
  });
  afterAll(async () => context.close());

  async function nextJobExists(stage: 'clean' | 'language' | 'entities' | 'dedupe'): Promise<boolean> {
    return (await context.queues[stage].getJob(jobIdFor(stage, itemId))) !== undefined;
  }

  it('fetch stores the file as bytes with its type and enqueues clean', async () => {
    const fetcher = createFetcher({ contactUrl: 'https://example.org/bot', fileRoots: [`${REPO_ROOT}seeds`] });
    const stage = await startStage('fetch', (ctx) => fetchHandler({ store: ctx.store, fetcher, enqueue: (jobs) => enqueueMany(ctx.queues, jobs) }), context);
    await stage.process(payload);
    await stage.close();
    expect(await context.store.get('fetch', itemId)).toMatchObject({ sourceId: payload.sourceId, contentType: 'text/plain', status: 200 });
    expect((await context.store.getBody(itemId))?.byteLength).toBeGreaterThan(1000);
    expect(await nextJobExists('clean')).toBe(true);
  });

  it('clean stores the article text without the page furniture and enqueues language', async () => {
    const stage = await startStage('clean', (ctx) => cleanHandler({ store: ctx.store }), context);
    await stage.process({ itemId });
    await stage.close();
    const document = await context.store.get('clean', itemId);
    expect(document?.title).toContain('Kreml potwierdza');
    expect(document?.text).toContain('ODKB');
    expect(document?.text).not.toContain('Watykan');
    expect(await nextJobExists('language')).toBe(true);
  });

  it('language stores pl with its confidence and enqueues entities', async () => {
    const detector = await createLanguageDetector();
    const stage = await startStage('language', (ctx) => languageHandler({ store: ctx.store, detector }), context);
    await stage.process({ itemId });
    await stage.close();
    const result = await context.store.get('language', itemId);
    expect(result).toMatchObject({ itemId, language: 'pl', reliable: true });
    expect(result?.confidence).toBeGreaterThan(0.5);
    expect(await nextJobExists('entities')).toBe(true);
  });

  it('entities stores linked entities with their surface forms and enqueues dedupe', async () => {
    const extractor = await createEntityExtractor();
    const stage = await startStage('entities', (ctx) => entitiesHandler({ store: ctx.store, extractor }), context);
    await stage.process({ itemId });
    await stage.close();
    const lukashenko = (await context.store.get('entities', itemId))?.entities.find((entity) => entity.name === 'Alexander Lukashenko');
    expect(lukashenko?.kind).toBe('person');
    expect(lukashenko?.surfaceForms).toEqual(expect.arrayContaining(['Łukaszence']));
    expect(await nextJobExists('dedupe')).toBe(true);
  });

  it('dedupe puts the article in an event, records the outcome, and changes nothing when run again', async () => {
    const dedupe = await createPipelineDedupe(context, {});
    const stage = await startStage('dedupe', (ctx) => dedupeHandler({ store: ctx.store, dedupe }), context);
    await stage.process({ itemId });
    const first = await context.store.get('dedupe', itemId);
    expect(first?.outcome).toBe('new-event');
    expect((await context.store.item(itemId)).outcome).toMatchObject({ status: 'done', eventId: first?.eventId });
    const before = await dedupe.stats();

    await context.queues.dedupe.remove(jobIdFor('dedupe', itemId));
    await stage.process({ itemId });
    await stage.close();
    expect(await context.store.get('dedupe', itemId)).toMatchObject({ outcome: 'unchanged', eventId: first?.eventId });
    expect(await dedupe.stats()).toEqual(before);
  });
});
