import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@newsflow/test/support/cli';

function compose(args: string[], env: Record<string, string> = {}) {
  return spawnSync('docker-compose', ['-f', `${REPO_ROOT}docker-compose.yml`, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
  });
}

describe('docker-compose.yml', () => {
  const credentials = { DASHBOARD_USER: 'ops', DASHBOARD_PASSWORD: 'correct-horse-battery' };

  it('is a valid compose file that runs Redis and every service', () => {
    const result = compose(['config', '--services'], credentials);
    expect(result.error, 'docker-compose (Debian package) must be installed').toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
    const services = readdirSync(`${REPO_ROOT}services`).filter((name) => name !== 'cli');
    expect(result.stdout.trim().split('\n').sort()).toEqual(['redis', ...services].sort());
  });

  it('runs Redis with noeviction and an append-only file', () => {
    const result = compose(['config'], credentials);
    expect(result.stdout).toMatch(/--appendonly[\s\S]*yes[\s\S]*--maxmemory-policy[\s\S]*noeviction/);
  });

  it('refuses to expose the dashboard without credentials', () => {
    const result = compose(['config', '-q']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('set DASHBOARD_USER');
  });
});
