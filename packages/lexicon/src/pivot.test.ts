import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLexicon, decodeDictNumber, englishBase, translationsOf } from '../scripts/build-pivot.ts';
import { createPivot, loadPivot, parsePivotLexicon, pivotKey } from './pivot.ts';

const english = new Set(['conversation', 'talk', 'help', 'assistance', 'aid', 'midfield', 'president', 'mayor', 'island', 'beacon', 'flag', 'banner']);

describe('pivotKey', () => {
  it('folds case the Turkish way and Arabic spelling variants', () => {
    expect(pivotKey('İzmir', 'tr')).toBe('izmir');
    expect(pivotKey('Straße', 'de')).toBe('strasse');
    expect(pivotKey('أَحْمَد', 'ar')).toBe('احمد');
  });
});

describe('createPivot', () => {
  const pivot = createPivot('pl', new Map([['białoruś', ['belarus']], ['rozmowa', ['conversation', 'talk']]]));

  it('translates a known word whatever its case', () => {
    expect(pivot.lookup('Rozmowa')).toEqual(['conversation', 'talk']);
  });

  it('falls back to a headword differing only in its last letters', () => {
    expect(pivot.lookup('Białorusi')).toEqual([]);
    expect(pivot.translate('Białorusi')).toEqual(['belarus']);
    expect(pivot.translate('rozmowie')).toEqual(['conversation', 'talk']);
  });

  it('does not stretch the fallback to short or unrelated words', () => {
    expect(pivot.translate('roz')).toEqual([]);
    expect(pivot.translate('samolot')).toEqual([]);
  });
});

describe('loadPivot', () => {
  it('reads a lexicon file and answers undefined for a language without one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pivot-'));
    await writeFile(join(dir, 'pivot-xx.tsv'), '# test\nada\tisland\nbayrak\tbanner flag\n');
    const pivot = await loadPivot('xx', dir);
    expect(pivot?.size).toBe(2);
    expect(pivot?.lookup('bayrak')).toEqual(['banner', 'flag']);
    expect(await loadPivot('yy', dir)).toBeUndefined();
  });
});

describe('the lexicon build', () => {
  it('decodes dictd base-64 offsets', () => {
    expect(decodeDictNumber('A')).toBe(0);
    expect(decodeDictNumber('BA')).toBe(64);
    expect(decodeDictNumber('Bf')).toBe(64 + 31);
  });

  it('keeps English translation lines and drops notes and source-language definitions', () => {
    const entry = [
      'pomoc /ˈpɔ̃mɔʦ̑/ <n>',
      '1. midfield',
      '(sport, sportowy) w piłce nożnej zawodnicy grający między napastnikami a obrońcami',
      '2. help, assistance, aid',
      'ułatwienie komuś życia lub wykonania określonej czynności',
    ].join('\n');
    expect(translationsOf(entry, english)).toEqual(['midfield', 'help', 'assistance', 'aid']);
  });

  it('reduces English plurals to their dictionary form', () => {
    expect(englishBase('beacons', english)).toBe('beacon');
    expect(englishBase('presidents', english)).toBe('president');
  });

  it('builds a sorted TSV from an index and its data', () => {
    const ada = 'ada /ada/\nisland\n';
    const bayrak = 'bayrak /bajrak/\nbanner, flag\n';
    const data = Buffer.from(ada + bayrak);
    const b64 = (n: number) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[n]!;
    const index = [
      '00-database-info\tA\tB',
      `bayrak\t${b64(Buffer.byteLength(ada))}\t${b64(Buffer.byteLength(bayrak))}`,
      `Ada\tA\t${b64(Buffer.byteLength(ada))}`,
    ].join('\n');
    const text = buildLexicon('tr', index, data, english, 'freedict-tur-eng');
    expect(parsePivotLexicon(text)).toEqual(new Map([['ada', ['island']], ['bayrak', ['banner', 'flag']]]));
    expect(text.split('\n')[1]).toBe('ada\tisland');
  });
});
