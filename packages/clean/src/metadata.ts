/**
 * Page metadata read from the DOM before Readability rewrites it: JSON-LD, OpenGraph, `<meta>`,
 * `<time>`, `<link rel=canonical>`, `<html lang>`.
 */

export interface PageMetadata {
  title?: string;
  byline?: string;
  publishedAt?: string;
  canonicalUrl?: string;
  declaredLanguage?: string;
  siteName?: string;
}

export interface MetadataOptions {
  /** The URL the page was fetched from: relative canonical URLs resolve against it. */
  baseUrl?: string | undefined;
  /** Dates after this instant (plus a day of clock skew) are rejected. Default: now. */
  now?: Date;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clean(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** JSON, or JSON as sloppily written in pages (trailing commas, raw newlines in strings); undefined when neither. */
function parseLenient(source: string): Json | undefined {
  try {
    return JSON.parse(source) as Json;
  } catch {
    try {
      return JSON.parse(source.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1')) as Json;
    } catch {
      return undefined;
    }
  }
}

/** Every object in the JSON-LD blocks, flattening arrays and `@graph`. */
export function jsonLdObjects(document: Document): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (value: Json | undefined, depth: number): void => {
    if (depth > 4 || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (isObject(value)) {
      out.push(value);
      visit(value['@graph'], depth + 1);
    }
  };
  for (const script of document.querySelectorAll('script[type]')) {
    if (!/application\/ld\+json/i.test(script.getAttribute('type') ?? '')) continue;
    const source = (script.textContent ?? '').trim().replace(/^<!\[CDATA\[|\]\]>$/g, '');
    const parsed = parseLenient(source);
    if (parsed !== undefined) visit(parsed, 0);
  }
  return out;
}

const ARTICLE_TYPE = /Article|Posting|Report|Blog|NewsArticle/i;

function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

function isArticle(object: JsonObject): boolean {
  return typesOf(object).some((type) => ARTICLE_TYPE.test(type));
}

function nameOf(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((name): name is string => name !== undefined);
    return names.length > 0 ? names.join(', ') : undefined;
  }
  if (isObject(value)) {
    const name = value['name'];
    return typeof name === 'string' ? clean(name) : undefined;
  }
  return undefined;
}

type MetaMap = ReadonlyMap<string, string>;

/**
 * Every `<meta>` with content, keyed by its lower-cased property, name, itemprop or http-equiv (the
 * first one in the document wins). One pass instead of a query per key.
 */
function metaMap(document: Document): MetaMap {
  const map = new Map<string, string>();
  for (const element of document.querySelectorAll('meta[content]')) {
    const content = clean(element.getAttribute('content'));
    if (content === undefined) continue;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = element.getAttribute(attribute)?.trim().toLowerCase();
      if (key && !map.has(key)) map.set(key, content);
    }
  }
  return map;
}

function meta(metas: MetaMap, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const content = metas.get(key.toLowerCase());
    if (content !== undefined) return content;
  }
  return undefined;
}

/** Earliest plausible publication date for news on the web. */
const MIN_DATE = Date.UTC(1990, 0, 1);

/** An ISO timestamp for a date string, or undefined when it is junk (0001-01-01, the future, unparseable). */
export function parseDate(value: string | undefined, now: Date = new Date()): string | undefined {
  const text = clean(value);
  if (text === undefined) return undefined;
  let time: number;
  if (/^\d{10}(\d{3})?$/.test(text)) {
    // Unix seconds or milliseconds.
    time = text.length === 10 ? Number(text) * 1000 : Number(text);
  } else {
    time = Date.parse(text);
    if (Number.isNaN(time)) {
      // "2019-11-05 10:00:00 +0000" and similar: make it ISO-like.
      const isoLike = text.replace(/^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})/, '$1T$2').replace(/\s*([+-]\d{2}):?(\d{2})$/, '$1:$2');
      time = Date.parse(isoLike);
    }
  }
  if (Number.isNaN(time)) return undefined;
  if (time < MIN_DATE || time > now.getTime() + 86_400_000) return undefined;
  return new Date(time).toISOString();
}

