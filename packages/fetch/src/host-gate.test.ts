import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { RetryableError } from '@newsflow/contracts/errors';
import { createMemoryHostGate } from './host-gate.ts';

const request = { minGapMs: 40, leaseMs: 1_000, maxWaitMs: 2_000 };

describe('createMemoryHostGate', () => {
  it('lets one request at a time through per host and keeps the gap after each', async () => {
    const gate = createMemoryHostGate();
    const starts: number[] = [];
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        const permit = await gate.acquire('news.example', request);
        starts.push(performance.now());
        inside += 1;
        most = Math.max(most, inside);
        await Promise.resolve();
        inside -= 1;
        await permit.release();
      }),
    );
    expect(most).toBe(1);
    const gaps = starts.slice(1).map((start, i) => start - (starts[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(39);
  });

  it('does not make different hosts wait for each other', async () => {
    const gate = createMemoryHostGate();
    const held = await gate.acquire('a.example', { ...request, minGapMs: 10_000 });
    const other = await gate.acquire('b.example', { ...request, maxWaitMs: 50 });
    await other.release();
    await held.release();
  });

  it('treats host names case-insensitively', async () => {
    const gate = createMemoryHostGate();
    const held = await gate.acquire('News.Example', request);
    await expect(gate.acquire('news.example', { ...request, maxWaitMs: 30 })).rejects.toBeInstanceOf(RetryableError);
    await held.release();
  });

  it('gives up after maxWaitMs with a retryable fetch.timeout', async () => {
    const gate = createMemoryHostGate();
    const held = await gate.acquire('busy.example', request);
    const error = await gate.acquire('busy.example', { ...request, maxWaitMs: 30 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RetryableError', code: 'fetch.timeout', retryAfterMs: 40, details: { host: 'busy.example' } });
    await held.release();
  });

  it('allows maxConcurrent requests at once when asked to', async () => {
    const gate = createMemoryHostGate();
    const a = await gate.acquire('wide.example', { ...request, maxConcurrent: 2 });
    const b = await gate.acquire('wide.example', { ...request, maxConcurrent: 2, maxWaitMs: 30 });
    await expect(gate.acquire('wide.example', { ...request, maxConcurrent: 2, maxWaitMs: 30 })).rejects.toMatchObject({ code: 'fetch.timeout' });
    await a.release();
    await b.release();
  });

  it('starts no gap for a turn that made no request, and releasing twice is harmless', async () => {
    const gate = createMemoryHostGate();
    const unused = await gate.acquire('idle.example', { ...request, minGapMs: 10_000 });
    await unused.release(false);
    await unused.release();
    const next = await gate.acquire('idle.example', { ...request, maxWaitMs: 30 });
    await next.release();
  });
});
