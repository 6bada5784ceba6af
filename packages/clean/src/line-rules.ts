/**
 * Predicates on single lines of text that say "page furniture, not article": picture credits, date
 * stamps, bylines. Shared by the plain-text cleaner and the HTML post-processing.
 */

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

export function wordCount(line: string): number {
  return line.match(WORD)?.length ?? 0;
}

/**
 * Words that introduce a picture or source credit in the languages we ingest. A credit line is short
 * and starts with one of them followed by punctuation: "Photo: …", "Fot. PAP/…", "Źródło: …".
 */
const CREDIT_START =
  /^(?:\(?(?:photo|photos|picture|image|images|credit|credits|source|foto|fotos|fot|fotografia|zdjęcie|zdjęcia|źródło|źródła|bild|bilder|quelle|crédit|crédits|fonte|fuente|imagen|фото|источник|джерело|zdroj|forrás|kaynak|görsel)(?![\p{L}])\.?\s*[:./|-]|©|\(c\)\s)/iu;
/** "PAP/EPA/NAME", "Reuters / Getty Images": agency paths are a credit's signature. */
const AGENCY_PATH = /\b\p{Lu}[\p{Lu}\p{L}.]*\s?\/\s?\p{Lu}/u;

export function isCreditLine(line: string): boolean {
  if (wordCount(line) > 16) return false;
  if (CREDIT_START.test(line)) return true;
  // Mostly capitals with agency slashes and no sentence: "PAP/EPA/JOHN DOE".
  const letters = line.match(/\p{L}/gu) ?? [];
  const capitals = line.match(/\p{Lu}/gu) ?? [];
  return AGENCY_PATH.test(line) && letters.length > 0 && capitals.length / letters.length > 0.6;
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** Dates, times and the words that label them. */
const DATE_WORDS = new RegExp(
  [
    `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?(?:\\s+\\d{4})?`,
    `\\b\\d{1,2}\\s+${MONTH}(?:\\s+\\d{4})?`,
    '\\b\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}\\b',
    '\\b\\d{4}-\\d{2}-\\d{2}\\b',
    '\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4}\\b)?',
    '\\b(?:updated|posted|published|last updated|modified|on|at)\\b',
    '\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\\b',
  ].join('|'),
  'gi',
);

/** A line that is only a date stamp: "Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM". */
export function isDateLine(line: string): boolean {
  if (wordCount(line) > 20) return false;
  const stripped = line.replace(DATE_WORDS, ' ');
  if (wordCount(stripped) === 0 && /\d/.test(line)) return true;
  // Any language: a short line mostly of numbers, with a year or a clock time ("22 de janeiro de 2018 às 0:13").
  const tokens = line.match(/[\p{L}\p{N}]+/gu) ?? [];
  const numbers = tokens.filter((token) => /^\d+$/.test(token)).length;
  return tokens.length <= 14 && numbers / tokens.length >= 0.35 && /\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b/.test(line);
}

/** "By Jane Doe", "By Justine Coleman -", "Przez Jan Kowalski |": a byline left in the text. */
const BYLINE_LINE =
  /^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor|[Pp]rzez|[Оо]т)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*(?:$|[,|–—-])/u;

/**
 * A site's keyword list ("Türkiye, haber, haberleri, magazin, siyaset, …"), as some CMSs put in og:title
 * or atop every page: six or more comma-separated items, nearly all of one or two words, no full stop at
 * the end. It is the same on every page of the site, so as a headline or a paragraph it would make
 * unrelated articles look alike downstream (titles weigh double in the event similarity).
 */
export function isKeywordList(line: string): boolean {
  if (/[.!?…]["'”’»)\]]*$/u.test(line)) return false;
  const items = line.split(/[,،;]/u).map((item) => item.trim()).filter((item) => item !== '');
  if (items.length < 6) return false;
  const short = items.filter((item) => item.split(/\s+/u).length <= 2 && !/[.!?]/u.test(item)).length;
  return short >= 0.8 * items.length;
}

/**
 * Lines that are page furniture wherever they appear: credits, date stamps, bylines, keyword lists. (Bylines are
 * neutral on the benchmark; they go because author names in the text would count as entities.)
 */
export function isFurnitureLine(line: string): boolean {
  return (
    isCreditLine(line) ||
    isDateLine(line) ||
    /^(?:image copyright|image caption|copyright)\b/i.test(line) ||
    (wordCount(line) <= 8 && BYLINE_LINE.test(line)) ||
    isKeywordList(line)
  );
}