const TEXT_MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/**
 * A date written for people ("Published 10:02 AM EST Nov 19, 2019", "Nov. 18, 2019, 4:06 p.m.").
 * Only English month names, and only with a four-digit year: V8's parser accepts almost anything.
 */
export function parseTextDate(value: string | undefined, now: Date = new Date()): string | undefined {
  const text = clean(value)
    ?.split('|')[0]
    ?.replace(/^(?:first\s+)?(?:published|posted|updated|last updated|on)\b[:\s]*/i, '')
    .replace(/\b([ap])\.m\.?/gi, '$1m')
    .replace(/\b([a-z]{3,4})\.(?=\s)/gi, '$1')
    .trim();
  if (text === undefined || text.length > 60) return undefined;
  if (!/\b(?:19|20)\d{2}\b/.test(text) || !TEXT_MONTH.test(text)) return undefined;
  return parseDate(text, now);
}

const DATE_CLASS_SELECTOR = [
  '[class*="publish" i]',
  '[class*="pubdate" i]',
  '[class*="post-date" i]',
  '[class*="article-date" i]',
  '[class*="entry-date" i]',
  '[itemprop*="datePublished" i]',
].join(', ');

/** Dates shown in elements named for them, machine-readable attributes first. */
function dateFromNamedElements(document: Document, now: Date): string | undefined {
  const elements = [...document.querySelectorAll(DATE_CLASS_SELECTOR)].slice(0, 10);
  for (const element of elements) {
    for (const attribute of ['datetime', 'content', 'value', 'data-pubdate']) {
      const date = parseDate(element.getAttribute(attribute) ?? undefined, now) ?? parseTextDate(element.getAttribute(attribute) ?? undefined, now);
      if (date !== undefined) return date;
    }
    const date = parseTextDate(element.textContent ?? undefined, now);
    if (date !== undefined) return date;
  }
  for (const element of [...document.querySelectorAll('time')].slice(0, 5)) {
    const date = parseTextDate(element.textContent ?? undefined, now);
    if (date !== undefined) return date;
  }
  return undefined;
}

function firstDate(candidates: (string | undefined)[], now: Date): string | undefined {
  for (const candidate of candidates) {
    const date = parseDate(candidate, now);
    if (date !== undefined) return date;
  }
  return undefined;
}

