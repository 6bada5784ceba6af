/**
 * HTML string → DOM, on one of two backends. Neither runs scripts nor loads sub-resources:
 * linkedom has no script engine or network at all; jsdom is used with its defaults
 * (`runScripts` and `resources` unset), which mean exactly that.
 */
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';

export type DomBackend = 'linkedom' | 'jsdom';

export interface ParsedDom {
  document: Document;
  /** Release the window (jsdom keeps timers and listeners alive until closed). */
  close(): void;
}

/**
 * Remove `<script>` (except JSON-LD, which carries metadata) and `<style>` before parsing:
 * they are never article text, and parsing them is a large part of jsdom's cost.
 */
export function stripScriptsAndStyles(html: string): string {
  // A linear scan: an opening tag, then the next matching end tag (an unclosed one runs
  // to the end of the document, as in a browser). A lazy regex would go quadratic on unclosed tags.
  const opening = /<(script|style)\b([^>]{0,4000})>/gi;
  const parts: string[] = [];
  let kept = 0;
  for (let match = opening.exec(html); match !== null; match = opening.exec(html)) {
    const tag = (match[1] ?? '').toLowerCase();
    const attributes = match[2] ?? '';
    const closer = tag === 'script' ? /<\/script/gi : /<\/style/gi;
    closer.lastIndex = opening.lastIndex;
    const closing = closer.exec(html)?.index ?? -1;
    const end = closing === -1 ? html.length : html.indexOf('>', closing) + 1 || html.length;
    if (tag === 'script' && /application\/ld\+json/i.test(attributes)) {
      opening.lastIndex = end;
      continue;
    }
    parts.push(html.slice(kept, match.index));
    kept = end;
    opening.lastIndex = end;
  }
  parts.push(html.slice(kept));
  return parts.join('');
}

function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

export function parseHtml(html: string, backend: DomBackend, url?: string): ParsedDom {
  if (backend === 'jsdom') {
    const base = safeUrl(url);
    // Defaults on purpose: no runScripts, no resources → no script runs, nothing is fetched.
    const dom = new JSDOM(html, base === undefined ? {} : { url: base });
    return {
      document: dom.window.document,
      close: () => dom.window.close(),
    };
  }
  // linkedom builds no <html>/<body> around a fragment: give it a document to parse into.
  const window = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  return {
    document: window.document as unknown as Document,
    close: () => {},
  };
}

export interface DomShape {
  depth: number;
  elements: number;
}

/** Depth and size of a document, counting no further than the limits (iterative). */
export function measureDom(document: Document, limits: DomShape): DomShape {
  let depth = 0;
  let elements = 0;
  const root = document.documentElement;
  if (root === null) return { depth, elements };
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, level] = stack.pop() ?? [root, 1];
    elements++;
    if (level > depth) depth = level;
    if (depth > limits.depth || elements > limits.elements) break;
    for (let child = element.firstElementChild; child !== null; child = child.nextElementSibling) stack.push([child, level + 1]);
  }
  return { depth, elements };
}
