import { RetryableError } from '@newsflow/contracts/errors';

/**
 * Politeness: at most `maxConcurrent` requests at a time to one host, and at least `minGapMs`
 * between the end of one request and the start of the next. Implementations: in memory (one
 * process, unit tests) and Redis (`redis-host-gate.ts`, shared by every fetch worker).
 */
export interface HostGate {
  /** Waits for the host's turn. Rejects with RetryableError('fetch.timeout') after `maxWaitMs`. */
  acquire(host: string, options: HostGateRequest): Promise<HostPermit>;
}

export interface HostGateRequest {
  /** Gap to keep after this request ends before the next one to the host starts. */
  minGapMs: number;
  /** How long the slot is held if the holder dies without releasing it. */
  leaseMs: number;
  /** How long to wait for a slot before giving up. */
  maxWaitMs: number;
  /** Requests allowed at once to the host. Default 1. */
  maxConcurrent?: number;
}

export interface HostPermit {
  /** Frees the slot and (unless no request was made: `used` false) starts the host's gap. Idempotent. */
  release(used?: boolean): Promise<void>;
}

export function hostBusy(host: string, waitedMs: number, retryAfterMs: number): RetryableError {
  return new RetryableError('fetch.timeout', `waited ${waitedMs} ms for a turn at ${host}`, {
    details: { host, waitedMs },
    retryAfterMs,
  });
}

interface HostState {
  active: number;
  nextAt: number;
  wakers: Set<() => void>;
}

/** One process only: keeps per-host state in a Map. */
export function createMemoryHostGate(clock: () => number = () => performance.now()): HostGate {
  const hosts = new Map<string, HostState>();

  function stateOf(host: string): HostState {
    let state = hosts.get(host);
    if (state === undefined) {
      state = { active: 0, nextAt: 0, wakers: new Set() };
      hosts.set(host, state);
    }
    return state;
  }

  async function acquire(host: string, options: HostGateRequest): Promise<HostPermit> {
    const key = host.toLowerCase();
    const state = stateOf(key);
    const limit = options.maxConcurrent ?? 1;
    const started = clock();
    const deadline = started + options.maxWaitMs;
    // Bounded: each pass either takes the slot or waits for a release or the gap to end.
    for (;;) {
      const now = clock();
      if (state.active < limit && now >= state.nextAt) break;
      if (now >= deadline) throw hostBusy(key, Math.round(now - started), options.minGapMs);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          state.wakers.delete(wake);
          resolve();
        };
        const until = state.active < limit ? state.nextAt : deadline;
        const timer = setTimeout(wake, Math.max(1, Math.min(until, deadline) - now));
        state.wakers.add(wake);
      });
    }
    state.active += 1;
    let released = false;
    return {
      release: async (used = true) => {
        if (released) return;
        released = true;
        state.active -= 1;
        if (used) state.nextAt = Math.max(state.nextAt, clock() + options.minGapMs);
        for (const wake of [...state.wakers]) wake();
      },
    };
  }

  return { acquire };
}
