import { describe, expect, it } from 'vitest';
import { normaliseFeedUrl, parseOpml, parsePlainList } from './feeds.ts';

describe('feed list parsing', () => {
  it('reads xmlUrl outlines at any depth, decoding entities, skipping folders', () => {
    const opml = `<?xml version="1.0"?><opml version="1.0"><body>
      <outline text="Folder"><outline text="A &amp; B" xmlUrl="https://a.example/rss?x=1&amp;y=2"/></outline>
      <outline title='Single' XMLURL='https://b.example/atom'/>
    </body></opml>`;
    expect(parseOpml(opml)).toEqual([
      { url: 'https://a.example/rss?x=1&y=2', title: 'A & B' },
      { url: 'https://b.example/atom', title: 'Single' },
    ]);
  });

  it('refuses OPML with entity declarations and documents that are not OPML', () => {
    expect(() => parseOpml('<!DOCTYPE o [<!ENTITY a "b">]><opml></opml>')).toThrow(expect.objectContaining({ code: 'feed.malformed' }));
    expect(() => parseOpml('<rss/>')).toThrow(expect.objectContaining({ code: 'feed.malformed' }));
  });

  it('reads a plain list, ignoring blank lines and comments', () => {
    expect(parsePlainList('# feeds\r\nhttps://a.example/rss\n\n  https://b.example/feed.json  \n')).toEqual(['https://a.example/rss', 'https://b.example/feed.json']);
  });

  it('normalises feed URLs and rejects non-http ones', () => {
    expect(normaliseFeedUrl(' HTTPS://News.Example/rss#x ')).toBe('https://news.example/rss');
    expect(normaliseFeedUrl('ftp://a.example/')).toBeUndefined();
    expect(normaliseFeedUrl('/relative')).toBeUndefined();
  });
});
