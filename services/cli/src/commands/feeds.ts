import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { feedIdFor } from '@newsflow/contracts/ids';
import { createFeedRegistry, normaliseFeedUrl, type FeedRegistry } from '@newsflow/fetch/feeds';
import { connected, createRedis } from '@newsflow/runtime/redis';
import { resolveRedis } from '../redis-server.ts';
import { parseArgs, writeLine } from '../io.ts';

export interface FeedsCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

const USAGE = `usage: newsflow feeds <command>
  add URL [--interval 15m] [--title TEXT]   subscribe to a feed (RSS, Atom or JSON Feed)
  list [--json]                             feeds with their state and next polling interval
  remove ID|URL                             unsubscribe (forgets its state and seen entries)
  import FILE [--interval 15m]              OPML, or a plain list with one URL a line
  Intervals: 90s, 15m, 2h, 1d or milliseconds. Redis: REDIS_URL, else the project's private server.`;

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** "90s", "15m", "2h", "1d" or a number of milliseconds. */
export function parseInterval(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (match === null) return undefined;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(match[1]) * unit);
}

function formatInterval(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

/** The one place this command connects to Redis (to be replaced by the shared helper). */
async function openRegistry(io: FeedsCommandIo): Promise<{ registry: FeedRegistry; close(): Promise<void> }> {
  const server = await resolveRedis(io.env, io.cwd ?? process.cwd());
  const redis = await connected(createRedis(server.url, 'store'));
  const registry = createFeedRegistry({ redis, prefix: io.env['NEWSFLOW_PREFIX'] ?? 'newsflow' });
  return {
    registry,
    async close() {
      await redis.quit();
      await server.release();
    },
  };
}

/** `newsflow feeds add|list|remove|import`. Exit 0 done, 1 failed, 2 usage. */
export async function run(args: string[], io: FeedsCommandIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, ['interval', 'title']);
  const [command, argument, ...extra] = positionals;
  const needsArgument = command === 'add' || command === 'remove' || command === 'import';
  const known = command === 'list' || needsArgument;
  if (flags.has('help') || !known || (needsArgument && argument === undefined) || extra.length > 0 || (command === 'list' && argument !== undefined)) {
    writeLine(flags.has('help') ? io.stdout : io.stderr, USAGE);
    return flags.has('help') ? 0 : 2;
  }
  let intervalMs: number | undefined;
  const interval = flags.get('interval');
  if (interval !== undefined) {
    intervalMs = typeof interval === 'string' ? parseInterval(interval) : undefined;
    if (intervalMs === undefined) {
      writeLine(io.stderr, `newsflow feeds: --interval needs a duration such as 90s, 15m, 2h`);
      return 2;
    }
  }
  const title = flags.get('title');
  let file: string | undefined;
  if (command === 'import') {
    const path = isAbsolute(argument ?? '') ? (argument ?? '') : resolve(io.cwd ?? process.cwd(), argument ?? '');
    try {
      const buffer = await readFile(path);
      if (buffer.byteLength > MAX_IMPORT_BYTES) throw new Error(`over ${MAX_IMPORT_BYTES} bytes`);
      file = buffer.toString('utf8');
    } catch (error) {
      writeLine(io.stderr, `newsflow feeds: cannot read ${argument}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  }
  const { registry, close } = await openRegistry(io);
  try {
    switch (command) {
      case 'add': {
        const { feed, created } = await registry.add(argument ?? '', {
          ...(intervalMs === undefined ? {} : { intervalMs }),
          ...(typeof title === 'string' ? { title } : {}),
        });
        writeLine(io.stdout, `${created ? 'added' : 'already subscribed'}  ${feed.id}  ${feed.url}  every ${formatInterval(feed.intervalMs)}`);
        return 0;
      }
      case 'list': {
        const feeds = await registry.list();
        if (flags.has('json')) {
          writeLine(io.stdout, JSON.stringify(feeds, null, 2));
          return 0;
        }
        if (feeds.length === 0) writeLine(io.stdout, 'no feeds: add one with `newsflow feeds add URL`');
        for (const feed of feeds) {
          const state = feed.state;
          const health = state.failures > 0 ? `failing ×${state.failures}: ${state.lastError ?? ''}` : state.lastFetchedAt === undefined ? 'never polled' : `ok (${state.lastStatus ?? '?'})`;
          writeLine(io.stdout, `${feed.id}  ${feed.url}${feed.title === undefined ? '' : `  "${feed.title}"`}`);
          writeLine(io.stdout, `    every ${formatInterval(feed.intervalMs)} → next in ${formatInterval(feed.nextIntervalMs)}; ${health}`);
        }
        return 0;
      }
      case 'remove': {
        const target = argument ?? '';
        const normal = normaliseFeedUrl(target);
        const id = normal === undefined ? target : feedIdFor(normal);
        if (await registry.remove(id)) {
          writeLine(io.stdout, `removed  ${id}`);
          return 0;
        }
        writeLine(io.stderr, `newsflow feeds: no feed ${target}`);
        return 1;
      }
      case 'import': {
        const result = await registry.importText(file ?? '', intervalMs === undefined ? {} : { intervalMs });
        for (const feed of result.added) writeLine(io.stdout, `added     ${feed.id}  ${feed.url}`);
        for (const feed of result.existing) writeLine(io.stdout, `existing  ${feed.id}  ${feed.url}`);
        for (const line of result.invalid) writeLine(io.stderr, `skipped   ${line} (not an http(s) URL)`);
        writeLine(io.stdout, `${result.added.length} added, ${result.existing.length} already there, ${result.invalid.length} skipped`);
        return 0;
      }
    }
    return 2;
  } catch (error) {
    writeLine(io.stderr, `newsflow feeds: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await close();
  }
}
