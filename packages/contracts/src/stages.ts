/**
 * The pipeline's stages, in order. Each stage is one BullMQ queue of the same name;
 * nothing else in the code base writes a queue name as a string.
 */
export const STAGES = ['fetch', 'clean', 'language', 'entities', 'dedupe'] as const;
export type Stage = (typeof STAGES)[number];

/** The stage an item goes to after `stage`, or undefined after the last. */
export function nextStage(stage: Stage): Stage | undefined {
  return STAGES[STAGES.indexOf(stage) + 1];
}

/** How many attempts and how much backoff each stage's jobs get. */
export const RETRY_POLICY: Record<Stage, { attempts: number; backoffMs: number }> = {
  fetch: { attempts: 5, backoffMs: 2_000 },
  clean: { attempts: 3, backoffMs: 1_000 },
  language: { attempts: 3, backoffMs: 1_000 },
  entities: { attempts: 3, backoffMs: 1_000 },
  dedupe: { attempts: 5, backoffMs: 500 },
};
