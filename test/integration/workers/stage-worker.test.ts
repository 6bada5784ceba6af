import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '@newsflow/contracts/errors';
import { jobIdFor } from '@newsflow/contracts/ids';
import { startStage, type StageHarness } from '@newsflow/test/support/stage';

describe('the stage worker wrapper', () => {
  let harness: StageHarness<'language'> | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('hands the payload to the handler and enqueues the next stage with a deterministic id', async () => {
    const seen: string[] = [];
    harness = await startStage('language', () => async ({ itemId }) => {
      seen.push(itemId);
      return { next: [{ stage: 'entities', payload: { itemId } }] };
    });
    await harness.process({ itemId: 'item-1' });
    expect(seen).toEqual(['item-1']);
    const next = await harness.context.queues.entities.getJob(jobIdFor('entities', 'item-1'));
    expect(next?.data).toEqual({ itemId: 'item-1' });
  });

  it('fails a job at once on a permanent error and records the typed reason', async () => {
    let calls = 0;
    harness = await startStage('language', () => async () => {
      calls++;
      throw new PermanentError('clean.empty', 'nothing to read');
    });
    await expect(harness.process({ itemId: 'item-2' })).rejects.toThrow('clean.empty: nothing to read');
    expect(calls).toBe(1);
    const job = await harness.context.queues.language.getJob(jobIdFor('language', 'item-2'));
    expect(job?.failedReason).toBe('clean.empty: nothing to read');
    expect((await harness.context.store.item('item-2')).outcome).toMatchObject({ status: 'failed', stage: 'language', code: 'clean.empty' });
  });

  it('retries a retryable error and succeeds when the cause goes away', async () => {
    let calls = 0;
    harness = await startStage('language', () => async () => {
      calls++;
      if (calls < 3) throw new RetryableError('fetch.timeout', 'slow', { retryAfterMs: 10 });
      return { next: [] };
    });
    await harness.process({ itemId: 'item-3' });
    expect(calls).toBe(3);
    expect((await harness.context.store.item('item-3')).outcome).toBeUndefined();
  });

  it('marks the item failed once its last attempt fails', async () => {
    harness = await startStage('language', () => async () => {
      throw new RetryableError('fetch.timeout', 'always slow', { retryAfterMs: 5 });
    });
    await expect(harness.process({ itemId: 'item-4' })).rejects.toThrow('always slow');
    expect((await harness.context.store.item('item-4')).outcome).toMatchObject({ status: 'failed', code: 'fetch.timeout' });
  });

  it('refuses a payload that breaks the contract without calling the handler', async () => {
    let calls = 0;
    harness = await startStage('language', () => async () => {
      calls++;
      return { next: [] };
    });
    await harness.context.queues.language.add('language', { itemId: 'Bad:Id' } as never, { jobId: 'language-bad', attempts: 3 });
    await expect(harness.finished('language-bad')).rejects.toThrow(/payload\.invalid/);
    expect(calls).toBe(0);
  });
});
