/**
 * Media types from the first bytes of a body, for files and for HTTP responses that declare none.
 * Only the types the pipeline accepts are recognised; anything binary yields `undefined`.
 */

const SNIFF_BYTES = 1024;

function skipBomAndSpace(bytes: Uint8Array): { offset: number; utf16: boolean } {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { offset: 2, utf16: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { offset: 2, utf16: true };
  let offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (offset < bytes.length && offset < SNIFF_BYTES) {
    const byte = bytes[offset];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) break;
    offset += 1;
  }
  return { offset, utf16: false };
}

function looksBinary(bytes: Uint8Array, from: number): boolean {
  const end = Math.min(bytes.length, from + SNIFF_BYTES);
  for (let index = from; index < end; index += 1) {
    const byte = bytes[index] ?? 0;
    // NUL and the C0 controls that never occur in text (keep TAB, LF, FF, CR, ESC for ISO-2022).
    if (byte < 0x09 || (byte > 0x0d && byte < 0x1b) || (byte > 0x1b && byte < 0x20)) return true;
  }
  return false;
}

const HTML_STARTS = ['<!doctype html', '<html', '<head', '<body', '<meta', '<title', '<div', '<p>', '<p ', '<article', '<h1', '<script', '<style', '<table', '<!--'];

/** The media type (no parameters) the bytes look like, or `undefined` when they look binary. */
export function sniffMediaType(bytes: Uint8Array): string | undefined {
  const { offset, utf16 } = skipBomAndSpace(bytes);
  if (utf16) return 'text/plain';
  if (looksBinary(bytes, offset)) return undefined;
  const head = Buffer.from(bytes.subarray(offset, offset + SNIFF_BYTES)).toString('latin1').toLowerCase();
  if (head.startsWith('<?xml') || head.startsWith('<rss') || head.startsWith('<feed') || head.startsWith('<rdf:rdf')) {
    if (/<rss[\s>]/.test(head)) return 'application/rss+xml';
    if (/<feed[\s>]/.test(head)) return 'application/atom+xml';
    if (head.includes('<rdf:rdf')) return 'application/rdf+xml';
    if (/<html[\s>]/.test(head)) return 'application/xhtml+xml';
    return 'application/xml';
  }
  if (HTML_STARTS.some((start) => head.startsWith(start))) return 'text/html';
  if (head.startsWith('{')) return head.includes('jsonfeed.org/version') ? 'application/feed+json' : 'application/json';
  return 'text/plain';
}

/** A media type from a file name's extension, when it decides one. */
export function mediaTypeForExtension(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'text/html';
  if (lower.endsWith('.txt')) return 'text/plain';
  return undefined;
}
