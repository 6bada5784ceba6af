import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clean, type CleanOptions } from '@newsflow/clean/clean';
import { itemIdFor } from '@newsflow/contracts/ids';
import type { RawDocument } from '@newsflow/contracts/documents';
import { describeError } from '@newsflow/contracts/errors';
import { parseArgs, writeLine, type CommandIo } from '../io.ts';
import { readJsonl } from '../jsonl.ts';

/** A local file as the fetch stage would hand it over. */
export async function rawFromFile(path: string): Promise<{ raw: RawDocument; body: Uint8Array }> {
  const body = new Uint8Array(await readFile(path));
  const ext = extname(path).toLowerCase();
  const source = { kind: 'file' as const, path };
  return {
    body,
    raw: {
      itemId: itemIdFor(source),
      sourceId: basename(path),
      source,
      finalUrl: pathToFileURL(path).href,
      status: 200,
      contentType: ext === '.html' || ext === '.htm' ? 'text/html' : 'text/plain',
      fetchedAt: new Date().toISOString(),
      byteLength: body.byteLength,
    },
  };
}

/**
 * `newsflow extract FILE.html|FILE.txt [--dom jsdom|linkedom]`: the clean stage's result as JSON.
 * `--jsonl` reads lines `{"path": …}` or `{"html"|"text": …, "url"?: …}` from stdin instead.
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, ['dom']);
  const dom = flags.get('dom');
  const options: CleanOptions | undefined = dom === 'jsdom' || dom === 'linkedom' ? { dom } : undefined;
  if (flags.has('jsonl')) {
    let failures = 0;
    for await (const record of readJsonl(io.stdin)) {
      try {
        const input = await inputFromRecord(record, io.cwd);
        writeLine(io.stdout, JSON.stringify(await clean(input.raw, input.body, options)));
      } catch (error) {
        failures++;
        writeLine(io.stdout, JSON.stringify({ error: describeError(error) }));
      }
    }
    return failures > 0 ? 1 : 0;
  }
  const path = positionals[0];
  if (!path) {
    writeLine(io.stderr, 'usage: newsflow extract FILE.html|FILE.txt [--dom jsdom|linkedom] | --jsonl < lines');
    return 2;
  }
  const input = await rawFromFile(resolve(io.cwd, path));
  try {
    writeLine(io.stdout, JSON.stringify(await clean(input.raw, input.body, options), null, 2));
    return 0;
  } catch (error) {
    writeLine(io.stderr, JSON.stringify({ error: describeError(error) }));
    return 1;
  }
}

async function inputFromRecord(record: Record<string, unknown>, cwd: string): Promise<{ raw: RawDocument; body: Uint8Array }> {
  if (typeof record['path'] === 'string') return rawFromFile(resolve(cwd, record['path']));
  const html = typeof record['html'] === 'string' ? record['html'] : undefined;
  const text = typeof record['text'] === 'string' ? record['text'] : undefined;
  const url = typeof record['url'] === 'string' ? record['url'] : 'about:blank';
  const body = new TextEncoder().encode(html ?? text ?? '');
  const source = { kind: 'url' as const, url: url === 'about:blank' ? 'http://localhost/' : url };
  return {
    body,
    raw: {
      itemId: itemIdFor(source),
      sourceId: url,
      source,
      finalUrl: url,
      status: 200,
      contentType: html !== undefined ? 'text/html' : 'text/plain',
      declaredCharset: 'utf-8',
      fetchedAt: new Date().toISOString(),
      byteLength: body.byteLength,
    },
  };
}
