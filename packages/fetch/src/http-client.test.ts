import { describe, expect, it } from 'vitest';
import { parseContentType } from './http-client.ts';

describe('parseContentType', () => {
  it('splits the media type from a quoted or bare charset, lower-cased', () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-2"')).toEqual({ mediaType: 'text/html', charset: 'iso-8859-2' });
    expect(parseContentType('application/rss+xml;charset=utf-8;q=1')).toEqual({ mediaType: 'application/rss+xml', charset: 'utf-8' });
    expect(parseContentType('text/plain')).toEqual({ mediaType: 'text/plain', charset: undefined });
  });

  it('gives nothing for a missing or empty header', () => {
    expect(parseContentType(undefined)).toEqual({ mediaType: undefined, charset: undefined });
    expect(parseContentType('  ')).toEqual({ mediaType: undefined, charset: undefined });
  });
});
