/**
 * The clean stage: fetched bytes → article text and metadata. Pure: no queue, no store, no network.
 */
import { Readability } from '@mozilla/readability';
import type { CleanDocument, RawDocument } from '@newsflow/contracts/documents';
import { PermanentError } from '@newsflow/contracts/errors';
import { blockText } from './block-text.ts';
import { decode } from './decode.ts';
import type { Decoded } from './decode.ts';
import { measureDom, parseHtml, stripScriptsAndStyles } from './dom.ts';
import type { DomBackend } from './dom.ts';
import { isKeywordList } from './line-rules.ts';
import { cleanByline, extractMetadata, parseDate, tidyTitle } from './metadata.ts';
import type { PageMetadata } from './metadata.ts';
import { cleanPlainText, titleFromText } from './plain-text.ts';
import { DEFAULT_PRUNE_RULES, filterLines, pruneArticle } from './prune.ts';
import type { PruneRule } from './prune.ts';

export type { DomBackend } from './dom.ts';
export type { PruneRule } from './prune.ts';

export interface CleanOptions {
  /** DOM backend for HTML. linkedom is ≈ 4× faster than jsdom and scores the same. Default: linkedom. */
  dom?: DomBackend;
  /** Larger inputs fail with `clean.unparseable` instead of tying up a worker. Default: 8 MiB. */
  maxInputBytes?: number;
  /** The clock that bounds publication dates (a date in the future is junk). Default: now. */
  now?: Date;
  /** Post-processing rules applied to Readability's article. Default: all (each measured to help). */
  pruneRules?: readonly PruneRule[];
}

export const DEFAULT_MAX_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * Readability's cost grows faster than linearly with nesting depth (≈ 0.5 s at depth 250, 7 s at
 * 1,000, a stack overflow at 20,000). The 181 benchmark pages reach depth 51 and 1,573 elements after
 * script/style removal; past these limits a page is treated as degenerate and read without Readability.
 */
export const READABILITY_LIMITS = { depth: 200, elements: 15_000 } as const;

function isDegenerate(shape: { depth: number; elements: number }): boolean {
  return shape.depth > READABILITY_LIMITS.depth || shape.elements > READABILITY_LIMITS.elements;
}

/**
 * jsdom's own parser is slow on degenerate pages (a 50,000-deep page took 130 s to fail). When a page
 * has many tags, measure it with linkedom first; a degenerate page is read with linkedom, since it
 * skips Readability anyway and the backend then makes no difference.
 */
function chooseBackend(html: string, requested: DomBackend): DomBackend {
  if (requested !== 'jsdom') return requested;
  let tags = 0;
  for (let index = html.indexOf('<'); index !== -1 && tags <= 5000; index = html.indexOf('<', index + 1)) tags++;
  if (tags <= 5000) return requested;
  const probe = parseHtml(html, 'linkedom');
  try {
    return isDegenerate(measureDom(probe.document, READABILITY_LIMITS)) ? 'linkedom' : requested;
  } finally {
    probe.close();
  }
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const TEXT_TYPES = new Set(['text/plain']);

type Format = CleanDocument['format'];

function formatOf(raw: RawDocument, body: Uint8Array): Format {
  const type = raw.contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (HTML_TYPES.has(type)) return 'html';
  if (TEXT_TYPES.has(type)) return 'text';
  if (type === '' || type === 'application/octet-stream') {
    // No usable type: sniff like a browser would.
    const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 1024)).toString('latin1');
    return /^\s*(?:\ufeff|\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|head|body|!--)/i.test(head) ? 'html' : 'text';
  }
  throw new PermanentError('clean.unparseable', `cannot clean content of type ${raw.contentType}`, {
    details: { contentType: raw.contentType },
  });
}

function hasText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

interface Extracted {
  text: string;
  metadata: PageMetadata;
  readabilityTitle?: string;
  /** The page's own headings (`<h1>`), read before Readability rewrites the document. */
  headings: string[];
}

const BOILERPLATE_CONTAINERS = 'nav, header, footer, aside, form, [role="navigation"], [role="banner"], [role="contentinfo"]';

function readArticle(document: Document) {
  try {
    // keepClasses: the pruning rules read class names (caption, credit …).
    return new Readability<Element>(document, { serializer: (node) => node as Element, keepClasses: true }).parse();
  } catch (cause) {
    throw new PermanentError('clean.unparseable', 'Readability failed on the page', { cause });
  }
}

