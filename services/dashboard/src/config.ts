import { z } from 'zod';
import { RuntimeConfig } from '@newsflow/runtime/config';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const DashboardConfig = RuntimeConfig.extend({
  DASHBOARD_HOST: z.string().default('127.0.0.1'),
  DASHBOARD_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DASHBOARD_USER: z.string().min(1).optional(),
  DASHBOARD_PASSWORD: z.string().min(12, 'use a password of 12 characters or more').optional(),
}).superRefine((config, context) => {
  // bull-board has no authentication of its own: anywhere but loopback, credentials are required.
  if (!LOOPBACK.has(config.DASHBOARD_HOST) && !(config.DASHBOARD_USER && config.DASHBOARD_PASSWORD)) {
    context.addIssue({
      code: 'custom',
      path: ['DASHBOARD_HOST'],
      message: `the dashboard binds to ${config.DASHBOARD_HOST}, beyond loopback: set DASHBOARD_USER and DASHBOARD_PASSWORD`,
    });
  }
});
export type DashboardConfig = z.infer<typeof DashboardConfig>;

export function loadConfig(env: Record<string, string | undefined>): DashboardConfig {
  return DashboardConfig.parse(env);
}
