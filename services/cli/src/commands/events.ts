import { createPipelineContext } from '@newsflow/runtime/pipeline-context';
import { createPipelineDedupe } from '@newsflow/service-dedupe/worker';
import { cliLogger } from '../pipeline.ts';
import { resolveRedis } from '../redis-server.ts';
import { formatEvent } from '../format.ts';
import { parseArgs, writeLine, type CommandIo } from '../io.ts';

/** `newsflow events [--json] [--limit N]`: the newest events in the store. */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const { flags } = parseArgs(args, ['limit']);
  const redis = await resolveRedis(io.env, io.cwd);
  const logger = cliLogger(io.env, 'warn');
  const context = await createPipelineContext({ redisUrl: redis.url, prefix: io.env['NEWSFLOW_PREFIX'] ?? 'newsflow', logger });
  try {
    const dedupe = await createPipelineDedupe(context, {}, { reader: true });
    const events = await dedupe.events({ limit: Number(flags.get('limit') ?? 50) });
    if (flags.has('json')) writeLine(io.stdout, JSON.stringify(events, null, 2));
    else for (const event of events) writeLine(io.stdout, `${formatEvent(event)}\n`);
    return 0;
  } finally {
    await context.close();
    await redis.release();
  }
}

