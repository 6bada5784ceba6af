import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { blockText } from './block-text.ts';

const body = (html: string): Node => parseHTML(`<html><body>${html}</body></html>`).document.body as unknown as Node;

describe('blockText', () => {
  it('puts each block on its own line and keeps inline elements inside words', () => {
    expect(blockText(body('<h2>Title</h2><p>One <b>bo</b>ld <a href="#">link</a>.</p><div>Two<br>Three</div>'))).toBe(
      'Title\nOne bold link.\nTwo\nThree',
    );
  });

  it('keeps list items and table rows apart, and cells of a row on one line', () => {
    expect(blockText(body('<ul><li>a</li><li>b</li></ul><table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>'))).toBe(
      'a\nb\n1 2\n3',
    );
  });

  it('skips scripts, styles and forms controls, and collapses whitespace', () => {
    expect(blockText(body('<p>  spaced \n  out  </p><script>x()</script><style>p{}</style><button>Share</button>'))).toBe(
      'spaced out',
    );
  });

  it('keeps the line breaks of preformatted text', () => {
    expect(blockText(body('<pre>line one\nline two</pre>'))).toBe('line one\nline two');
  });

  it('walks a 100,000-deep tree without overflowing the stack', () => {
    let root = parseHTML('<html><body></body></html>').document.body;
    const top = root;
    for (let level = 0; level < 100_000; level++) root = root.appendChild(root.ownerDocument.createElement('div'));
    root.appendChild(root.ownerDocument.createTextNode('deep text'));
    expect(blockText(top as unknown as Node)).toBe('deep text');
  });
});
