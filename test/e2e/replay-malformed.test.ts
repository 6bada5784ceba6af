import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventView } from '@newsflow/contracts/documents';
import { itemIdFor, jobIdFor } from '@newsflow/contracts/ids';
import type { Stage } from '@newsflow/contracts/stages';
import { testRedisUrl, uniquePrefix } from '@newsflow/test/support/redis';
import { REPO_ROOT, runCli, type CliResult } from '@newsflow/test/support/cli';

describe('replaying a stream with malformed items', () => {
  const prefix = uniquePrefix('e2e-malformed');
  const dir = mkdtempSync(join(tmpdir(), 'newsflow-malformed-'));
  let result: CliResult;
  let events: EventView[];
  const queues: Queue[] = [];

  beforeAll(async () => {
    copyFileSync(`${REPO_ROOT}seeds/001_664aa4778fb2fdac.txt`, join(dir, '001.txt'));
    copyFileSync(`${REPO_ROOT}seeds/003_bb3b193bc24b719b.txt`, join(dir, '003.txt'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'broken.html'), '<html><head><title>x</title><body><div><p><script>while(1){}</script>\u0000\u0001');
    symlinkSync(join(dir, 'does-not-exist.txt'), join(dir, 'unreadable.txt'));
    result = await runCli(['replay', dir, '--json'], { REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: prefix });
    events = JSON.parse(result.stdout) as EventView[];
  }, 240_000);

  afterAll(async () => {
    await Promise.all(queues.map((queue) => queue.close()));
  });

  async function failedReason(stage: Stage, file: string): Promise<string | undefined> {
    const queue = new Queue(stage, { connection: { url: testRedisUrl() }, prefix });
    queues.push(queue);
    const job = await queue.getJob(jobIdFor(stage, itemIdFor({ kind: 'file', path: join(dir, file) })));
    return job?.failedReason;
  }

  it('reports each bad item as failed with a typed reason', () => {
    expect(result.stderr).toContain('3 failed');
    expect(result.stderr).toMatch(/failed: empty\.txt at clean: clean\.empty/);
    expect(result.stderr).toMatch(/failed: broken\.html at clean: clean\.\w+/);
    expect(result.stderr).toMatch(/failed: unreadable\.txt at fetch: source\.not_found/);
  });

  it('shows the typed reason on the failed job, where the dashboard reads it', async () => {
    expect(await failedReason('clean', 'empty.txt')).toMatch(/^clean\.empty: /);
    expect(await failedReason('fetch', 'unreadable.txt')).toMatch(/^source\.not_found: /);
  });

  it('still brings the good items to their event', () => {
    const event = events.find((candidate) => candidate.articles.some((article) => article.sourceId === '001.txt'));
    expect(event?.articles.map((article) => article.sourceId).sort()).toEqual(['001.txt', '003.txt']);
  });

  it('retries a failed item once its file is fixed, and leaves the done ones alone', async () => {
    copyFileSync(`${REPO_ROOT}seeds/002_dab3113d4f96252d.txt`, join(dir, 'empty.txt'));
    const again = await runCli(['replay', dir, '--json'], { REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: prefix });
    expect(again.stderr).toContain('Replayed 5 item(s): 3 done, 2 failed; 1 new article(s)');
    const fixed = (JSON.parse(again.stdout) as EventView[]).find((event) => event.articles.some((article) => article.sourceId === 'empty.txt'));
    expect(fixed?.languages).toEqual(['en']);
  }, 240_000);
});
