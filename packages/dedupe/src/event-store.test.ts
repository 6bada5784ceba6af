import { describe, expect, it } from 'vitest';
import { decodeArticleRecord, encodeArticleRecord, type ArticleRecord } from './event-store.ts';

const record: ArticleRecord = {
  e: 'ev-item7',
  o: 'joined-event',
  s: 'src1',
  l: 'pl',
  t: 'Łukaszenka dzwoni do Putina',
  p: '2025-08-16T09:00:00.000Z',
  v: {
    score: 0.71,
    matchedItemId: 'item3',
    sharedEntities: [
      { id: 'Q7747', name: 'Vladimir Putin' },
      { id: 'Q1000', name: 'A name the article does not give' },
    ],
    sharedTerms: ['call', 'phone'],
    reason: 'joined event ev-item3 (score 0.71)',
  },
  x: [
    ['Q7747', 'Vladimir Putin', 'person'],
    ['Q184', 'Belarus', 'place'],
  ],
};

describe('article records', () => {
  it('round-trip, with the event id and the shared entities\' names restored', () => {
    expect(decodeArticleRecord('item9', encodeArticleRecord('item9', record))).toEqual(record);
    const own = { ...record, e: 'ev-item9' };
    expect(decodeArticleRecord('item9', encodeArticleRecord('item9', own))).toEqual(own);
  });

  it('are stored in well under the bytes of their JSON', () => {
    expect(encodeArticleRecord('item9', record).length).toBeLessThan(JSON.stringify(record).length * 0.7);
  });

  it('of the first layout (plain JSON) are still read', () => {
    expect(decodeArticleRecord('item9', Buffer.from(JSON.stringify(record)))).toEqual(record);
  });
});
