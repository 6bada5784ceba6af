import { queueList } from '@newsflow/runtime/queues';
import type { Runnable, ServiceDefinition } from '@newsflow/runtime/service';
import type { PipelineContext } from '@newsflow/runtime/pipeline-context';
import { createPipelineDedupe } from '@newsflow/service-dedupe/worker';
import { createDashboardApp } from './app.ts';
import { loadConfig, type DashboardConfig } from './config.ts';
import { listen, type RunningServer } from './server.ts';

/** The dashboard as a Runnable: it listens when run and stops listening when closed. */
export async function dashboardRunnable(
  context: PipelineContext,
  config: DashboardConfig,
  onListening?: (url: string) => void,
): Promise<Runnable> {
  const dedupe = await createPipelineDedupe(context, {}, { reader: true });
  const app = createDashboardApp({
    queues: queueList(context.queues),
    dedupe,
    ...(config.DASHBOARD_USER && config.DASHBOARD_PASSWORD
      ? { credentials: { username: config.DASHBOARD_USER, password: config.DASHBOARD_PASSWORD } }
      : {}),
  });
  let server: Promise<RunningServer> | undefined;
  return {
    run() {
      server = listen(app, config.DASHBOARD_HOST, config.DASHBOARD_PORT);
      server.then(
        (running) => {
          context.logger.info({ url: running.url }, 'dashboard listening');
          onListening?.(running.url);
        },
        (error: Error) => context.logger.error({ err: error.message }, 'dashboard could not listen'),
      );
    },
    async close() {
      await (await server)?.close();
    },
  };
}

export const dashboardService: ServiceDefinition<DashboardConfig> = {
  name: 'dashboard',
  loadConfig,
  async build(context, config) {
    return [await dashboardRunnable(context, config)];
  },
};
