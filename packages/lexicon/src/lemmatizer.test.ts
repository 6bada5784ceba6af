import { describe, expect, it } from 'vitest';
import { createLemmatizer } from './lemmatizer.ts';

describe('createLemmatizer', () => {
  it('brings declined Polish names back to their dictionary form', async () => {
    const pl = await createLemmatizer('pl');
    expect(pl).toBeDefined();
    if (!pl) return;
    expect(pl.lemma('Łukaszence')).toBe('Łukaszenka');
    expect(pl.lemma('Łukaszenką')).toBe('Łukaszenka');
    expect(pl.lemma('Białorusi')).toBe('Białoruś');
    expect(pl.lemma('Rosji')).toBe('Rosja');
    expect(pl.lemma('Moskwie')).toBe('Moskwa');
    expect(pl.lemma('Mińsku')).toBe('Mińsk');
    expect(pl.lemma('Putinem')).toBe('Putin');
    expect(pl.lemmas('Kremla')).toContain('Kreml');
  });

  it('prefers a lemma with the same initial capital when hunspell offers several', async () => {
    const pl = await createLemmatizer('pl-PL');
    expect(pl?.lemmas('Kreml')[0]).toBe('Kreml');
    expect(pl?.lemma('Polsce')).toBe('Polska');
  });

  it('returns no lemma for a word the dictionary does not know, and the word itself from lemma()', async () => {
    const pl = await createLemmatizer('pl');
    expect(pl?.lemmas('Cichanouskiej')).toEqual([]);
    expect(pl?.lemma('Cichanouskiej')).toBe('Cichanouskiej');
    expect(pl?.known('Białoruś')).toBe(true);
    expect(pl?.known('Białoruśxq')).toBe(false);
  });

  it('lemmatises Italian and English', async () => {
    const itLem = await createLemmatizer('it');
    expect(itLem?.lemma('presidenti')).toBe('presidente');
    expect(itLem?.lemma('elezioni')).toBe('elezione');
    const en = await createLemmatizer('en');
    expect(en?.lemma('presidents')).toBe('president');
  });

  it('loads each language once per process', async () => {
    const [a, b] = await Promise.all([createLemmatizer('pl'), createLemmatizer('PL')]);
    expect(a).toBe(b);
  });

  it('returns undefined for a language without a dictionary', async () => {
    expect(await createLemmatizer('xx', { systemDictionaryDir: '/nonexistent' })).toBeUndefined();
    expect(await createLemmatizer('und')).toBeUndefined();
  });
});

describe('createLemmatizer with a caller-supplied dictionary', () => {
  it('uses the dictionary it is given for a language we do not bundle', async () => {
    // A tiny hunspell dictionary: one word with a plural suffix rule.
    const aff = 'SET UTF-8\nSFX S Y 1\nSFX S 0 lar .\n';
    const dic = '1\nkitap/S\n';
    const encoder = new TextEncoder();
    // A caller without the dictionary finds none, before and after: callers do not see each other's dictionaries.
    expect(await createLemmatizer('zz', { systemDictionaryDir: '/nonexistent' })).toBeUndefined();
    const lemmatizer = await createLemmatizer('zz', { dictionary: async () => ({ aff: encoder.encode(aff), dic: encoder.encode(dic) }) });
    expect(lemmatizer?.lemma('kitaplar')).toBe('kitap');
    expect(lemmatizer?.known('kitap')).toBe(true);
    expect(await createLemmatizer('zz', { systemDictionaryDir: '/nonexistent' })).toBeUndefined();
  });
});

describe('withTerminator', () => {
  it('ends a dictionary buffer in one NUL byte, as hunspell reads it as a C string', async () => {
    const { withTerminator } = await import('./lemmatizer.ts');
    const terminated = withTerminator(Buffer.from('SET UTF-8\n'));
    expect(terminated.at(-1)).toBe(0);
    expect(terminated.subarray(0, -1).toString()).toBe('SET UTF-8\n');
    expect(withTerminator(terminated)).toBe(terminated);
  });
});
