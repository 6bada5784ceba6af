import { describe, expect, it } from 'vitest';
import type { EntityMention } from '@newsflow/contracts/documents';
import { storylineKeys } from './storyline.ts';

const mention = (id: string, kind: EntityMention['kind'], count: number, inTitle: boolean): EntityMention => ({
  id,
  kind,
  name: id,
  count,
  inTitle,
  surfaceForms: [id],
});

describe('storylineKeys', () => {
  it('pairs the strongest entities, in a stable order', () => {
    const keys = storylineKeys([
      mention('Q7747', 'person', 4, true),
      mention('Q34', 'person', 3, true),
      mention('Q184', 'place', 2, false),
      mention('Q1', 'person', 1, false),
    ], { strongest: 3 });
    expect(keys).toEqual(['Q184|Q34', 'Q184|Q7747', 'Q34|Q7747']);
    expect(storylineKeys([mention('Q7747', 'person', 4, true), mention('Q34', 'person', 3, true), mention('Q184', 'place', 2, false)])).toEqual(['Q34|Q7747']);
  });

  it('prefers two actors to a place in the title', () => {
    expect(
      storylineKeys([mention('Q184', 'place', 5, true), mention('Q7747', 'person', 3, false), mention('Q34', 'person', 3, false)]),
    ).toEqual(['Q34|Q7747']);
  });

  it('pairs the two people of the 15 Aug call although one of them is mentioned three times less', () => {
    const aug15 = [
      mention('person:alexander-lukashenko', 'person', 6, false),
      mention('Q184', 'place', 4, false),
      mention('person:vladimir-putin', 'person', 2, false),
      mention('org:kremlin', 'organisation', 2, false),
      mention('org:nato', 'organisation', 1, false),
    ];
    expect(storylineKeys(aug15)).toEqual(['person:alexander-lukashenko|person:vladimir-putin']);
  });

  it('never pairs two places, which would make a storyline of a whole region', () => {
    expect(storylineKeys([mention('Q159', 'place', 5, true), mention('Q212', 'place', 4, true)])).toEqual([]);
  });

  it('has no key for an article with one strong entity', () => {
    expect(storylineKeys([mention('Q7747', 'person', 4, true), mention('Q1', 'person', 1, false)])).toEqual([]);
  });
});
