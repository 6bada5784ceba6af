import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '@newsflow/contracts/errors';
import { decode, normaliseCharset, sniffMetaCharset } from './decode.ts';

const seedsDir = new URL('../../../seeds/', import.meta.url);
/** The Polish seed, as real Polish with ą ę ł ń ó ś ź ż, their capitals and Polish quotes („…”). */
const polish = readFileSync(new URL('003_bb3b193bc24b719b.txt', seedsDir), 'utf8');
/** ISO-8859-2 has the letters but not the typographic quotes and dashes. */
const polishLatin2 = polish.replace(/[„”]/g, '"').replace(/–/g, '-').replace(/\u00a0/g, ' ');

const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

describe('decode', () => {
  it('has a Polish sample with the letters that differ between windows-1250 and ISO-8859-2', () => {
    expect(polish).toMatch(/ś/);
    expect(polish).toMatch(/ą/);
    expect(polish).toMatch(/ź|Ś|Ź/);
  });

  it('decodes a windows-1250 Polish page with a meta declaration', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250"></head><body><p>${polish}</p></body></html>`;
    const result = decode(iconv.encode(html, 'windows-1250'), { sniffMeta: true });
    expect(result.source).toBe('meta');
    expect(result.charset).toBe('windows-1250');
    expect(result.text).toContain(polish);
  });

  it('decodes a windows-1250 Polish page without any declaration by detection', () => {
    const html = `<html><head><title>Kreml</title></head><body><p>${polish}</p></body></html>`;
    const result = decode(iconv.encode(html, 'windows-1250'), { sniffMeta: true });
    expect(result.source).toBe('detected');
    expect(result.charset).toBe('windows-1250');
    expect(result.text).toContain(polish);
  });

  it('decodes windows-1250 plain text without a declaration', () => {
    const result = decode(iconv.encode(polish, 'windows-1250'));
    expect(result.charset).toBe('windows-1250');
    expect(result.text).toBe(polish);
  });

  it('decodes ISO-8859-2 when the header says so', () => {
    const result = decode(iconv.encode(polishLatin2, 'iso-8859-2'), { declaredCharset: 'ISO-8859-2' });
    expect(result).toMatchObject({ charset: 'iso-8859-2', source: 'header' });
    expect(result.text).toBe(polishLatin2);
  });

  it('lets the HTTP header win over a meta declaration', () => {
    const html = `<meta charset="iso-8859-2"><p>${polish}</p>`;
    const result = decode(iconv.encode(html, 'windows-1250'), { declaredCharset: 'windows-1250', sniffMeta: true });
    expect(result.source).toBe('header');
    expect(result.text).toContain(polish);
  });

  it('lets a byte order mark win over everything', () => {
    const bytes = concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(polish));
    const result = decode(bytes, { declaredCharset: 'windows-1252', sniffMeta: true });
    expect(result).toMatchObject({ charset: 'utf-8', source: 'bom', text: polish });
  });

  it('decodes UTF-16 little-endian with a byte order mark', () => {
    const bytes = concat(new Uint8Array([0xff, 0xfe]), iconv.encode(polish, 'utf-16le'));
    expect(decode(bytes)).toMatchObject({ charset: 'utf-16le', source: 'bom', text: polish });
  });

  it('ignores a header that says UTF-8 over bytes that are not UTF-8', () => {
    const result = decode(iconv.encode(polish, 'windows-1250'), { declaredCharset: 'utf-8' });
    expect(result.charset).toBe('windows-1250');
    expect(result.text).toBe(polish);
  });

  it('decodes UTF-8 bytes as UTF-8 even when the header or meta claims a legacy charset', () => {
    const bytes = new TextEncoder().encode(`<meta charset="iso-8859-1"><p>${polish}</p>`);
    expect(decode(bytes, { declaredCharset: 'iso-8859-1', sniffMeta: true })).toMatchObject({
      charset: 'utf-8',
      source: 'utf8',
    });
    expect(decode(bytes, { declaredCharset: 'iso-8859-1', sniffMeta: true }).text).toContain(polish);
  });

  it('believes a legacy declaration over pure ASCII bytes', () => {
    expect(decode(new TextEncoder().encode('plain ascii'), { declaredCharset: 'iso-8859-2' })).toMatchObject({
      charset: 'iso-8859-2',
      source: 'header',
    });
  });

  it('accepts valid UTF-8 without any declaration', () => {
    expect(decode(new TextEncoder().encode(polish))).toMatchObject({ charset: 'utf-8', source: 'utf8', text: polish });
  });

  it('ignores an unknown charset label and keeps going', () => {
    const result = decode(new TextEncoder().encode('plain ascii'), { declaredCharset: 'no-such-charset' });
    expect(result).toMatchObject({ charset: 'utf-8', source: 'utf8' });
  });

  it('refuses binary data as undecodable', () => {
    const binary = new Uint8Array(2048).map((_, index) => (index * 7919) % 32);
    expect(() => decode(binary)).toThrow(PermanentError);
    try {
      decode(binary);
    } catch (error) {
      expect((error as PermanentError).code).toBe('clean.undecodable');
    }
  });
});

describe('sniffMetaCharset', () => {
  it('reads <meta charset> in any quoting', () => {
    expect(sniffMetaCharset(ascii('<head><meta charset=ISO-8859-2>'))).toBe('iso-8859-2');
    expect(sniffMetaCharset(ascii("<head><meta charset='utf-8'/>"))).toBe('utf-8');
  });

  it('reads the http-equiv form', () => {
    expect(sniffMetaCharset(ascii('<meta http-equiv="content-type" content="text/html;charset=windows-1250">'))).toBe(
      'windows-1250',
    );
  });

  it('ignores declarations inside comments and beyond the sniffing window', () => {
    expect(sniffMetaCharset(ascii('<!-- <meta charset="koi8-r"> --><p>x</p>'))).toBeUndefined();
    expect(sniffMetaCharset(ascii(`${' '.repeat(5000)}<meta charset="koi8-r">`))).toBeUndefined();
  });

  it('treats a utf-16 declaration in ASCII bytes as utf-8', () => {
    expect(sniffMetaCharset(ascii('<meta charset="utf-16">'))).toBe('utf-8');
  });
});

describe('normaliseCharset', () => {
  it('maps labels to their WHATWG names', () => {
    expect(normaliseCharset('latin1')).toBe('windows-1252');
    expect(normaliseCharset(' "UTF8" ')).toBe('utf-8');
    expect(normaliseCharset('cp1250')).toBe('windows-1250');
    expect(normaliseCharset('nonsense')).toBeUndefined();
  });
});