function extractHtml(html: string, raw: RawDocument, options: CleanOptions): Extracted {
  const stripped = stripScriptsAndStyles(html);
  let backend = options.dom ?? 'linkedom';
  let parsed;
  try {
    backend = chooseBackend(stripped, backend);
    parsed = parseHtml(stripped, backend, raw.finalUrl);
  } catch (cause) {
    throw new PermanentError('clean.unparseable', `the ${backend} parser rejected the page`, { cause });
  }
  try {
    const { document } = parsed;
    // Metadata first: Readability rewrites the document as it goes.
    const metadata = extractMetadata(document, { baseUrl: raw.finalUrl, now: options.now ?? new Date() });
    const headings = [...document.querySelectorAll('h1')]
      .slice(0, 5)
      .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((heading) => heading !== '');
    const degenerate = isDegenerate(measureDom(document, READABILITY_LIMITS));
    const article = degenerate ? null : readArticle(document);
    const rules = new Set(options.pruneRules ?? DEFAULT_PRUNE_RULES);
    let text = '';
    if (article?.content) {
      pruneArticle(article.content, rules);
      text = filterLines(blockText(article.content), rules);
    }
    if (!hasText(text) && document.body !== null) {
      // Readability found no article (or was not run): the body without its obvious page furniture.
      if (!degenerate) for (const element of document.body.querySelectorAll(BOILERPLATE_CONTAINERS)) element.remove();
      text = filterLines(blockText(document.body), rules);
    }
    const extracted: Extracted = { text, metadata, headings };
    const readabilityTitle = article?.title?.replace(/\s+/g, ' ').trim();
    if (readabilityTitle) extracted.readabilityTitle = readabilityTitle;
    const readabilityByline = cleanByline(article?.byline ?? undefined);
    if (!metadata.byline && readabilityByline) metadata.byline = readabilityByline;
    if (!metadata.siteName && article?.siteName) metadata.siteName = article.siteName.replace(/\s+/g, ' ').trim();
    return extracted;
  } finally {
    parsed.close();
  }
}

export async function clean(raw: RawDocument, body: Uint8Array, options: CleanOptions = {}): Promise<CleanDocument> {
  const maxInputBytes = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (body.byteLength > maxInputBytes) {
    throw new PermanentError('clean.unparseable', `input of ${body.byteLength} bytes exceeds ${maxInputBytes}`, {
      details: { byteLength: body.byteLength, maxInputBytes },
    });
  }
  const format = formatOf(raw, body);
  const decoded: Decoded = decode(body, { declaredCharset: raw.declaredCharset, sniffMeta: format === 'html' });

  let text: string;
  let title: string | undefined;
  let metadata: PageMetadata = {};
  let droppedLines = 0;
  if (format === 'html') {
    const extracted = extractHtml(decoded.text, raw, options);
    text = extracted.text;
    metadata = extracted.metadata;
    const pageTitle = extracted.readabilityTitle ?? metadata.title;
    if (pageTitle !== undefined) title = tidyTitle(pageTitle, extracted.headings, metadata.siteName);
  } else {
    const plain = cleanPlainText(decoded.text);
    text = plain.text;
    title = plain.title;
    droppedLines = plain.droppedLines;
  }

  if (!hasText(text)) {
    throw new PermanentError('clean.empty', 'no article text found', { details: { format, charset: decoded.charset } });
  }

  const feedTitle = raw.feedTitle?.replace(/\s+/g, ' ').trim();
  const headline = [title, feedTitle].find((candidate) => candidate && !isKeywordList(candidate));
  const document: CleanDocument = {
    itemId: raw.itemId,
    format,
    title: headline ?? titleFromText(text),
    text,
    charset: decoded.charset,
    charsetSource: decoded.source,
    droppedLines,
  };
  if (metadata.byline) document.byline = metadata.byline;
  const publishedAt = metadata.publishedAt ?? parseDate(raw.feedPublishedAt, options.now ?? new Date());
  if (publishedAt) document.publishedAt = publishedAt;
  if (metadata.canonicalUrl) document.canonicalUrl = metadata.canonicalUrl;
  if (metadata.declaredLanguage) document.declaredLanguage = metadata.declaredLanguage;
  if (metadata.siteName) document.siteName = metadata.siteName;
  return document;
}
