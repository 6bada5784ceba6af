/**
 * DOM subtree → text with one block per line. `textContent` glues `<p>a</p><p>b</p>` into `ab`;
 * a line break at every block element keeps words apart and keeps paragraphs as lines.
 */

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'tfoot', 'thead', 'tr', 'ul', 'option', 'iframe', 'video', 'audio', 'picture',
]);
/** Cells sit side by side: separate them, but keep a row on one line. */
const CELL = new Set(['td', 'th']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head', 'title', 'button', 'select']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

interface Walker {
  parts: string[];
  pre: number;
}

function walk(node: Node, state: Walker): void {
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    const type = child.nodeType;
    if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
      const value = child.nodeValue ?? '';
      state.parts.push(state.pre > 0 ? value : value.replace(/[\t\n\r\f ]+/g, ' '));
      continue;
    }
    if (type !== ELEMENT_NODE) continue;
    const tag = (child as Element).localName.toLowerCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'br') {
      state.parts.push('\n');
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) state.parts.push('\n');
    else if (CELL.has(tag)) state.parts.push(' \t ');
    if (tag === 'pre') state.pre++;
    walk(child, state);
    if (tag === 'pre') state.pre--;
    if (block) state.parts.push('\n');
    else if (CELL.has(tag)) state.parts.push(' \t ');
  }
}

/** Collapse whitespace inside lines, drop empty lines. */
export function normaliseLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

export function blockText(root: Node): string {
  const state: Walker = { parts: [], pre: 0 };
  walk(root, state);
  return normaliseLines(state.parts.join(''));
}
