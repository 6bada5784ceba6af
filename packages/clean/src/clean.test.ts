import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { RawDocument } from '@newsflow/contracts/documents';
import { PermanentError } from '@newsflow/contracts/errors';
import type { ErrorCode } from '@newsflow/contracts/errors';
import { clean } from './clean.ts';
import type { DomBackend } from './clean.ts';

const NOW = new Date('2026-11-23T12:00:00Z');

function raw(overrides: Partial<RawDocument> = {}): RawDocument {
  return {
    itemId: 'item-1',
    sourceId: 'test',
    source: { kind: 'url', url: 'https://news.example.com/world/story?utm=1' },
    finalUrl: 'https://news.example.com/world/story?utm=1',
    status: 200,
    contentType: 'text/html',
    fetchedAt: NOW.toISOString(),
    byteLength: 0,
    ...overrides,
  };
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const paragraphs = [
  'The presidents of Russia and Belarus spoke by telephone on Sunday, the Kremlin said in a statement published after the call.',
  'Both sides expressed confidence that the problems that had arisen would soon be resolved, according to the statement.',
  'Protests have continued every day since the election, with tens of thousands of people marching through the capital.',
  'Officials said several thousand people had been detained and dozens of police officers and demonstrators injured.',
];

function articlePage(head: string, extra = ''): string {
  return `<!doctype html><html lang="en-GB"><head><title>Leaders talk by phone | Example News</title>${head}</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Leaders talk by phone</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
${extra}
</article>
<footer>© Example News. All rights reserved.</footer>
</body></html>`;
}

async function cleanCode(promise: Promise<unknown>): Promise<ErrorCode | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(PermanentError);
    return (error as PermanentError).code;
  }
}

const backends: DomBackend[] = ['linkedom', 'jsdom'];

