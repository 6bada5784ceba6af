import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '@newsflow/contracts/errors';
import { loadConfig } from '@newsflow/service-dashboard/config';
import { dashboardRunnable } from '@newsflow/service-dashboard/worker';
import type { Runnable } from '@newsflow/runtime/service';
import { launchChromium } from '@newsflow/test/support/browser';
import { startStage, type StageHarness } from '@newsflow/test/support/stage';

function listening(start: (onUrl: (url: string) => void) => Promise<Runnable>): Promise<{ runnable: Runnable; url: string }> {
  return new Promise((resolve, reject) => {
    let runnable: Runnable | undefined;
    start((url) => resolve({ runnable: runnable!, url })).then((made) => {
      runnable = made;
      made.run();
    }, reject);
  });
}

describe('the queue dashboard in a real browser', () => {
  let harness: StageHarness<'clean'>;
  let dashboard: { runnable: Runnable; url: string };
  let browser: Browser;

  beforeAll(async () => {
    harness = await startStage('clean', () => async () => {
      throw new PermanentError('clean.empty', 'no article text in the page');
    });
    await harness.process({ itemId: 'broken-item' }).catch(() => undefined);
    const config = loadConfig({ DASHBOARD_PORT: '0' });
    dashboard = await listening((onUrl) => dashboardRunnable(harness.context, config, onUrl));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.runnable.close();
    await harness?.close();
  });

  it('lists all five stage queues', async () => {
    const page = await browser.newPage();
    await page.goto(`${dashboard.url}/`);
    for (const queue of ['fetch', 'clean', 'language', 'entities', 'dedupe']) {
      await page.getByRole('link', { name: new RegExp(`^${queue}`, 'i') }).first().waitFor({ timeout: 20_000 });
    }
    await page.screenshot({ path: join(tmpdir(), 'newsflow-dashboard.png'), fullPage: true });
    await page.close();
  });

  it("shows a failed job's typed reason", async () => {
    const page = await browser.newPage();
    await page.goto(`${dashboard.url}/queue/clean?status=failed`);
    await page.getByText('clean.empty: no article text in the page').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(tmpdir(), 'newsflow-dashboard-failed.png'), fullPage: true });
    await page.close();
  });

  it('serves the events as JSON at /events', async () => {
    const response = await fetch(`${dashboard.url}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(Array.isArray(await response.json())).toBe(true);
  });
});

describe('dashboard credentials', () => {
  it('refuses to bind beyond loopback without a user and password', () => {
    expect(() => loadConfig({ DASHBOARD_HOST: '0.0.0.0' })).toThrow(/DASHBOARD_USER and DASHBOARD_PASSWORD/);
    expect(loadConfig({ DASHBOARD_HOST: '0.0.0.0', DASHBOARD_USER: 'ops', DASHBOARD_PASSWORD: 'correct horse battery' }).DASHBOARD_HOST).toBe('0.0.0.0');
  });

  it('asks for credentials when they are configured', async () => {
    const harness = await startStage('clean', () => async () => ({ next: [] }));
    const config = loadConfig({ DASHBOARD_PORT: '0', DASHBOARD_USER: 'ops', DASHBOARD_PASSWORD: 'correct horse battery' });
    const dashboard = await listening((onUrl) => dashboardRunnable(harness.context, config, onUrl));
    try {
      expect((await fetch(`${dashboard.url}/events`)).status).toBe(401);
      const authorization = `Basic ${Buffer.from('ops:correct horse battery').toString('base64')}`;
      expect((await fetch(`${dashboard.url}/events`, { headers: { authorization } })).status).toBe(200);
    } finally {
      await dashboard.runnable.close();
      await harness.close();
    }
  });
});
