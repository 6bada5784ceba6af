import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parseHtml, stripScriptsAndStyles } from './dom.ts';

describe('parseHtml', () => {
  it('runs no inline script and no event handler on jsdom (default options)', () => {
    const page = `<html><body data-state="original">
      <script>document.body.setAttribute('data-state', 'script ran')</script>
      <img src="data:," onload="document.body.setAttribute('data-state', 'handler ran')">
      <img src="nowhere" onerror="document.body.setAttribute('data-state', 'handler ran')">
    </body></html>`;
    const parsed = parseHtml(page, 'jsdom', 'https://example.com/');
    try {
      expect(parsed.document.body.getAttribute('data-state')).toBe('original');
    } finally {
      parsed.close();
    }
  });

  it('loads no sub-resource on jsdom: the server sees only our own probe', async () => {
    const requests: string[] = [];
    let onRequest: () => void = () => {};
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      onRequest();
      response.end('');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const page = `<html><head><link rel="stylesheet" href="${base}/style.css"><script src="${base}/app.js"></script></head>
        <body><img src="${base}/img.png"><iframe src="${base}/frame.html"></iframe></body></html>`;
      const parsed = parseHtml(page, 'jsdom', `${base}/page.html`);
      parsed.close();
      // A request of our own, sent after parsing: once it is answered, any request jsdom had started would have arrived first.
      await fetch(`${base}/probe`).then((response) => response.text());
      expect(requests).toEqual(['/probe']);

      // Control: the same page with resource loading switched on does reach the server, so the check above can fail.
      requests.length = 0;
      const requested = new Promise<void>((resolve) => (onRequest = resolve));
      const loading = new JSDOM(page, { url: `${base}/page.html`, resources: 'usable' });
      await requested;
      expect(requests.length).toBeGreaterThan(0);
      loading.window.close();
    } finally {
      server.close();
    }
  });

  it('builds a document on linkedom', () => {
    const parsed = parseHtml('<html><body><p>Hello <b>world</b></p></body></html>', 'linkedom');
    expect(parsed.document.querySelector('p')?.textContent).toBe('Hello world');
    parsed.close();
  });
});

describe('stripScriptsAndStyles', () => {
  it('removes scripts and styles but keeps JSON-LD', () => {
    const html = `<head><style>p{}</style><script>var a = "</p>";</script><script type="application/ld+json">{"a":1}</script>
      <SCRIPT src="x.js"></SCRIPT ></head><body><p>text</p></body>`;
    const stripped = stripScriptsAndStyles(html);
    expect(stripped).not.toMatch(/<style|var a|x\.js/i);
    expect(stripped).toContain('<script type="application/ld+json">{"a":1}</script>');
    expect(stripped).toContain('<p>text</p>');
  });
});

describe('stripScriptsAndStyles on hostile input', () => {
  it('drops an unclosed script to the end of the document, as a browser would', () => {
    expect(stripScriptsAndStyles('<p>kept</p><script>never closed <p>swallowed</p>')).toBe('<p>kept</p>');
  });

  it('stays linear on thousands of unclosed scripts', () => {
    const hostile = `<p>kept</p>${'<script>x '.repeat(50_000)}`;
    const started = performance.now();
    expect(stripScriptsAndStyles(hostile)).toBe('<p>kept</p>');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
