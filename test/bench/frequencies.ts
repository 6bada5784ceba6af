/**
 * Shared document frequencies alone: what their flushes cost per document as the stream grows.
 *
 *   pnpm exec tsx test/bench/frequencies.ts [--sizes 10000,100000,1000000] [--window 2000] [--module path]
 *
 * A private redis-server; documents shaped like the dedupe bench's (`frequencyKeys` of its real
 * feature shape: ≈ 110 words as native terms, about half of them as pivot terms, ≈ 12 names, 4
 * entities, 4 numbers; words Zipf(1.0) over 200k, entities Zipf(1.05) over 100k) are observed and
 * flushed as a worker does. At each size the last `--window` documents are timed: CPU per document of
 * this process and of redis-server, and redis-server time by command. `--module` runs another
 * version of shared-frequencies.ts (e.g. the previous one from git) for a side-by-side.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { startLocalRedis } from '@newsflow/runtime/local-redis';
import type { createSharedDocumentFrequencies as Create } from '@newsflow/dedupe/shared-frequencies';
import { random } from '../integration/dedupe/articles.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    window: { type: 'string', default: '2000' },
    module: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});

function zipf(n: number, s: number, rand: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cdf[k] = sum += 1 / Math.pow(k + 1, s);
  return () => {
    const u = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function* documents(seed: number): Generator<string[]> {
  const rand = random(seed);
  const word = zipf(200_000, 1.0, rand);
  const entity = zipf(100_000, 1.05, rand);
  for (;;) {
    const words = new Set(Array.from({ length: 150 }, () => word()));
    const keys: string[] = [];
    for (const w of words) {
      keys.push(`s:x:w${w}`);
      if (w % 2 === 0) keys.push(`t:p${w >> 1}`);
      if (w % 9 === 0) keys.push(`m:w${w}`);
    }
    for (let e = 0; e < 4; e++) keys.push(`e:Q${entity()}`);
    for (let n = 0; n < 4; n++) keys.push(`n:${Math.floor(rand() * 1000)}`);
    yield keys;
  }
}

async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  return (Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0) + Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1] ?? 0)) * 1000;
}

async function main(): Promise<void> {
  const modulePath = args.module ? pathToFileURL(resolve(args.module)).href : '@newsflow/dedupe/shared-frequencies';
  const { createSharedDocumentFrequencies } = (await import(modulePath)) as { createSharedDocumentFrequencies: typeof Create };
  const server = await startLocalRedis();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const df = await createSharedDocumentFrequencies({ redis, prefix: 'bench', priorDocuments: 1440 });
  const sizes = args.sizes.split(',').map(Number).sort((a, b) => a - b);
  const windowSize = Number(args.window);
  const source = documents(Number(args.seed));
  let done = 0;
  for (const size of sizes) {
    while (done < size - windowSize) {
      df.observe(source.next().value!);
      if (++done % 32 === 0) await df.flush();
    }
    await df.flush();
    await redis.config('RESETSTAT');
    const cpu0 = process.cpuUsage();
    const redis0 = await redisCpuMs(redis);
    while (done < size) {
      df.observe(source.next().value!);
      if (++done % 32 === 0) await df.flush();
    }
    await df.flush();
    const cpu = process.cpuUsage(cpu0);
    const redisMs = ((await redisCpuMs(redis)) - redis0) / windowSize;
    // Calls per document (steady whatever the load) and µs per document (wall time inside redis-server: inflated on a loaded machine).
    const calls: Record<string, number> = {};
    const usec: Record<string, number> = {};
    for (const m of (await redis.info('commandstats')).matchAll(/cmdstat_(\w+):calls=(\d+),usec=(\d+)/g)) {
      calls[m[1]!] = +(Number(m[2]) / windowSize).toFixed(2);
      usec[m[1]!] = +(Number(m[3]) / windowSize).toFixed(1);
    }
    console.log(JSON.stringify({ size, nodeCpuMs: +((cpu.user + cpu.system) / 1000 / windowSize).toFixed(3), redisCpuMs: +redisMs.toFixed(3), redisCallsPerDocument: calls, redisUsecPerDocument: usec, documents: df.documents }));
  }
  await df.close();
  await redis.quit();
  await server.stop();
}

await main();
