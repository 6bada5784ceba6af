import Parser from 'rss-parser';
import { PermanentError } from '@newsflow/contracts/errors';

/** One entry of a feed, normalised across RSS 0.9x/1.0/2.0, Atom and JSON Feed. */
export interface ParsedEntry {
  guid: string | undefined;
  /** Absolute http(s) link, resolved against the feed URL. */
  link: string | undefined;
  title: string | undefined;
  /** ISO 8601, when the feed gave a parseable date. */
  publishedAt: string | undefined;
  /** Full content when the feed carries it (content:encoded, Atom content, content_html). */
  html: string | undefined;
  /** Plain-text content (JSON Feed content_text), when no HTML is given. */
  text: string | undefined;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'json';
  title: string | undefined;
  entries: ParsedEntry[];
}

/** Entries beyond this many are ignored: a feed is a window on recent items, not an archive. */
export const MAX_FEED_ENTRIES = 1000;

function malformed(message: string, cause?: unknown): PermanentError {
  return new PermanentError('feed.malformed', message, cause === undefined ? undefined : { cause });
}

/** Decodes feed bytes: BOM, then the transport's charset, then the XML declaration, then UTF-8. */
export function decodeFeedText(bytes: Uint8Array, declaredCharset: string | undefined): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const xmlDeclared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
  for (const label of [declaredCharset, xmlDeclared, 'utf-8']) {
    if (label === undefined) continue;
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // Unknown label: try the next source.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function absoluteHttpUrl(value: unknown, base: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  // xml2js gives { _: text, $: attrs } for elements with attributes (e.g. <guid isPermaLink>).
  if (typeof value === 'object' && value !== null && '_' in value) return text((value as { _: unknown })._);
  return undefined;
}

function parseJsonFeed(source: string, baseUrl: string): ParsedFeed {
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (error) {
    throw malformed('JSON Feed is not valid JSON', error);
  }
  if (typeof document !== 'object' || document === null) throw malformed('JSON Feed is not an object');
  const feed = document as Record<string, unknown>;
  if (typeof feed.version !== 'string' || !feed.version.startsWith('https://jsonfeed.org/version/')) {
    throw malformed('JSON document is not a JSON Feed (no jsonfeed.org version)');
  }
  if (!Array.isArray(feed.items)) throw malformed('JSON Feed has no items array');
  const entries: ParsedEntry[] = [];
  for (const item of feed.items.slice(0, MAX_FEED_ENTRIES)) {
    if (typeof item !== 'object' || item === null) continue;
    const entry = item as Record<string, unknown>;
    entries.push({
      guid: text(entry.id),
      link: absoluteHttpUrl(entry.url, baseUrl) ?? absoluteHttpUrl(entry.external_url, baseUrl),
      title: text(entry.title),
      publishedAt: isoDate(entry.date_published) ?? isoDate(entry.date_modified),
      html: text(entry.content_html),
      text: text(entry.content_text),
    });
  }
  return { format: 'json', title: text(feed.title), entries };
}

async function parseXmlFeed(source: string, baseUrl: string): Promise<ParsedFeed> {
  // Entity declarations are how billion-laughs and external-entity attacks start; feeds have no
  // use for them. (sax would refuse to expand them too; refusing early fails fast and clearly.)
  if (/<!ENTITY/i.test(source)) throw malformed('feed declares XML entities');
  const parser = new Parser({ defaultRSS: 2 });
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(source);
  } catch (error) {
    throw malformed(`feed is not parseable XML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, error);
  }
  const format = /<feed[\s>]/.test(source.slice(0, 2048)) ? 'atom' : 'rss';
  const entries: ParsedEntry[] = [];
  for (const item of (feed.items ?? []).slice(0, MAX_FEED_ENTRIES)) {
    const record = item as Record<string, unknown>;
    const html = text(record['content:encoded']) ?? text(record.content) ?? text(record.summary);
    entries.push({
      guid: text(record.guid) ?? text(record.id),
      link: absoluteHttpUrl(record.link, baseUrl),
      title: text(record.title),
      publishedAt: isoDate(record.isoDate) ?? isoDate(record.pubDate) ?? isoDate(record.date),
      html,
      text: undefined,
    });
  }
  return { format, title: text(feed.title), entries };
}

/** Parses RSS 0.9x/1.0/2.0, Atom or JSON Feed; anything else is PermanentError('feed.malformed'). */
export async function parseFeed(body: Uint8Array, options: { mediaType: string | undefined; charset: string | undefined; baseUrl: string }): Promise<ParsedFeed> {
  const source = decodeFeedText(body, options.charset);
  const start = source.trimStart().slice(0, 1);
  if (options.mediaType === 'application/feed+json' || options.mediaType === 'application/json' || start === '{') {
    return parseJsonFeed(source, options.baseUrl);
  }
  if (start !== '<') throw malformed('feed is neither XML nor JSON');
  return parseXmlFeed(source, options.baseUrl);
}
