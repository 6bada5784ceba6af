import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import type { Queue } from 'bullmq';
import type { Dedupe } from '@newsflow/dedupe/dedupe';

export interface DashboardDeps {
  queues: Queue[];
  dedupe: Dedupe;
  /** Required whenever the server is reachable beyond loopback. */
  credentials?: { username: string; password: string };
}

/** bull-board over every stage queue at `/`, the events as JSON at `/events`. */
export function createDashboardApp(deps: DashboardDeps): Hono {
  const app = new Hono();
  if (deps.credentials) app.use('*', basicAuth(deps.credentials));

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/events', async (c) => {
    const limit = Math.min(Number(c.req.query('limit') ?? 100) || 100, 1000);
    const since = c.req.query('since');
    return c.json(await deps.dedupe.events({ limit, ...(since ? { since } : {}) }));
  });
  app.get('/events/:id', async (c) => {
    const event = await deps.dedupe.event(c.req.param('id'));
    return event ? c.json(event) : c.json({ error: 'no such event' }, 404);
  });

  const board = new HonoAdapter(serveStatic);
  createBullBoard({
    queues: deps.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'newsflow' } },
  });
  board.setBasePath('/');
  app.route('/', board.registerPlugin());
  return app;
}
