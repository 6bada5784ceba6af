/**
 * What each stage writes to the article store, keyed by item id. These are results, not
 * payloads: queues carry item ids only.
 */
import type { SourceRef } from './payloads.ts';

/** fetch → the bytes as received, plus what the transport said about them. */
export interface RawDocument {
  itemId: string;
  sourceId: string;
  source: SourceRef;
  /** URL after redirects (http sources) or file:// URL. */
  finalUrl: string;
  /** HTTP status, or 200 for files. */
  status: number;
  /** Media type without parameters, lower-case: text/html, text/plain, application/rss+xml … */
  contentType: string;
  /** The charset the transport declared (HTTP header), if any; the clean stage decides. */
  declaredCharset?: string;
  fetchedAt: string;
  byteLength: number;
  /** Publication time announced by a feed entry, when the item came from one. */
  feedPublishedAt?: string;
  /** Title announced by a feed entry, when the item came from one. */
  feedTitle?: string;
}

/** clean → the article as text with its metadata. */
export interface CleanDocument {
  itemId: string;
  format: 'html' | 'text';
  title: string;
  /** Article text, one paragraph per line. */
  text: string;
  byline?: string;
  /** ISO 8601. */
  publishedAt?: string;
  canonicalUrl?: string;
  /** BCP 47 tag the page declared (`<html lang>`, og:locale …), unverified. */
  declaredLanguage?: string;
  siteName?: string;
  /** The charset the bytes were decoded with, and how it was decided. */
  charset: string;
  charsetSource: 'bom' | 'header' | 'meta' | 'utf8' | 'detected' | 'default';
  /** How many boilerplate lines were dropped (plain-text inputs). */
  droppedLines: number;
}

/** A language decision for one piece of text. `und` when unreliable, never a guess. */
export interface LanguageGuess {
  /** ISO 639-1 code, or 'und'. */
  language: string;
  /** 0..1 */
  confidence: number;
  reliable: boolean;
}

/** language → a decision for the whole article, and for title and text separately. */
export interface LanguageResult extends LanguageGuess {
  itemId: string;
  title: LanguageGuess;
  text: LanguageGuess;
}

export type EntityKind = 'person' | 'organisation' | 'place';

/** One entity found in an article, linked to an id shared across languages and inflections. */
export interface EntityMention {
  /** Canonical id, the same in every language: e.g. `Q184` (Wikidata) or `person:alexander-lukashenko`. */
  id: string;
  kind: EntityKind;
  /** For places: country, city, region. */
  subtype?: string;
  /** Canonical display name (English). */
  name: string;
  /** How many times it was mentioned (title + text). */
  count: number;
  /** Whether it is mentioned in the title. */
  inTitle: boolean;
  /** The distinct surface forms seen, as written. */
  surfaceForms: string[];
}

/** entities → all entities of one article. */
export interface EntitiesResult {
  itemId: string;
  entities: EntityMention[];
}

/** Why an article belongs to an event: the evidence a person can read. */
export interface MembershipEvidence {
  /** 0..1, higher = more likely the same event. */
  score: number;
  /** The article it was compared with (its best match), if any. */
  matchedItemId?: string;
  sharedEntities: { id: string; name: string }[];
  sharedTerms: string[];
  /** Free-form reason: 'new event', 'near-duplicate of …', 'same canonical URL' … */
  reason: string;
}

/** dedupe → what became of the article. */
export interface DedupeResult {
  itemId: string;
  /** 'duplicate': exact duplicate of another article, which is not counted twice. */
  outcome: 'new-event' | 'joined-event' | 'near-duplicate' | 'duplicate' | 'unchanged';
  eventId: string;
  /** For duplicates and near-duplicates: the article this one copies. */
  duplicateOf?: string;
  evidence: MembershipEvidence;
}

/** What the dedupe stage reads for one article: the earlier stages' results. */
export interface DedupeInput {
  itemId: string;
  sourceId: string;
  clean: CleanDocument;
  language: LanguageResult;
  entities: EntitiesResult;
  /** When we fetched it; the fallback when the page gives no publication time. */
  fetchedAt: string;
}

/** One event as users see it (CLI `--json`, the /events API). */
export interface EventView {
  id: string;
  title: string;
  /** ISO 639-1 codes of its articles, most frequent first. */
  languages: string[];
  /** Earliest and latest publication time of its articles. */
  firstSeen: string;
  lastSeen: string;
  articles: {
    itemId: string;
    sourceId: string;
    language: string;
    title: string;
    publishedAt?: string;
    /** Set when the article is a near-duplicate of another member. */
    duplicateOf?: string;
    evidence: MembershipEvidence;
  }[];
  entities: { id: string; name: string; kind: EntityKind; articles: number }[];
  /** Why the members are one event: one entry per membership and merge. */
  evidence: (MembershipEvidence & { itemId: string; kind: 'membership' | 'merge' })[];
  /** Events linked to this one over days by strong shared entities. */
  storylineId?: string;
}
