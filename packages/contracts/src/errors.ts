/**
 * Stage errors. A RetryableError (or any unknown error) is retried with backoff; a PermanentError
 * fails the job at once. Only the worker wrapper turns a PermanentError into BullMQ's
 * UnrecoverableError: stage logic never imports bullmq.
 */
export type ErrorCode =
  | 'payload.invalid'
  | 'source.unreadable'
  | 'source.not_found'
  | 'fetch.timeout'
  | 'fetch.too_large'
  | 'fetch.too_many_redirects'
  | 'fetch.blocked_address'
  | 'fetch.robots_disallowed'
  | 'fetch.http_status'
  | 'fetch.unsupported_type'
  | 'fetch.network'
  | 'feed.malformed'
  | 'clean.empty'
  | 'clean.unparseable'
  | 'clean.undecodable'
  | 'store.missing'
  | 'internal';

export class StageError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details;
  }
}

/** Worth trying again later: timeouts, 5xx, 429, a Redis hiccup. */
export class RetryableError extends StageError {
  /** A server's Retry-After, when it gave one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown>; retryAfterMs?: number },
  ) {
    super(code, message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** Trying again cannot help: 404, robots disallow, an empty text, a blocked address. */
export class PermanentError extends StageError {}

export function isPermanent(error: unknown): error is PermanentError {
  return error instanceof PermanentError;
}

/** The typed reason recorded on a failed job: `code: message`. */
export function describeError(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof StageError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
