import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { RETRY_POLICY, type Stage } from '@newsflow/contracts/stages';
import { PAYLOADS, type PayloadOf } from '@newsflow/contracts/payloads';
import { describeError, isPermanent, PermanentError } from '@newsflow/contracts/errors';
import type { ArticleStore, ItemOutcome } from '@newsflow/store/article-store';
import { backoffDelay } from './backoff.ts';
import { jobLogger, type Logger } from './logger.ts';
import { enqueueMany, type StageJob, type StageQueues } from './queues.ts';

export interface StageContext {
  logger: Logger;
  jobId: string;
  attempt: number;
  /** Aborted when the worker shuts down or the job's lock is lost. */
  signal: AbortSignal | undefined;
}

/** What a handler returns: the jobs to enqueue next, and the item's outcome if it ends here. */
export interface StageOutput {
  next: StageJob[];
  outcome?: ItemOutcome;
  /** A few fields for the job's return value and the log line (never documents). */
  summary?: Record<string, string | number | boolean | undefined>;
}

export type StageHandler<S extends Stage> = (payload: PayloadOf<S>, context: StageContext) => Promise<StageOutput>;

export interface StageWorkerOptions<S extends Stage> {
  stage: S;
  handler: StageHandler<S>;
  connection: ConnectionOptions;
  prefix: string;
  queues: StageQueues;
  store: ArticleStore;
  logger: Logger;
  concurrency: number;
  clock?: () => Date;
}

/**
 * The thin BullMQ wrapper every stage shares: parse the payload against the contract, hand it
 * to the stage's handler, enqueue what comes next, record the outcome. A PermanentError or an
 * invalid payload fails the job at once (UnrecoverableError); anything else is retried with
 * backoff, and the item is marked failed once its last attempt fails.
 */
export function createStageWorker<S extends Stage>(options: StageWorkerOptions<S>): Worker {
  const { stage, handler, queues, store, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const policy = RETRY_POLICY[stage];

  const process = async (job: Job, _token?: string, signal?: AbortSignal): Promise<Record<string, unknown>> => {
    const log = jobLogger(logger, job);
    const parsed = PAYLOADS[stage].safeParse(job.data);
    if (!parsed.success) {
      const error = new PermanentError('payload.invalid', `invalid ${stage} payload: ${parsed.error.message}`);
      await recordFailure(job.data, error, log);
      throw new UnrecoverableError(`${error.code}: ${error.message}`);
    }
    const payload = parsed.data as PayloadOf<S>;
    const started = performance.now();
    try {
      const output = await handler(payload, {
        logger: log,
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        signal,
      });
      if (output.next.length > 0) await enqueueMany(queues, output.next);
      if (output.outcome) await store.recordOutcome(payload.itemId, output.outcome);
      const ms = Math.round(performance.now() - started);
      log.info({ itemId: payload.itemId, ms, next: output.next.length, ...output.summary }, `${stage} done`);
      return { itemId: payload.itemId, ms, ...output.summary };
    } catch (error) {
      const { code, message } = describeError(error);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? policy.attempts);
      log.warn({ itemId: payload.itemId, code, err: message, lastAttempt, permanent: isPermanent(error) }, `${stage} failed`);
      if (isPermanent(error) || lastAttempt) await recordFailure(payload, error, log);
      if (isPermanent(error)) throw new UnrecoverableError(`${code}: ${message}`);
      throw error;
    }
  };

  async function recordFailure(data: unknown, error: unknown, log: Logger): Promise<void> {
    const itemId = (data as { itemId?: unknown } | null)?.itemId;
    if (typeof itemId !== 'string' || itemId === '') return;
    const { code, message } = describeError(error);
    try {
      await store.recordOutcome(itemId, { status: 'failed', stage, at: clock().toISOString(), code, message });
    } catch (storeError) {
      log.error({ itemId, err: describeError(storeError).message }, 'could not record the failure');
    }
  }

  const worker = new Worker(stage, process, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    autorun: false,
    settings: {
      backoffStrategy: (attemptsMade, _type, error) => backoffDelay(attemptsMade, policy.backoffMs, error),
    },
  });
  worker.on('error', (error) => logger.error({ queue: stage, err: error.message }, 'worker error'));
  return worker;
}
