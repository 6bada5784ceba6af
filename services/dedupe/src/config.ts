import { z } from 'zod';
import { RuntimeConfig } from '@newsflow/runtime/config';

export const DedupeConfig = RuntimeConfig.extend({
  /** How long an event stays open for new articles, by publication time. */
  DEDUPE_EVENT_WINDOW_HOURS: z.coerce.number().positive().optional(),
});
export type DedupeConfig = z.infer<typeof DedupeConfig>;

export function loadConfig(env: Record<string, string | undefined>): DedupeConfig {
  return DedupeConfig.parse(env);
}
