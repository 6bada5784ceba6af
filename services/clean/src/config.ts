import { z } from 'zod';
import { RuntimeConfig } from '@newsflow/runtime/config';

export const CleanConfig = RuntimeConfig.extend({
  /** DOM behind Readability: linkedom (fast) or jsdom (the reference). */
  CLEAN_DOM: z.enum(['linkedom', 'jsdom']).optional(),
});
export type CleanConfig = z.infer<typeof CleanConfig>;

export function loadConfig(env: Record<string, string | undefined>): CleanConfig {
  return CleanConfig.parse(env);
}
