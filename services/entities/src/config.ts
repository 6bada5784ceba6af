import type { z } from 'zod';
import { RuntimeConfig } from '@newsflow/runtime/config';

export const EntitiesConfig = RuntimeConfig;
export type EntitiesConfig = z.infer<typeof EntitiesConfig>;

export function loadConfig(env: Record<string, string | undefined>): EntitiesConfig {
  return EntitiesConfig.parse(env);
}
