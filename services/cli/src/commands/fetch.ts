import { isAbsolute, resolve } from 'node:path';
import { RetryableError, StageError, describeError } from '@newsflow/contracts/errors';
import { feedIdFor, itemIdFor } from '@newsflow/contracts/ids';
import type { FetchPayload, SourceRef } from '@newsflow/contracts/payloads';
import { createFetcher, type FetchOutcome } from '@newsflow/fetch/fetch-source';
import { loadConfig } from '@newsflow/service-fetch/config';
import { parseArgs, writeLine } from '../io.ts';

export interface FetchCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

const USAGE = `usage: newsflow fetch <url|file> [--json] [--feed] [--allow 127.0.0.1[,10.0.0.0/8…]] [--timeout MS] [--max-bytes N] [--ignore-robots]
  Runs the fetch stage once and prints status, final URL, content type, size and charset, or the typed refusal.
  --feed           treat the URL as a feed and list its entries
  --allow          addresses, CIDRs or hostnames that may be fetched although internal (repeatable, comma-separated)
  --ignore-robots  do not consult robots.txt (for pages you operate yourself)
  Environment: FETCH_CONTACT_URL, FETCH_ALLOW, FETCH_TIMEOUT_MS, FETCH_MAX_BYTES (as the fetch service).`;

function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

function collectAllow(args: string[]): string[] {
  const allow: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = arg === '--allow' ? args[i + 1] : arg.startsWith('--allow=') ? arg.slice('--allow='.length) : undefined;
    if (value !== undefined) allow.push(...value.split(',').map((part) => part.trim()).filter(Boolean));
  }
  return allow;
}

function positiveInt(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value === true || !Number.isInteger(number) || number <= 0) throw new Error(`--${name} needs a positive whole number`);
  return number;
}

function payloadFor(target: string, asFeed: boolean, cwd: string): FetchPayload {
  let source: SourceRef;
  if (isUrl(target)) source = asFeed ? { kind: 'feed', url: target, feedId: feedIdFor(target) } : { kind: 'url', url: target };
  else source = { kind: 'file', path: isAbsolute(target) ? target : resolve(cwd, target) };
  return { itemId: itemIdFor(source), sourceId: target, source };
}

function describeOutcome(outcome: FetchOutcome): string[] {
  if (outcome.kind === 'document') {
    const { raw } = outcome;
    return [
      `status    ${raw.status}`,
      `final URL ${raw.finalUrl}`,
      `type      ${raw.contentType}`,
      `size      ${raw.byteLength} bytes`,
      `charset   ${raw.declaredCharset ?? '(not declared: the clean stage will detect it)'}`,
    ];
  }
  const lines = [
    `status    ${outcome.status}${outcome.notModified ? ' (not modified)' : ''}`,
    `final URL ${outcome.finalUrl}`,
    `feed      ${outcome.feedId}${outcome.format === undefined ? '' : ` (${outcome.format})`}${outcome.title === undefined ? '' : ` "${outcome.title}"`}`,
    `entries   ${outcome.totalEntries} in the feed, ${outcome.entries.length} new`,
  ];
  for (const entry of outcome.entries) {
    if (entry.kind === 'url') lines.push(`  url     ${entry.payload.sourceId}${entry.title === undefined ? '' : `  "${entry.title}"`}`);
    else lines.push(`  inline  ${entry.raw.itemId}  ${entry.raw.contentType}, ${entry.raw.byteLength} bytes${entry.raw.feedTitle === undefined ? '' : `  "${entry.raw.feedTitle}"`}`);
  }
  return lines;
}

function jsonOutcome(outcome: FetchOutcome): unknown {
  if (outcome.kind === 'document') return { ok: true, kind: 'document', raw: outcome.raw };
  const { commit: _commit, entries, ...rest } = outcome;
  return {
    ok: true,
    ...rest,
    entries: entries.map((entry) => (entry.kind === 'url' ? entry : { kind: 'inline', raw: entry.raw, guid: entry.guid })),
  };
}

/** `newsflow fetch URL|FILE`: the fetch stage once, outside any queue. Exit 0 fetched, 1 refused/failed, 2 usage. */
export async function run(args: string[], io: FetchCommandIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, ['allow', 'timeout', 'max-bytes']);
  if (flags.has('help') || positionals.length !== 1) {
    writeLine(flags.has('help') ? io.stdout : io.stderr, USAGE);
    return flags.has('help') ? 0 : 2;
  }
  const target = positionals[0] ?? '';
  const json = flags.has('json');
  let timeoutMs: number | undefined;
  let maxBytes: number | undefined;
  let config;
  try {
    timeoutMs = positiveInt(flags.get('timeout'), 'timeout');
    maxBytes = positiveInt(flags.get('max-bytes'), 'max-bytes');
    config = loadConfig(io.env);
  } catch (error) {
    writeLine(io.stderr, `newsflow fetch: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const fetcher = createFetcher({
    contactUrl: config.FETCH_CONTACT_URL,
    allow: [...config.FETCH_ALLOW, ...collectAllow(args)],
    timeoutMs: timeoutMs ?? config.FETCH_TIMEOUT_MS,
    maxBytes: maxBytes ?? config.FETCH_MAX_BYTES,
    minGapMs: 0,
    ...(flags.has('ignore-robots') ? { robots: false as const } : {}),
  });
  try {
    const outcome = await fetcher.fetchSource(payloadFor(target, flags.has('feed'), io.cwd ?? process.cwd()));
    if (json) writeLine(io.stdout, JSON.stringify(jsonOutcome(outcome), null, 2));
    else for (const line of describeOutcome(outcome)) writeLine(io.stdout, line);
    return 0;
  } catch (error) {
    const { code, message } = describeError(error);
    const retryable = !(error instanceof StageError) || error instanceof RetryableError;
    const retryAfterMs = error instanceof RetryableError ? error.retryAfterMs : undefined;
    if (json) {
      writeLine(io.stdout, JSON.stringify({ ok: false, code, message, retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }, null, 2));
    } else {
      writeLine(io.stderr, `refused   ${code} (${retryable ? 'retryable' : 'permanent'})`);
      writeLine(io.stderr, `reason    ${message}`);
      if (retryAfterMs !== undefined) writeLine(io.stderr, `retry in  ${Math.round(retryAfterMs / 1000)} s`);
    }
    return 1;
  } finally {
    await fetcher.close();
  }
}
