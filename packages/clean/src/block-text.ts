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

/** Iterative (an explicit stack), so that absurdly deep pages cannot overflow the call stack. */
function collect(root: Node): string[] {
  const parts: string[] = [];
  let pre = 0;
  // Each frame: the next child to visit, and what to emit when the element closes.
  const stack: { next: Node | null; close: string; isPre: boolean }[] = [{ next: root.firstChild, close: '', isPre: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame === undefined) break;
    const child = frame.next;
    if (child === null) {
      stack.pop();
      if (frame.isPre) pre--;
      parts.push(frame.close);
      continue;
    }
    frame.next = child.nextSibling;
    const type = child.nodeType;
    if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
      const value = child.nodeValue ?? '';
      parts.push(pre > 0 ? value : value.replace(/[\t\n\r\f ]+/g, ' '));
      continue;
    }
    if (type !== ELEMENT_NODE) continue;
    const tag = (child as Element).localName.toLowerCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'br') {
      parts.push('\n');
      continue;
    }
    const separator = BLOCK.has(tag) ? '\n' : CELL.has(tag) ? ' \t ' : '';
    parts.push(separator);
    const isPre = tag === 'pre';
    if (isPre) pre++;
    stack.push({ next: child.firstChild, close: separator, isPre });
  }
  return parts;
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
  return normaliseLines(collect(root).join(''));
}
