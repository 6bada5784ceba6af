import { describe, expect, it } from 'vitest';
import { decodeFeedText, parseFeed } from './feed-parse.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string, mediaType?: string) => parseFeed(bytes(text), { mediaType, charset: undefined, baseUrl: 'https://feeds.example/news/rss' });

describe('parseFeed', () => {
  it('reads RSS 2.0 items, resolving relative links against the feed URL', async () => {
    const feed = await parse('<rss version="2.0"><channel><title>T</title><item><title>A</title><link>../a</link><guid isPermaLink="true">https://x/a</guid><pubDate>Mon, 23 Nov 2026 08:00:00 +0000</pubDate></item></channel></rss>');
    expect(feed).toEqual({
      format: 'rss',
      title: 'T',
      entries: [{ guid: 'https://x/a', link: 'https://feeds.example/a', title: 'A', publishedAt: '2026-11-23T08:00:00.000Z', html: undefined, text: undefined }],
    });
  });

  it('treats an RSS without a version as RSS 2.0', async () => {
    const feed = await parse('<rss><channel><title>T</title><item><title>A</title><link>https://x/a</link></item></channel></rss>');
    expect(feed.entries).toHaveLength(1);
  });

  it('drops links that are not http(s)', async () => {
    const feed = await parse('<rss version="2.0"><channel><title>T</title><item><title>A</title><link>javascript:alert(1)</link><description>d</description></item></channel></rss>');
    expect(feed.entries[0]?.link).toBeUndefined();
  });

  it('reads Atom content and JSON Feed content_html', async () => {
    const atom = await parse('<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>e1</id><title>E</title><content type="html">&lt;p&gt;hi&lt;/p&gt;</content><updated>2026-11-23T10:00:00Z</updated></entry></feed>');
    expect(atom).toMatchObject({ format: 'atom', entries: [{ guid: 'e1', html: '<p>hi</p>', link: undefined }] });
    const json = await parse('{"version":"https://jsonfeed.org/version/1","title":"J","items":[{"id":1,"content_html":"<b>x</b>","url":"/p"}]}', 'application/feed+json');
    expect(json).toMatchObject({ format: 'json', entries: [{ guid: '1', html: '<b>x</b>', link: 'https://feeds.example/p' }] });
  });

  it.each([
    ['truncated XML', '<rss version="2.0"><channel><item><title>x'],
    ['an HTML page', '<!DOCTYPE html><html><body>hi</body></html>'],
    ['an internal entity declaration', '<!DOCTYPE r [<!ENTITY a "aaaa">]><rss version="2.0"><channel><title>&a;</title></channel></rss>'],
    ['an external entity', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>'],
    ['JSON that is not a JSON Feed', '{"items":[]}'],
    ['invalid JSON', '{"version":'],
    ['plain text', 'hello'],
  ])('refuses %s as feed.malformed', async (_name, text) => {
    await expect(parse(text)).rejects.toMatchObject({ name: 'PermanentError', code: 'feed.malformed' });
  });
});

describe('decodeFeedText', () => {
  it('prefers the BOM, then the transport charset, then the XML declaration, then UTF-8', () => {
    const latin1 = new Uint8Array([...bytes('<?xml version="1.0" encoding="ISO-8859-1"?><t>Caf'), 0xe9, ...bytes('</t>')]);
    expect(decodeFeedText(latin1, undefined)).toContain('Café');
    expect(decodeFeedText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('żółw')]), 'iso-8859-2')).toBe('żółw');
    expect(decodeFeedText(new Uint8Array([0xbf, 0xf3, 0xb3, 0x77]), 'iso-8859-2')).toBe('żółw');
    expect(decodeFeedText(bytes('żółw'), 'no-such-charset')).toBe('żółw');
  });
});
