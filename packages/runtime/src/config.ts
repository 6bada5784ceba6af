import { z } from 'zod';

/**
 * Settings every process shares. Read from the environment only in main.ts / the CLI entry
 * (`loadRuntimeConfig(process.env)`), never at import time.
 */
export const RuntimeConfig = z.object({
  /** Redis to use; when absent, the CLI starts a private redis-server. */
  REDIS_URL: z.string().url().optional(),
  /** Key and queue prefix: one per deployment (and one per test). */
  NEWSFLOW_PREFIX: z.string().regex(/^[A-Za-z0-9_{}-]+$/).default('newsflow'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Jobs processed at once per worker process. */
  CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  /** How long a worker may take to finish its jobs on SIGTERM before it is forced down. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfig>;

export function loadRuntimeConfig(env: Record<string, string | undefined>): RuntimeConfig {
  return RuntimeConfig.parse(env);
}
