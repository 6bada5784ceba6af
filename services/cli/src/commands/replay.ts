import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { itemIdFor, jobIdFor } from '@newsflow/contracts/ids';
import type { EventView } from '@newsflow/contracts/documents';
import type { FetchPayload } from '@newsflow/contracts/payloads';
import { ArticleStore, type ItemOutcome } from '@newsflow/store/article-store';
import { createRedis, connected } from '@newsflow/runtime/redis';
import { enqueueMany, type StageQueues } from '@newsflow/runtime/queues';
import { STAGES } from '@newsflow/contracts/stages';
import { createPipelineDedupe } from '@newsflow/service-dedupe/worker';
import { cliLogger, startPipeline } from '../pipeline.ts';
import { resolveRedis } from '../redis-server.ts';
import { formatEvent } from '../format.ts';
import { parseArgs, writeLine, type CommandIo } from '../io.ts';

const REPLAYABLE = new Set(['.txt', '.html', '.htm']);

export const usage = 'newsflow replay <dir|file>... [--json] [--timeout SECONDS]';

/** The files to replay: every .txt/.html in the folders given, and the files given, in name order. */
export function collectFiles(paths: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (statSync(absolute).isDirectory()) {
      for (const name of readdirSync(absolute).sort()) {
        if (REPLAYABLE.has(extname(name).toLowerCase())) files.push(resolve(absolute, name));
      }
    } else files.push(absolute);
  }
  return files;
}

/**
 * Push files through all five queues (workers in this process), wait for each item's outcome
 * on the outcome stream, and print the events they ended in. Items that already reached an event
 * are not processed again (replaying twice creates nothing new); items that failed are retried.
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, ['timeout']);
  if (positionals.length === 0) {
    writeLine(io.stderr, `usage: ${usage}`);
    return 2;
  }
  const files = collectFiles(positionals, io.cwd);
  const timeoutMs = Number(flags.get('timeout') ?? 300) * 1000;
  const logger = cliLogger(io.env, 'warn');
  const redis = await resolveRedis(io.env, io.cwd);
  // The in-process fetch workers may read the replayed files and nothing else.
  const fileRoots = [...new Set(files.map((file) => dirname(file)))].join(',');
  const pipeline = await startPipeline({ redisUrl: redis.url, env: { ...io.env, FETCH_FILE_ROOTS: fileRoots }, logger });
  const { context } = pipeline;
  const reader = await connected(createRedis(redis.url, 'worker'));
  try {
    const dedupe = await createPipelineDedupe(context, {}, { reader: true });
    const before = await dedupe.stats();
    const started = performance.now();

    const payloads: FetchPayload[] = files.map((path) => {
      const source = { kind: 'file' as const, path };
      return { itemId: itemIdFor(source), sourceId: basename(path), source };
    });
    // Items that reached their event before stand as they are; items that failed before are tried
    // again (the user may have fixed the file): their old jobs go, so the same ids can run anew.
    const fresh: FetchPayload[] = [];
    const outcomes = new Map<string, ItemOutcome>();
    for (const payload of payloads) {
      const existing = await context.queues.fetch.getJob(jobIdFor('fetch', payload.itemId));
      const recorded = (await context.store.item(payload.itemId)).outcome;
      if (existing && recorded?.status === 'done') {
        outcomes.set(payload.itemId, recorded);
        continue;
      }
      if (recorded?.status === 'failed') await removeJobs(context.queues, payload.itemId);
      fresh.push(payload);
    }
    const streamFrom = await context.store.lastOutcomeId();
    await enqueueMany(context.queues, fresh.map((payload) => ({ stage: 'fetch' as const, payload })));
    await waitForOutcomes(reader, context.store, new Set(fresh.map((p) => p.itemId)), streamFrom, outcomes, timeoutMs);

    const after = await dedupe.stats();
    const eventIds = [...new Set([...outcomes.values()].flatMap((o) => (o.status === 'done' ? [o.eventId] : [])))];
    const events: EventView[] = [];
    for (const id of eventIds) {
      const event = await dedupe.event(id);
      if (event && !events.some((known) => known.id === event.id)) events.push(event);
    }
    const failed = payloads.filter((p) => outcomes.get(p.itemId)?.status === 'failed');
    const missing = payloads.filter((p) => !outcomes.has(p.itemId));
    const summary =
      `Replayed ${payloads.length} item(s): ${payloads.length - failed.length - missing.length} done, ${failed.length} failed` +
      (missing.length ? `, ${missing.length} unfinished after ${timeoutMs / 1000} s` : '') +
      `; ${after.articles - before.articles} new article(s), ${after.events - before.events} new event(s); ` +
      `${events.length} event(s) in ${Math.round(performance.now() - started)} ms`;

    if (flags.has('json')) {
      writeLine(io.stdout, JSON.stringify(events, null, 2));
      writeLine(io.stderr, summary);
    } else {
      writeLine(io.stdout, summary);
      for (const event of events) writeLine(io.stdout, `\n${formatEvent(event)}`);
    }
    for (const payload of failed) {
      const outcome = outcomes.get(payload.itemId);
      if (outcome?.status === 'failed') {
        writeLine(io.stderr, `failed: ${payload.sourceId} at ${outcome.stage}: ${outcome.code}: ${outcome.message}`);
      }
    }
    for (const payload of missing) writeLine(io.stderr, `unfinished: ${payload.sourceId}`);
    return missing.length > 0 ? 1 : 0;
  } finally {
    reader.disconnect();
    await pipeline.close();
    await redis.release();
  }
}

/** Remove an item's finished jobs at every stage (an active one stays: its worker holds it). */
async function removeJobs(queues: StageQueues, itemId: string): Promise<void> {
  for (const stage of STAGES) {
    const job = await queues[stage].getJob(jobIdFor(stage, itemId));
    if (job && ((await job.isFailed()) || (await job.isCompleted()))) await job.remove();
  }
}

async function waitForOutcomes(
  reader: Redis,
  store: ArticleStore,
  pending: Set<string>,
  fromId: string,
  outcomes: Map<string, ItemOutcome>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastId = fromId;
  while (pending.size > 0 && Date.now() < deadline) {
    const entries = await ArticleStore.readOutcomes(reader, store.outcomeStreamKey, lastId, Math.min(1000, Math.max(1, deadline - Date.now())));
    for (const entry of entries) {
      lastId = entry.id;
      if (!pending.has(entry.itemId)) continue;
      const outcome = (await store.item(entry.itemId)).outcome;
      if (outcome) {
        outcomes.set(entry.itemId, outcome);
        pending.delete(entry.itemId);
      }
    }
  }
}
