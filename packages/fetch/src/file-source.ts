import { open, realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PermanentError } from '@newsflow/contracts/errors';
import { mediaTypeForExtension, sniffMediaType } from './sniff.ts';

export interface FileRead {
  body: Uint8Array;
  contentType: string;
  finalUrl: string;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Refuses paths that resolve (symlinks included) outside every allowed directory. */
async function assertInsideRoots(absolute: string, roots: readonly string[], shown: string): Promise<void> {
  const real = await realpath(absolute);
  for (const root of roots) {
    const realRoot = await realpath(resolve(root)).catch(() => undefined);
    if (realRoot !== undefined && (real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep))) return;
  }
  throw new PermanentError('source.unreadable', `${shown} is outside the directories file sources may be read from`, { details: { path: shown } });
}

/**
 * Reads a local source (the replay path) with a size cap. `.html`/`.htm` are HTML, `.txt` plain
 * text, anything else is sniffed; binary content is refused. Bytes are returned undecoded.
 */
export async function readFileSource(path: string, options: { maxBytes: number; cwd?: string; roots?: readonly string[] }): Promise<FileRead> {
  const absolute = resolve(options.cwd ?? process.cwd(), path);
  let handle;
  try {
    if (options.roots !== undefined) await assertInsideRoots(absolute, options.roots, path);
    handle = await open(absolute, 'r');
  } catch (error) {
    if (error instanceof PermanentError) throw error;
    if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') {
      throw new PermanentError('source.not_found', `no such file: ${path}`, { cause: error, details: { path } });
    }
    throw new PermanentError('source.unreadable', `cannot open ${path}: ${codeOf(error) ?? 'error'}`, { cause: error, details: { path } });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new PermanentError('source.unreadable', `not a regular file: ${path}`, { details: { path } });
    if (stat.size > options.maxBytes) {
      throw new PermanentError('fetch.too_large', `${path} is ${stat.size} bytes, over the ${options.maxBytes}-byte cap`, {
        details: { path, size: stat.size, maxBytes: options.maxBytes },
      });
    }
    // Read at most cap + 1 bytes: the file may grow between stat and read.
    const buffer = Buffer.alloc(Math.min(stat.size, options.maxBytes) + 1);
    let filled = 0;
    for (let reads = 0; filled < buffer.length && reads < 1_000_000; reads += 1) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > options.maxBytes) {
      throw new PermanentError('fetch.too_large', `${path} grew over the ${options.maxBytes}-byte cap`, { details: { path, maxBytes: options.maxBytes } });
    }
    const body = new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
    const contentType = mediaTypeForExtension(absolute) ?? sniffMediaType(body);
    if (contentType === undefined) {
      throw new PermanentError('fetch.unsupported_type', `${path} looks binary`, { details: { path } });
    }
    return { body, contentType, finalUrl: pathToFileURL(absolute).href };
  } catch (error) {
    if (error instanceof PermanentError) throw error;
    throw new PermanentError('source.unreadable', `cannot read ${path}: ${codeOf(error) ?? 'error'}`, { cause: error, details: { path } });
  } finally {
    await handle.close();
  }
}
