import type { Worker } from 'bullmq';
import type { Stage } from '@newsflow/contracts/stages';
import type { RuntimeConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { createPipelineContext, type PipelineContext } from './pipeline-context.ts';
import { createRedis } from './redis.ts';
import { createStageWorker, type StageHandler } from './stage-worker.ts';

export interface Runnable {
  /** Start processing. */
  run(): void;
  close(): Promise<void>;
}

/** A BullMQ worker as a Runnable; closing it also closes the connection it was given. */
export function runnableWorker(worker: Worker, connection?: { disconnect(): void }): Runnable {
  return {
    run: () => {
      void worker.run();
    },
    async close() {
      await worker.close();
      connection?.disconnect();
    },
  };
}

/**
 * Close everything, but not for longer than `timeoutMs`: BullMQ's worker.close() waits for
 * active jobs without a deadline, and a stuck job must not keep a deploy waiting forever (its
 * lock then expires and another worker takes the job over: nothing is lost).
 */
export async function closeWithin(timeoutMs: number, parts: readonly { close(): Promise<void> }[]): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const closing = Promise.allSettled(parts.map((part) => part.close())).then(() => true as const);
  const closed = await Promise.race([closing, deadline]);
  clearTimeout(timer);
  return closed;
}

export interface ServiceDefinition<C extends RuntimeConfig = RuntimeConfig> {
  name: string;
  /** The service's own settings (its config.ts), on top of the shared ones. */
  loadConfig(env: Record<string, string | undefined>): C;
  /** Build the service's runnables from the shared pipeline context. */
  build(context: PipelineContext, config: C): Promise<Runnable[]>;
}

/** A stage worker as a Runnable, on a blocking connection of its own. */
export function stageRunnable<S extends Stage>(
  context: PipelineContext,
  config: RuntimeConfig,
  stage: S,
  handler: StageHandler<S>,
): Runnable {
  const connection = createRedis(context.redisUrl, 'worker');
  return runnableWorker(
    createStageWorker({
      stage,
      handler,
      connection,
      prefix: context.prefix,
      queues: context.queues,
      store: context.store,
      logger: context.logger,
      concurrency: config.CONCURRENCY,
    }),
    connection,
  );
}

/** The whole of a service's main.ts: config, logger, connections, signals. */
export async function runService<C extends RuntimeConfig>(
  definition: ServiceDefinition<C>,
  env: Record<string, string | undefined>,
): Promise<void> {
  const config = definition.loadConfig(env);
  const logger: Logger = createLogger({ level: config.LOG_LEVEL, name: definition.name });
  if (!config.REDIS_URL) {
    logger.fatal('REDIS_URL is required to run a single service (`newsflow start` starts a local Redis for you)');
    process.exit(2);
  }
  const context = await createPipelineContext({ redisUrl: config.REDIS_URL, prefix: config.NEWSFLOW_PREFIX, logger });
  const runnables = await definition.build(context, config);
  runnables.forEach((runnable) => runnable.run());
  logger.info({ prefix: config.NEWSFLOW_PREFIX, concurrency: config.CONCURRENCY }, `${definition.name} started`);
  onShutdown(logger, config.SHUTDOWN_TIMEOUT_MS, [...runnables, context]);
}

export function onShutdown(logger: Logger, timeoutMs: number, parts: readonly { close(): Promise<void> }[]): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const clean = await closeWithin(timeoutMs, parts);
    if (!clean) logger.warn({ timeoutMs }, 'shutdown deadline passed; exiting with jobs still active');
    process.exit(clean ? 0 : 1);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

