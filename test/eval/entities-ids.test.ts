import { unknownPersonId } from '@newsflow/entities/extractor';
import { describe, expect, it } from 'vitest';
import { collisions, loadPeople, pairAgreement, previousPersonId, type Alias } from './entities-ids-lib.ts';

/**
 * The CI slice of `tsx test/eval/entities-ids.ts`: the derived route only (no extractor to load). Floors a
 * few points under the measured figures (EVALUATION.md, Entities 4: 72.8 % across scripts, 61.4 % within
 * Latin for full names; 0 full names shared by two people).
 */
const people = loadPeople();
const full = (a: Alias): boolean => a.words >= 2;
const current = (a: Alias): string => unknownPersonId(a.text, a.language);

describe('person ids across scripts on the curated table', () => {
  it('gives most pairs of spellings of one person one id, across scripts and within Latin', () => {
    const { cross, latin } = pairAgreement(people, current, full);
    expect(cross.pairs).toBeGreaterThan(300);
    expect(cross.agree / cross.pairs).toBeGreaterThanOrEqual(0.68);
    expect(latin.agree / latin.pairs).toBeGreaterThanOrEqual(0.57);
  });

  it('gives no two people of the table one full-name id', () => {
    expect(collisions(people, current, full)).toEqual([]);
  });

  it('scores the previous script-bound ids low, so the floors can fail', () => {
    const { cross } = pairAgreement(people, (a) => previousPersonId(a.text), full);
    expect(cross.agree / cross.pairs).toBeLessThan(0.68);
  });
});