function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  try {
    const url = base === undefined ? new URL(href) : new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** `en_US` → `en-US`; undefined unless it is a well-formed BCP 47 tag. */
export function normaliseLanguageTag(value: string | undefined): string | undefined {
  const text = clean(value)?.split(/[,;]/)[0]?.trim().replace(/_/g, '-');
  if (text === undefined || text === '' || /\s/.test(text)) return undefined;
  try {
    return Intl.getCanonicalLocales(text)[0];
  } catch {
    return undefined;
  }
}

/** Drop "By", dates and URLs from a byline; undefined when nothing human is left. */
export function cleanByline(value: string | undefined): string | undefined {
  let text = clean(value);
  if (text === undefined) return undefined;
  if (/^https?:\/\//i.test(text)) return undefined;
  text = text
    .replace(/^(by|von|par|por|di|door|przez|autor(?:ka)?:?)\s+/i, '')
    // A date glued to the byline: "Jane Doe Nov 5, 2019", "Jane Doe | 05.11.2019 10:00".
    .replace(/\s*[|,•·–—-]?\s*(updated|published|posted)?:?\s*((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}).*$/i, '')
    .replace(/[\s|,•·–—-]+$/, '')
    .trim();
  if (text === '' || text.length > 200 || !/\p{L}/u.test(text)) return undefined;
  return text;
}

export function extractMetadata(document: Document, options: MetadataOptions = {}): PageMetadata {
  const now = options.now ?? new Date();
  const metas = metaMap(document);
  const objects = jsonLdObjects(document);
  const articles = objects.filter(isArticle);
  const ld = [...articles, ...objects.filter((object) => !isArticle(object))];
  const ldString = (key: string): string | undefined => {
    for (const object of ld) {
      const value = object[key];
      if (typeof value === 'string' && clean(value) !== undefined) return clean(value);
    }
    return undefined;
  };

  const result: PageMetadata = {};

  const title =
    (articles.length > 0 ? nameOf(articles[0]?.['headline']) : undefined) ??
    meta(metas, ['og:title', 'twitter:title', 'dc.title']) ??
    clean(document.querySelector('title')?.textContent);
  if (title !== undefined) result.title = title;

  const timeElements = [...document.querySelectorAll('time[datetime]')];
  const preferredTime = timeElements.find(
    (element) => element.hasAttribute('pubdate') || /datePublished/i.test(element.getAttribute('itemprop') ?? ''),
  );
  const publishedAt = firstDate(
    [
      ldString('datePublished'),
      meta(metas, [
        'article:published_time',
        'og:article:published_time',
        'datePublished',
        'article.published',
        'published_time',
        'pubdate',
        'publishdate',
        'publish-date',
        'parsely-pub-date',
        'sailthru.date',
        'dc.date.issued',
        'dc.date',
        'dcterms.created',
        'date',
      ]),
      preferredTime?.getAttribute('datetime') ?? undefined,
      ldString('dateCreated'),
      timeElements[0]?.getAttribute('datetime') ?? undefined,
    ],
    now,
  ) ??
    dateFromNamedElements(document, now) ??
    firstDate([ldString('dateModified'), meta(metas, ['article:modified_time', 'og:updated_time', 'dateModified'])], now);
  if (publishedAt !== undefined) result.publishedAt = publishedAt;

  const byline =
    cleanByline(articles.map((object) => nameOf(object['author'])).find((name) => name !== undefined)) ??
    cleanByline(meta(metas, ['author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author'])) ??
    cleanByline(document.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]')?.textContent);
  if (byline !== undefined) result.byline = byline;

  const canonicalUrl =
    resolveUrl(document.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? undefined, options.baseUrl) ??
    resolveUrl(meta(metas, ['og:url']), options.baseUrl);
  if (canonicalUrl !== undefined) result.canonicalUrl = canonicalUrl;

  const declaredLanguage =
    normaliseLanguageTag(document.documentElement?.getAttribute('lang') ?? undefined) ??
    normaliseLanguageTag(document.documentElement?.getAttribute('xml:lang') ?? undefined) ??
    normaliseLanguageTag(meta(metas, ['og:locale'])) ??
    normaliseLanguageTag(meta(metas, ['content-language'])) ??
    normaliseLanguageTag(meta(metas, ['language', 'dc.language', 'inLanguage'])) ??
    normaliseLanguageTag(ldString('inLanguage'));
  if (declaredLanguage !== undefined) result.declaredLanguage = declaredLanguage;

  const siteName =
    meta(metas, ['og:site_name', 'application-name']) ??
    articles.map((object) => nameOf(object['publisher'])).find((name) => name !== undefined);
  if (siteName !== undefined) result.siteName = siteName;

  return result;
}

const TITLE_SEPARATOR = /\s+(?:[|–—·•»]|-{1,2}|::)\s+/u;

/**
 * Drop a site name glued to a page title ("Leaders talk | Example News"): keep the part that is the
 * page's own heading, or else the part that is not the site's name.
 */
export function tidyTitle(title: string, headings: readonly string[], siteName?: string): string {
  const parts = title.split(TITLE_SEPARATOR).map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length < 2) return title;
  const fold = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim();
  const folded = new Set(headings.map(fold));
  const heading = parts.find((part) => folded.has(fold(part)));
  if (heading !== undefined) return heading;
  if (siteName !== undefined) {
    const site = fold(siteName);
    const first = parts[0] ?? '';
    const last = parts.at(-1) ?? '';
    if (fold(last) === site) return title.slice(0, title.lastIndexOf(last)).replace(/[\s|–—·•»:-]+$/u, '');
    if (fold(first) === site) return title.slice(first.length).replace(/^[\s|–—·•»:-]+/u, '');
  }
  return title;
}