describe.each(backends)('clean() on HTML with %s', (dom) => {
  it('returns the article as one paragraph per line, without navigation or footer', async () => {
    const result = await clean(raw(), utf8(articlePage('')), { dom, now: NOW });
    expect(result.format).toBe('html');
    expect(result.text.split('\n')).toEqual(paragraphs);
    expect(result.text).not.toContain('All rights reserved');
    expect(result.title).toBe('Leaders talk by phone');
    expect(result.droppedLines).toBe(0);
  });

  it('reads metadata from JSON-LD first', async () => {
    const head = `<script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Example' },
        {
          '@type': 'NewsArticle',
          headline: 'Leaders talk by phone',
          datePublished: '2020-08-16T14:05:00+03:00',
          author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', name: 'John Roe' }],
          publisher: { '@type': 'Organization', name: 'Example News' },
        },
      ],
    })}</script>
    <meta property="article:published_time" content="2020-08-17T00:00:00Z">`;
    const result = await clean(raw(), utf8(articlePage(head)), { dom, now: NOW });
    expect(result.publishedAt).toBe('2020-08-16T11:05:00.000Z');
    expect(result.byline).toBe('Jane Doe, John Roe');
    expect(result.siteName).toBe('Example News');
  });

  it('falls back to OpenGraph, rel=canonical and <html lang>', async () => {
    const head = `<meta property="og:site_name" content="Example News">
      <meta property="article:published_time" content="2020-08-16T10:00:00Z">
      <meta name="author" content="By Jane Doe">
      <link rel="canonical" href="/world/leaders-talk">
      <meta property="og:url" content="https://other.example.com/ignored">`;
    const result = await clean(raw(), utf8(articlePage(head)), { dom, now: NOW });
    expect(result).toMatchObject({
      publishedAt: '2020-08-16T10:00:00.000Z',
      byline: 'Jane Doe',
      canonicalUrl: 'https://news.example.com/world/leaders-talk',
      declaredLanguage: 'en-GB',
      siteName: 'Example News',
    });
  });

  it('uses og:url and og:locale when nothing better is declared', async () => {
    const page = articlePage(
      '<meta property="og:url" content="https://news.example.com/a#top"><meta property="og:locale" content="pl_PL">',
    ).replace(' lang="en-GB"', '');
    const result = await clean(raw(), utf8(page), { dom, now: NOW });
    expect(result.canonicalUrl).toBe('https://news.example.com/a');
    expect(result.declaredLanguage).toBe('pl-PL');
  });

  it('rejects junk dates and takes the next plausible one from <time datetime>', async () => {
    const head = `<meta property="article:published_time" content="0001-01-01T00:00:00Z">
      <meta name="date" content="2999-01-01">`;
    const page = articlePage(head, '<p><time datetime="2020-08-16">16 August</time></p>');
    const result = await clean(raw(), utf8(page), { dom, now: NOW });
    expect(result.publishedAt).toBe('2020-08-16T00:00:00.000Z');
  });

  it('leaves publishedAt out when the page has no usable date', async () => {
    const head = '<meta property="article:published_time" content="0001-01-01T00:00:00Z">';
    const result = await clean(raw(), utf8(articlePage(head)), { dom, now: NOW });
    expect(result.publishedAt).toBeUndefined();
  });

  it('takes the content-language meta as the declared language when <html> has none', async () => {
    const page = articlePage('<meta http-equiv="Content-Language" content="it">').replace(' lang="en-GB"', '');
    const result = await clean(raw(), utf8(page), { dom, now: NOW });
    expect(result.declaredLanguage).toBe('it');
  });

  it('never lets a script change the result', async () => {
    const script = `<script>document.querySelectorAll('p').forEach(p => p.textContent = 'HIJACKED');</script>
      <img src="x" onerror="document.body.innerHTML='HIJACKED'">`;
    const result = await clean(raw(), utf8(articlePage('', script)), { dom, now: NOW });
    expect(result.text).not.toContain('HIJACKED');
    expect(result.text.split('\n')).toEqual(paragraphs);
  });

  it('survives broken HTML: unclosed tags, stray end tags, garbage attributes', async () => {
    const broken = `<html><head><title>Broken page</title><body><div class="a" id=>
      <p>${paragraphs[0]}<p>${paragraphs[1]}</span></div></b>
      <p ="x" <<>${paragraphs[2]}
      <div><span>${paragraphs[3]}`;
    const result = await clean(raw(), utf8(broken), { dom, now: NOW });
    for (const paragraph of paragraphs) expect(result.text).toContain(paragraph.slice(0, 40));
  });

  it('reads an HTML fragment without <html> or <body>', async () => {
    const fragment = paragraphs.map((p) => `<p>${p}</p>`).join('');
    const result = await clean(raw(), utf8(fragment), { dom, now: NOW });
    expect(result.text.split('\n')).toEqual(paragraphs);
  });

  it('reads an absurdly deep page without Readability instead of stalling or overflowing the stack', async () => {
    const depth = 3000;
    const page = `<html><body>${'<div>'.repeat(depth)}<p>${paragraphs[0]}</p>${'</div>'.repeat(depth)}</body></html>`;
    const started = performance.now();
    const result = await clean(raw(), utf8(page), { dom, now: NOW });
    expect(result.text).toBe(paragraphs[0]);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('decodes a windows-1250 page declared in a meta tag', async () => {
    const text =
      'Rosyjski przywódca rozmawiał dziś przez telefon z Łukaszenką. Prezydenci kontynuowali omówienie sytuacji na Białorusi, w tym presji z zewnątrz, ściśle i źródłowo.';
    const page = `<html><head><meta charset="windows-1250"><title>Kreml</title></head><body><article><p>${text}</p><p>${text}</p></article></body></html>`;
    const result = await clean(raw(), iconv.encode(page, 'windows-1250'), { dom, now: NOW });
    expect(result).toMatchObject({ charset: 'windows-1250', charsetSource: 'meta' });
    expect(result.text).toContain(text);
  });

  it('fails with clean.empty when the page has no text', async () => {
    const page = '<html><head><title>Nothing</title></head><body><div><img src="a.png"></div></body></html>';
    expect(await cleanCode(clean(raw(), utf8(page), { dom, now: NOW }))).toBe('clean.empty');
  });
});

describe('clean() on plain text', () => {
  it('cleans the Polish seed and keeps its headline as the title', async () => {
    const body = readFileSync(new URL('../../../seeds/003_bb3b193bc24b719b.txt', import.meta.url));
    const result = await clean(raw({ contentType: 'text/plain' }), body, { now: NOW });
    expect(result.format).toBe('text');
    expect(result.title).toMatch(/^Kreml potwierdza: Putin pomoże Łukaszence/);
    expect(result.text).not.toContain('Watykan');
    expect(result.droppedLines).toBeGreaterThan(20);
    expect(result).toMatchObject({ charset: 'utf-8', charsetSource: 'utf8' });
  });

  it('derives a title from the first sentence when there is no headline', async () => {
    const body = readFileSync(new URL('../../../seeds/001_664aa4778fb2fdac.txt', import.meta.url));
    const result = await clean(raw({ contentType: 'text/plain' }), body, { now: NOW });
    expect(result.title).toMatch(/^Today, a telephone conversation took place between the presidents .*…$/);
    expect(result.title.length).toBeLessThanOrEqual(121);
  });

  it('prefers the feed title to a sentence from the text', async () => {
    const result = await clean(
      raw({ contentType: 'text/plain', feedTitle: ' Putin and  Lukashenko talk ' }),
      utf8(paragraphs.join('\n')),
      { now: NOW },
    );
    expect(result.title).toBe('Putin and Lukashenko talk');
  });

  it('does not take a site keyword list for the headline', async () => {
    const keywords = 'Haberler, son dakika, gündem, siyaset, ekonomi, spor, magazin, yerel haber';
    const result = await clean(raw({ contentType: 'text/plain', feedTitle: keywords }), utf8(paragraphs.join('\n')), {
      now: NOW,
    });
    expect(result.title).not.toContain('gündem');
    expect(result.title.length).toBeGreaterThan(0);
    expect(result.text).not.toContain('gündem');
  });

  it('falls back to the feed publication time', async () => {
    const result = await clean(
      raw({ contentType: 'text/plain', feedPublishedAt: 'Sun, 16 Aug 2020 10:00:00 GMT' }),
      utf8(paragraphs.join('\n')),
      { now: NOW },
    );
    expect(result.publishedAt).toBe('2020-08-16T10:00:00.000Z');
  });

  it('fails with clean.empty on whitespace and punctuation only', async () => {
    expect(await cleanCode(clean(raw({ contentType: 'text/plain' }), utf8(' \n\u00a0\n — \n'), { now: NOW }))).toBe(
      'clean.empty',
    );
  });
});

describe('clean() input checks', () => {
  it('refuses inputs above the size limit', async () => {
    const code = await cleanCode(clean(raw(), utf8(articlePage('')), { maxInputBytes: 100 }));
    expect(code).toBe('clean.unparseable');
  });

  it('refuses content types it cannot clean', async () => {
    expect(await cleanCode(clean(raw({ contentType: 'image/png' }), utf8('x')))).toBe('clean.unparseable');
  });

  it('sniffs HTML when the type is missing', async () => {
    const result = await clean(raw({ contentType: '' }), utf8(articlePage('')), { now: NOW });
    expect(result.format).toBe('html');
  });
});
