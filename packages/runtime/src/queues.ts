import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { STAGES, RETRY_POLICY, type Stage } from '@newsflow/contracts/stages';
import { PAYLOADS, type PayloadOf } from '@newsflow/contracts/payloads';
import { jobIdFor } from '@newsflow/contracts/ids';

/** A job for one stage, typed by the stage's payload. */
export type StageJob = { [S in Stage]: { stage: S; payload: PayloadOf<S> } }[Stage];

export type StageQueues = { [S in Stage]: Queue<PayloadOf<S>, unknown, S> };

/** Completed jobs are kept a day (so replays within it are no-ops); failed ones a week. */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 100_000 } as const;
export const KEEP_FAILED = { age: 7 * 24 * 3600, count: 100_000 } as const;

export function createQueues(connection: ConnectionOptions, prefix: string): StageQueues {
  const make = <S extends Stage>(stage: S) => new Queue<PayloadOf<S>, unknown, S>(stage, { connection, prefix });
  return {
    fetch: make('fetch'),
    clean: make('clean'),
    language: make('language'),
    entities: make('entities'),
    dedupe: make('dedupe'),
  };
}

export function queueList(queues: StageQueues): Queue[] {
  return STAGES.map((stage) => queues[stage] as unknown as Queue);
}

export function jobOptions(stage: Stage, itemId: string): JobsOptions {
  const policy = RETRY_POLICY[stage];
  return {
    jobId: jobIdFor(stage, itemId),
    attempts: policy.attempts,
    backoff: { type: 'jittered', delay: policy.backoffMs },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}

/**
 * Add a job to its stage's queue, after checking its payload against the contract. The job id
 * is deterministic, so adding the same item twice while the first job exists is a no-op.
 */
export async function enqueue(queues: StageQueues, job: StageJob): Promise<void> {
  const payload = PAYLOADS[job.stage].parse(job.payload);
  const queue = queues[job.stage] as unknown as Queue;
  await queue.add(job.stage, payload, jobOptions(job.stage, payload.itemId));
}

export async function enqueueMany(queues: StageQueues, jobs: readonly StageJob[]): Promise<void> {
  // The common case, one next job, is a plain add: addBulk's transaction costs more (pnpm bench).
  if (jobs.length === 1) return enqueue(queues, jobs[0]!);
  const byStage = new Map<Stage, StageJob[]>();
  for (const job of jobs) byStage.set(job.stage, [...(byStage.get(job.stage) ?? []), job]);
  for (const [stage, stageJobs] of byStage) {
    const queue = queues[stage] as unknown as Queue;
    await queue.addBulk(
      stageJobs.map((job) => {
        const payload = PAYLOADS[stage].parse(job.payload);
        return { name: stage, data: payload, opts: jobOptions(stage, payload.itemId) };
      }),
    );
  }
}

export async function closeQueues(queues: StageQueues): Promise<void> {
  await Promise.all(queueList(queues).map((queue) => queue.close()));
}
