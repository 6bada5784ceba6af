import type { z } from 'zod';
import { RuntimeConfig } from '@newsflow/runtime/config';

export const LanguageConfig = RuntimeConfig;
export type LanguageConfig = z.infer<typeof LanguageConfig>;

export function loadConfig(env: Record<string, string | undefined>): LanguageConfig {
  return LanguageConfig.parse(env);
}
