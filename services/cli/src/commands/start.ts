import { onShutdown } from '@newsflow/runtime/service';
import { dashboardRunnable } from '@newsflow/service-dashboard/worker';
import { loadConfig as loadDashboardConfig } from '@newsflow/service-dashboard/config';
import { feedSchedulerRunnable } from '@newsflow/service-fetch/scheduler';
import { cliLogger, startPipeline } from '../pipeline.ts';
import { resolveRedis } from '../redis-server.ts';
import { writeLine, type CommandIo } from '../io.ts';

/**
 * `newsflow start`: every stage worker, the feed scheduler and the dashboard in one process
 * (the laptop setup; in production each service runs on its own: services/<name>/src/main.ts).
 * Runs until SIGINT/SIGTERM.
 */
export async function run(_args: string[], io: CommandIo): Promise<number> {
  const logger = cliLogger(io.env, 'info');
  const dashboardConfig = loadDashboardConfig(io.env);
  const redis = await resolveRedis(io.env, io.cwd);
  const pipeline = await startPipeline({
    redisUrl: redis.url,
    env: io.env,
    logger,
    extra: async (context) => [
      await feedSchedulerRunnable(context),
      await dashboardRunnable(context, dashboardConfig, (url) => writeLine(io.stdout, `dashboard: ${url}/  events: ${url}/events`)),
    ],
  });
  writeLine(io.stdout, `newsflow running on ${redis.origin === 'env' ? 'REDIS_URL' : redis.url}; Ctrl-C to stop`);
  onShutdown(logger, 20_000, [pipeline, { close: () => redis.release() }]);
  await new Promise<never>(() => {});
  return 0;
}
