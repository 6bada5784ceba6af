import { z } from 'zod';
import { RuntimeConfig } from '@newsflow/runtime/config';

const list = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(',').map((part) => part.trim()).filter(Boolean) : []));

export const FetchConfig = RuntimeConfig.extend({
  /** A page about this crawler and how to reach its operators, sent in the User-Agent. */
  FETCH_CONTACT_URL: z.url().default('https://github.com/newsflow/newsflow#crawler'),
  /** Largest body kept, after decompression. */
  FETCH_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Whole-request deadline. */
  FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Addresses (CIDRs or hosts) allowed although not public, e.g. `127.0.0.1/32` for a local test server. */
  FETCH_ALLOW: list,
  /**
   * Folders whose files may be fetched as `file` sources (the replay path). Payloads come from
   * a shared queue, so a worker reads no file outside them. Default: the working directory.
   */
  FETCH_FILE_ROOTS: list,
  /** Smallest gap between two requests to one host. */
  FETCH_MIN_HOST_GAP_MS: z.coerce.number().int().min(0).default(1_000),
});
export type FetchConfig = z.infer<typeof FetchConfig>;

export function loadConfig(env: Record<string, string | undefined>): FetchConfig {
  return FetchConfig.parse(env);
}
