import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { cleanByline, extractMetadata, normaliseLanguageTag, parseDate, parseTextDate, tidyTitle } from './metadata.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const documentOf = (head: string, body = ''): Document =>
  parseHTML(`<html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;

describe('parseDate', () => {
  it('accepts ISO dates with offsets and Unix timestamps', () => {
    expect(parseDate('2019-11-18T16:06:51-05:00', NOW)).toBe('2019-11-18T21:06:51.000Z');
    expect(parseDate('1574111211', NOW)).toBe('2019-11-18T21:06:51.000Z');
    expect(parseDate('2019-11-18 23:41:18 +0100', NOW)).toBe('2019-11-18T22:41:18.000Z');
  });

  it('rejects placeholders, the far past, the future and nonsense', () => {
    expect(parseDate('0001-01-01T00:00:00Z', NOW)).toBeUndefined();
    expect(parseDate('1970-01-01', NOW)).toBeUndefined();
    expect(parseDate('2030-01-01', NOW)).toBeUndefined();
    expect(parseDate('yesterday', NOW)).toBeUndefined();
    expect(parseDate('', NOW)).toBeUndefined();
  });
});

describe('parseTextDate', () => {
  it('reads dates written for people', () => {
    expect(parseTextDate('Published 10:02 AM EST Nov 19, 2019', NOW)).toBe('2019-11-19T15:02:00.000Z');
    expect(parseTextDate('Nov. 18, 2019, 4:06 p.m.', NOW)).toBe('2019-11-18T16:06:00.000Z');
    expect(parseTextDate('Posted: Fri 6:45 PM, Feb 16, 2018 |', NOW)).toBe('2018-02-16T18:45:00.000Z');
  });

  it('refuses text without a month name and a four-digit year', () => {
    expect(parseTextDate('Chapter 1, part 2', NOW)).toBeUndefined();
    expect(parseTextDate('Nov 19', NOW)).toBeUndefined();
  });
});

describe('extractMetadata', () => {
  it('reads JSON-LD with trailing commas as pages write it', () => {
    const head = `<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2019-11-18T16:06:51-05:00",
      "keywords": ["a", "b", ], "author": {"@type": "Person", "name": "Brigit Katz"}, }</script>`;
    expect(extractMetadata(documentOf(head), { now: NOW })).toMatchObject({
      publishedAt: '2019-11-18T21:06:51.000Z',
      byline: 'Brigit Katz',
    });
  });

  it('finds a date shown in an element named for it when no metadata declares one', () => {
    const body = '<p>Story</p><span class="article-publish-date">November 19, 2019, 9:02 AM</span>';
    expect(extractMetadata(documentOf('', body), { now: NOW }).publishedAt).toBe('2019-11-19T09:02:00.000Z');
  });

  it('prefers the publication date to the modification date', () => {
    const head = `<meta property="article:modified_time" content="2019-11-20T00:00:00Z">
      <meta property="article:published_time" content="2019-11-19T00:00:00Z">`;
    expect(extractMetadata(documentOf(head), { now: NOW }).publishedAt).toBe('2019-11-19T00:00:00.000Z');
  });

  it('falls back to the modification date when nothing else is known', () => {
    const head = '<meta property="article:modified_time" content="2019-11-20T00:00:00Z">';
    expect(extractMetadata(documentOf(head), { now: NOW }).publishedAt).toBe('2019-11-20T00:00:00.000Z');
  });

  it('ignores canonical URLs that are not http(s)', () => {
    const head = '<link rel="canonical" href="javascript:alert(1)">';
    expect(extractMetadata(documentOf(head), { baseUrl: 'https://example.com/', now: NOW }).canonicalUrl).toBeUndefined();
  });
});

describe('cleanByline', () => {
  it('drops "By", a glued date and URLs', () => {
    expect(cleanByline('By Jane Doe')).toBe('Jane Doe');
    expect(cleanByline('Jane Doe | Nov 19, 2019 10:00')).toBe('Jane Doe');
    expect(cleanByline('przez Jan Kowalski, 19.11.2019')).toBe('Jan Kowalski');
    expect(cleanByline('https://www.facebook.com/janedoe')).toBeUndefined();
  });
});

describe('normaliseLanguageTag', () => {
  it('turns locale spellings into BCP 47 and refuses junk', () => {
    expect(normaliseLanguageTag('en_US')).toBe('en-US');
    expect(normaliseLanguageTag('pl')).toBe('pl');
    expect(normaliseLanguageTag('de-de, en')).toBe('de-DE');
    expect(normaliseLanguageTag('not a language!')).toBeUndefined();
  });
});

describe('tidyTitle', () => {
  it('keeps the part of the title that is the page heading', () => {
    expect(tidyTitle('Leaders talk by phone | Example News', ['Leaders talk by phone'])).toBe('Leaders talk by phone');
  });

  it('drops the site name at either end', () => {
    expect(tidyTitle('Leaders talk by phone - Example News', [], 'Example News')).toBe('Leaders talk by phone');
    expect(tidyTitle('Example News » Leaders talk by phone', [], 'Example News')).toBe('Leaders talk by phone');
  });

  it('never splits a headline at a colon', () => {
    expect(tidyTitle('Kreml potwierdza: Putin pomoże', [], 'Kreml potwierdza')).toBe('Kreml potwierdza: Putin pomoże');
  });

  it('leaves a title without a separator alone', () => {
    expect(tidyTitle('Putin and Lukashenko talk', ['Something else'])).toBe('Putin and Lukashenko talk');
  });
});
