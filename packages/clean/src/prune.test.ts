import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { blockText } from './block-text.ts';
import { filterLines, pruneArticle, PRUNE_RULES } from './prune.ts';
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

describe('filterLines', () => {
  it('drops gallery counters, "read more" teasers and lines without letters', () => {
    const text = ['Image 1 of 9', 'READ MORE: Bridge closures across the state', '___', 'Repairs start in March.'].join('\n');
    expect(filterLines(text, new Set(PRUNE_RULES))).toBe('Repairs start in March.');
  });
});
