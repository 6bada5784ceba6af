import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { blockText } from './block-text.ts';
import { filterLines, isDateLine, isFurnitureLine, pruneArticle, PRUNE_RULES } from './prune.ts';
import type { PruneRule } from './prune.ts';

function pruned(html: string, rules: readonly PruneRule[] = PRUNE_RULES): string {
  const { document } = parseHTML(`<html><body><div id="article">${html}</div></body></html>`);
  const root = document.getElementById('article') as unknown as Element;
  pruneArticle(root, new Set(rules));
  return filterLines(blockText(root), new Set(rules));
}

const story = '<p>The council voted on Tuesday to close the bridge for repairs until spring.</p>';

describe('pruneArticle', () => {
  it('removes figures, captions and credit blocks', () => {
    const html = `${story}<figure><img src="a.jpg"><figcaption>The bridge at dawn. Photo: Jane Doe</figcaption></figure>
      <div class="image-caption">Workers inspect the bridge</div><span class="photo-credit">Reuters</span>`;
    expect(pruned(html)).toBe('The council voted on Tuesday to close the bridge for repairs until spring.');
  });

  it('removes short blocks named for page furniture: bylines, share bars, newsletter boxes', () => {
    const html = `<div class="article-byline">By Jane Doe, staff writer</div>${story}
      <div class="social-share">Share on Facebook Share on Twitter</div>
      <aside id="newsletter-signup">Get the morning briefing in your inbox</aside>`;
    expect(pruned(html)).toBe('The council voted on Tuesday to close the bridge for repairs until spring.');
  });

  it('keeps a long block even when its class sounds like furniture', () => {
    const long = `<div class="post-meta"><p>${'The council debated the repairs at length. '.repeat(8)}</p></div>`;
    expect(pruned(long)).toContain('The council debated the repairs at length.');
  });

  it('removes lists that are mostly links and keeps lists of text', () => {
    const html = `${story}<ul><li><a href="/a">Related: bridge closures across the state</a></li><li><a href="/b">Ten best bridges</a></li></ul>
      <ul><li>Repairs start in March</li><li>The bridge reopens in <a href="/may">May</a></li></ul>`;
    expect(pruned(html).split('\n')).toEqual([
      'The council voted on Tuesday to close the bridge for repairs until spring.',
      'Repairs start in March',
      'The bridge reopens in May',
    ]);
  });

  it('removes paragraphs that are nothing but a link to another story', () => {
    const html = `${story}<p><a href="/other">Mayor resigns after bridge scandal</a></p>
      <p>Read the <a href="/report">full engineering report</a> published by the council on Monday afternoon.</p>`;
    expect(pruned(html).split('\n')).toEqual([
      'The council voted on Tuesday to close the bridge for repairs until spring.',
      'Read the full engineering report published by the council on Monday afternoon.',
    ]);
  });

  it('changes nothing when no rule is on', () => {
    const html = `${story}<figure><figcaption>Caption text here</figcaption></figure>`;
    expect(pruned(html, [])).toContain('Caption text here');
  });
});

describe('furniture lines', () => {
  it('recognises date stamps', () => {
    expect(isDateLine('Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM')).toBe(true);
    expect(isDateLine('Published 4:00 am CST, Wednesday, November 20, 2019')).toBe(true);
    expect(isDateLine('18 NOV 2019')).toBe(true);
    expect(isDateLine('PUBLISHED: 10:48, Tue, Nov 19, 2019')).toBe(true);
    expect(isDateLine('segunda-feira, 22 de janeiro de 2018 às 0:13')).toBe(true);
    expect(isDateLine('On Nov 19 the council met again to discuss the bridge.')).toBe(false);
    expect(isDateLine('The 2019 budget set aside 40 million for 12 bridges.')).toBe(false);
  });

  it('drops gallery counters, "read more" teasers and lines without letters', () => {
    const text = ['Image 1 of 9', 'READ MORE: Bridge closures across the state', '___', 'Repairs start in March.'].join('\n');
    expect(filterLines(text, new Set(PRUNE_RULES))).toBe('Repairs start in March.');
  });

  it('recognises credits and caption labels', () => {
    expect(isFurnitureLine('Photo: Ringo H.W. Chiu, AP')).toBe(true);
    expect(isFurnitureLine('Image copyright Getty Images')).toBe(true);
    expect(isFurnitureLine('The photographer waited for hours.')).toBe(false);
  });

  it('recognises bylines left in the text, but not sentences that start with "By"', () => {
    expect(isFurnitureLine('By Justine Coleman -')).toBe(true);
    expect(isFurnitureLine('Przez Jan Kowalski | PAP')).toBe(true);
    expect(isFurnitureLine('By Monday the bridge was closed.')).toBe(false);
    expect(isFurnitureLine('By the end of the year, repairs will be complete.')).toBe(false);
  });
});
