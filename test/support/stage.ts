import { QueueEvents } from 'bullmq';
import { createLogger } from '@newsflow/runtime/logger';
import type { Stage } from '@newsflow/contracts/stages';
import type { PayloadOf } from '@newsflow/contracts/payloads';
import { jobIdFor } from '@newsflow/contracts/ids';
import { createPipelineContext, type PipelineContext } from '@newsflow/runtime/pipeline-context';
import { enqueue } from '@newsflow/runtime/queues';
import { loadRuntimeConfig } from '@newsflow/runtime/config';
import { stageRunnable, type Runnable } from '@newsflow/runtime/service';
import type { StageHandler } from '@newsflow/runtime/stage-worker';
import { testRedisUrl, uniquePrefix } from './redis.ts';

/** One stage worker on the test Redis, with its own prefix, and a way to run a job to its end. */
export interface StageHarness<S extends Stage> {
  context: PipelineContext;
  /** Enqueue a job and wait until it completes (resolves) or fails for good (rejects). */
  process(payload: PayloadOf<S>): Promise<unknown>;
  /** Wait until the job of this id, enqueued by the caller, completes (resolves) or fails for good (rejects). */
  finished(jobId: string): Promise<unknown>;
  close(): Promise<void>;
}

/** Pipeline context on the test Redis under a fresh prefix. */
export function testPipelineContext(label: string): Promise<PipelineContext> {
  return createPipelineContext({ redisUrl: testRedisUrl(), prefix: uniquePrefix(label), logger: createLogger({ level: 'silent' }) });
}

/** Start one stage's worker; with `shared`, on that context (closed by its owner, not here). */
export async function startStage<S extends Stage>(
  stage: S,
  handler: (context: PipelineContext) => StageHandler<S>,
  shared?: PipelineContext,
): Promise<StageHarness<S>> {
  const context = shared ?? (await testPipelineContext(stage));
  const config = loadRuntimeConfig({ CONCURRENCY: '2' });
  const worker: Runnable = stageRunnable(context, config, stage, handler(context));
  const events = new QueueEvents(stage, { connection: { url: testRedisUrl() }, prefix: context.prefix });
  await events.waitUntilReady();
  worker.run();
  // The events connection is ready before any job is added, so no finish notification can be missed.
  const finished = async (jobId: string) => {
    const job = await context.queues[stage].getJob(jobId);
    if (!job) throw new Error(`job ${jobId} was not added`);
    return job.waitUntilFinished(events, 60_000);
  };
  return {
    context,
    finished,
    async process(payload) {
      await enqueue(context.queues, { stage, payload } as Parameters<typeof enqueue>[1]);
      return finished(jobIdFor(stage, payload.itemId));
    },
    async close() {
      await worker.close();
      await events.close();
      if (!shared) await context.close();
    },
  };
}
