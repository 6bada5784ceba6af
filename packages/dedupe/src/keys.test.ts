import { describe, expect, it } from 'vitest';
import { bucketRef, postingRef } from './keys.ts';

describe('posting references', () => {
  it('name a field that Redis stores as a 24-bit integer, the same for the same key', () => {
    for (const key of ['e:Q7747', 't:call', 'mh3:abc', '']) {
      const ref = postingRef(key, 8192);
      expect(ref).toEqual(postingRef(key, 8192));
      expect(ref.field).toMatch(/^(0|[1-9]\d*)$/);
      expect(Number(ref.field)).toBeLessThan(2 ** 23);
      expect(ref.bucket).toBeLessThan(8192);
      expect(ref.bucket).toBe(bucketRef(key, 8192).bucket);
    }
  });

  it('spread keys over fields: few collisions among many keys of one bucket', () => {
    const fields = new Set(Array.from({ length: 2000 }, (_, i) => postingRef(`t:word${i}`, 1).field));
    expect(fields.size).toBeGreaterThan(1995);
  });
});
