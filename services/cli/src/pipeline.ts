import { createLogger, type Logger } from '@newsflow/runtime/logger';
import { createPipelineContext, type PipelineContext } from '@newsflow/runtime/pipeline-context';
import { closeWithin, type Runnable, type ServiceDefinition } from '@newsflow/runtime/service';
import type { RuntimeConfig } from '@newsflow/runtime/config';
import { fetchService } from '@newsflow/service-fetch/worker';
import { cleanService } from '@newsflow/service-clean/worker';
import { languageService } from '@newsflow/service-language/worker';
import { entitiesService } from '@newsflow/service-entities/worker';
import { dedupeService } from '@newsflow/service-dedupe/worker';

/** Every stage, in pipeline order: `newsflow start` runs them all in one process. */
export const STAGE_SERVICES: readonly ServiceDefinition<RuntimeConfig>[] = [
  fetchService as unknown as ServiceDefinition<RuntimeConfig>,
  cleanService as unknown as ServiceDefinition<RuntimeConfig>,
  languageService as unknown as ServiceDefinition<RuntimeConfig>,
  entitiesService as unknown as ServiceDefinition<RuntimeConfig>,
  dedupeService as unknown as ServiceDefinition<RuntimeConfig>,
];

export interface RunningPipeline {
  context: PipelineContext;
  close(): Promise<void>;
}

/** The CLI logs to stderr, so that stdout carries only the command's output. */
export function cliLogger(env: NodeJS.ProcessEnv, fallbackLevel: string): Logger {
  return createLogger({ level: env['LOG_LEVEL'] ?? fallbackLevel, name: 'newsflow', destination: 'stderr' });
}

export async function startPipeline(options: {
  redisUrl: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  extra?: (context: PipelineContext) => Promise<Runnable[]>;
}): Promise<RunningPipeline> {
  const prefix = options.env['NEWSFLOW_PREFIX'] ?? 'newsflow';
  const context = await createPipelineContext({ redisUrl: options.redisUrl, prefix, logger: options.logger });
  const env = { ...options.env, REDIS_URL: options.redisUrl };
  const runnables: Runnable[] = [];
  for (const service of STAGE_SERVICES) runnables.push(...(await service.build(context, service.loadConfig(env))));
  if (options.extra) runnables.push(...(await options.extra(context)));
  runnables.forEach((runnable) => runnable.run());
  return {
    context,
    async close() {
      await closeWithin(15_000, runnables);
      await context.close();
    },
  };
}
