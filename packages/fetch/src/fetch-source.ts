import type { RawDocument } from '@newsflow/contracts/documents';
import type { FetchPayload } from '@newsflow/contracts/payloads';
import { readFileSource } from './file-source.ts';

/** A page (or a file) fetched: the bytes as received, and what the transport said about them. */
export interface DocumentOutcome {
  kind: 'document';
  raw: RawDocument;
  body: Uint8Array;
}

export type FetchOutcome = DocumentOutcome;

export interface FetcherOptions {
  /** A page about the crawler and how to reach its operators: sent in the User-Agent. */
  contactUrl: string;
  /** Largest body kept, counted after decompression (bytes). Default 10 MiB. */
  maxBytes?: number;
  /** Base directory for relative file sources. Default: the process's working directory. */
  cwd?: string;
  /** Clock, for `fetchedAt`. */
  now?: () => Date;
}

export interface Fetcher {
  fetchSource(payload: FetchPayload): Promise<FetchOutcome>;
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export function createFetcher(options: FetcherOptions): Fetcher {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const now = options.now ?? (() => new Date());

  async function fetchSource(payload: FetchPayload): Promise<FetchOutcome> {
    const { source } = payload;
    switch (source.kind) {
      case 'file': {
        const file = await readFileSource(source.path, { maxBytes, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
        const raw: RawDocument = {
          itemId: payload.itemId,
          sourceId: payload.sourceId,
          source,
          finalUrl: file.finalUrl,
          status: 200,
          contentType: file.contentType,
          fetchedAt: now().toISOString(),
          byteLength: file.body.byteLength,
        };
        return { kind: 'document', raw, body: file.body };
      }
      default:
        throw new Error(`source kind ${source.kind} not implemented yet`);
    }
  }

  return { fetchSource, close: async () => {} };
}
