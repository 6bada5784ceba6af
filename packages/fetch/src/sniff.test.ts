import { describe, expect, it } from 'vitest';
import { mediaTypeForExtension, sniffMediaType } from './sniff.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('sniffMediaType', () => {
  it.each([
    ['<!DOCTYPE html><html>', 'text/html'],
    ['\ufeff  <html lang="pl">', 'text/html'],
    ['<!-- comment --><div>', 'text/html'],
    ['<?xml version="1.0"?><rss version="2.0">', 'application/rss+xml'],
    ['<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', 'application/atom+xml'],
    ['<?xml version="1.0"?><rdf:RDF xmlns:rdf="…">', 'application/rdf+xml'],
    ['<?xml version="1.0"?><note/>', 'application/xml'],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[]}', 'application/feed+json'],
    ['{"a":1}', 'application/json'],
    ['Zwykły tekst, bez znaczników.', 'text/plain'],
  ])('sees %j as %s', (text, type) => {
    expect(sniffMediaType(bytes(text))).toBe(type);
  });

  it('calls UTF-16 with a BOM text, and NUL-laden bytes binary', () => {
    expect(sniffMediaType(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toBe('text/plain');
    expect(sniffMediaType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBeUndefined();
    expect(sniffMediaType(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x01, 0x02]))).toBeUndefined();
  });

  it('keeps ISO-8859-2 and windows-1250 text as text', () => {
    expect(sniffMediaType(new Uint8Array([0x50, 0xb3, 0xf3, 0x64, 0xbc, 0x0a]))).toBe('text/plain');
  });
});

describe('mediaTypeForExtension', () => {
  it('decides only for .html, .htm and .txt', () => {
    expect(mediaTypeForExtension('/a/B.HTML')).toBe('text/html');
    expect(mediaTypeForExtension('x.htm')).toBe('text/html');
    expect(mediaTypeForExtension('x.txt')).toBe('text/plain');
    expect(mediaTypeForExtension('x.xml')).toBeUndefined();
    expect(mediaTypeForExtension('README')).toBeUndefined();
  });
});
