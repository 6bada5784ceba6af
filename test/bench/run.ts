/**
 * `pnpm bench`: the queue ceiling against our pipeline wrapper, side by side in one process.
 * A chain of five queues with no-op processors, first raw BullMQ, then our stage workers
 * (contract parsing, typed enqueue, outcome record) — all on one private redis-server. A third
 * variant keeps completed jobs as we do (for replay dedupe), to separate that cost from the wrapper's.
 * Prints items/s per run and the median ratio. Options: --items N (2000), --runs N (3).
 */
import { Queue, Worker, QueueEvents } from 'bullmq';
import { STAGES, nextStage, type Stage } from '@newsflow/contracts/stages';
import { startLocalRedis } from '@newsflow/runtime/local-redis';
import { createLogger } from '@newsflow/runtime/logger';
import { createPipelineContext } from '@newsflow/runtime/pipeline-context';
import { enqueueMany, KEEP_COMPLETED } from '@newsflow/runtime/queues';
import { loadRuntimeConfig } from '@newsflow/runtime/config';
import { stageRunnable } from '@newsflow/runtime/service';
import type { StageHandler } from '@newsflow/runtime/stage-worker';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}
const ITEMS = option('items', 2000);
const RUNS = option('runs', 3);
const CONCURRENCY = 50;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function untilCompleted(url: string, prefix: string, count: number, start: () => Promise<void>): Promise<number> {
  const events = new QueueEvents('dedupe', { connection: { url }, prefix });
  await events.waitUntilReady();
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    events.on('completed', () => {
      if (++done === count) resolve();
    });
  });
  const started = performance.now();
  await start();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await events.close();
  return count / seconds;
}

async function rawChain(url: string, run: number, keep: boolean): Promise<number> {
  const prefix = `bench-raw-${keep ? 'keep-' : ''}${run}`;
  const removeOnComplete = keep ? KEEP_COMPLETED : true;
  const connection = { url };
  const queues = Object.fromEntries(STAGES.map((stage) => [stage, new Queue(stage, { connection, prefix })])) as Record<Stage, Queue>;
  const workers = STAGES.map(
    (stage) =>
      new Worker(
        stage,
        async (job) => {
          const next = nextStage(stage);
          if (next) await queues[next].add(next, job.data, { jobId: `${next}-${job.data.itemId}`, removeOnComplete });
        },
        { connection: { url, maxRetriesPerRequest: null }, prefix, concurrency: CONCURRENCY },
      ),
  );
  const rate = await untilCompleted(url, prefix, ITEMS, async () => {
    await queues.fetch.addBulk(
      Array.from({ length: ITEMS }, (_, i) => ({ name: 'fetch', data: { itemId: `item-${i}` }, opts: { jobId: `fetch-item-${i}`, removeOnComplete } })),
    );
  });
  await Promise.all(workers.map((worker) => worker.close()));
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
  return rate;
}

async function newsflowChain(url: string, run: number): Promise<number> {
  const context = await createPipelineContext({ redisUrl: url, prefix: `bench-nf-${run}`, logger: createLogger({ level: 'silent' }) });
  const config = loadRuntimeConfig({ CONCURRENCY: String(CONCURRENCY) });
  const handlerFor = <S extends Stage>(stage: S): StageHandler<S> => async ({ itemId }) => {
    const next = nextStage(stage);
    return next
      ? { next: [{ stage: next, payload: { itemId } }] as never }
      : { next: [], outcome: { status: 'done', stage, at: new Date().toISOString(), eventId: 'bench', result: 'new-event' } };
  };
  const runnables = STAGES.map((stage) => stageRunnable(context, config, stage, handlerFor(stage)));
  runnables.forEach((runnable) => runnable.run());
  const rate = await untilCompleted(url, context.prefix, ITEMS, () =>
    enqueueMany(
      context.queues,
      Array.from({ length: ITEMS }, (_, i) => ({
        stage: 'fetch' as const,
        payload: { itemId: `item-${i}`, sourceId: `item-${i}`, source: { kind: 'file' as const, path: `/bench/${i}.txt` } },
      })),
    ),
  );
  await Promise.all(runnables.map((runnable) => runnable.close()));
  await context.close();
  return rate;
}

const redis = await startLocalRedis();
try {
  const raw: number[] = [];
  const rawKept: number[] = [];
  const ours: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    raw.push(await rawChain(redis.url, run, false));
    rawKept.push(await rawChain(redis.url, run, true));
    ours.push(await newsflowChain(redis.url, run));
    console.log(
      `run ${run + 1}: raw BullMQ ${raw[run]!.toFixed(0)} items/s, raw keeping completed jobs ${rawKept[run]!.toFixed(0)}, newsflow ${ours[run]!.toFixed(0)}`,
    );
  }
  const ratio = (a: number[], b: number[]) => median(a.map((value, i) => value / b[i]!)).toFixed(2);
  console.log(
    `\n${ITEMS} items × 5 queues, concurrency ${CONCURRENCY}, one process, ${RUNS} runs (medians): ` +
      `raw ${median(raw).toFixed(0)} items/s (${(median(raw) * 5).toFixed(0)} jobs/s), ` +
      `raw keeping completed jobs ${median(rawKept).toFixed(0)}, newsflow ${median(ours).toFixed(0)} items/s; ` +
      `ratios: newsflow/raw ${ratio(ours, raw)}, newsflow/raw-keeping ${ratio(ours, rawKept)}, raw-keeping/raw ${ratio(rawKept, raw)}`,
  );
} finally {
  await redis.stop();
}
