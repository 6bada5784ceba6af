/**
 * Numbers, percentages and dates written the same way in every language, so that
 * "80,1%", "%80,1", "yüzde 80,1" and "80.1 per cent" all become `p:80.1`, and
 * "9 agosto", "9 sierpnia", "August 9th", "9 Ağustos'ta" and "09.08.2020" all become `d:08-09`.
 *
 * Keys: `p:<value>` percentage, `d:<MM>-<DD>` day of a month (year dropped: articles about one
 * event rarely disagree on it and often omit it), `y:<yyyy>` a year, `n:<value>` other numbers ≥ 10
 * or with decimals (small integers are too common to mean anything).
 */
import { foldCase } from './text.ts';

/** Locales whose month names are recognised; more are cheap (names come from ICU). */
const MONTH_LOCALES = [
  'en', 'pl', 'it', 'tr', 'fr', 'de', 'es', 'pt', 'nl', 'ru', 'uk', 'be', 'cs', 'sk', 'hr', 'sr',
  'sl', 'bg', 'ro', 'hu', 'lt', 'lv', 'et', 'fi', 'sv', 'da', 'nb', 'el', 'ar', 'ar-SY', 'ar-IQ',
  'ar-LB', 'ar-MA', 'ar-TN', 'ar-DZ', 'fa', 'he', 'az', 'ka', 'hy', 'kk',
];

let monthTable: Map<string, number> | undefined;

/** Folded month name (long and short, format and stand-alone forms) → month 1..12. */
export function monthNames(): Map<string, number> {
  if (monthTable) return monthTable;
  const table = new Map<string, number>();
  const add = (name: string, month: number): void => {
    const folded = foldCase(name, 'und').replace(/[.\s]+$/u, '');
    if (([...folded].length >= 3 || /^[\u0600-\u06ff]{2}$/.test(folded)) && !/\p{N}/u.test(folded)) table.set(folded, month);
  };
  for (const locale of MONTH_LOCALES) {
    const lang = locale.slice(0, 2);
    const formats = [
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }),
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
      new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }),
      new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }),
    ];
    for (let month = 1; month <= 12; month++) {
      const date = new Date(Date.UTC(2020, month - 1, 9));
      for (const format of formats) {
        for (const part of format.formatToParts(date)) {
          if (part.type === 'month') add(foldCase(part.value, lang), month);
        }
      }
    }
  }
  // English "may" and Polish/Czech short forms collide with common words; keep only long English "may".
  for (const word of ['mar', 'may', 'sie', 'lis', 'lip', 'kwi', 'maj', 'mai', 'ott', 'set', 'dic', 'gen', 'sty']) {
    if (word !== 'may') table.delete(word);
  }
  monthTable = table;
  return table;
}

/** "80,1" / "80.1" / "1.000" / "1 000" / "1,000" → a canonical decimal string. */
export function parseNumber(raw: string): string | undefined {
  let s = raw.replace(/[\s\u00a0\u202f']/g, '');
  const seps = s.match(/[.,]/g) ?? [];
  if (seps.length > 0) {
    const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
    const tail = s.slice(last + 1);
    const mixed = s.includes('.') && s.includes(',');
    if (mixed || seps.length > 1) {
      // The last separator is decimal when it is the odd one out, else all are thousands.
      const lastSep = s[last];
      const others = s.slice(0, last).replace(/[.,]/g, '');
      const allSame = seps.every((c) => c === lastSep);
      s = allSame && tail.length === 3 ? others + tail : `${others}.${tail}`;
    } else if (tail.length === 3 && !/^0[.,]/.test(s)) {
      s = s.replace(/[.,]/, '');
    } else {
      s = s.replace(',', '.');
    }
  }
  const value = Number(s);
  if (!Number.isFinite(value)) return undefined;
  return String(Math.round(value * 1000) / 1000);
}

const NUM = String.raw`\d{1,3}(?:[\s\u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;
const PERCENT_WORDS = [
  'per cent', 'percent', 'pour cent', 'por ciento', 'per cento', 'procent', 'proc.', 'prozent', 'procento',
  'процент', 'процента', 'процентов', 'відсотків', 'відсотка', 'بالمئة', 'بالمائة', 'في المئة', 'في المائة',
  'المئة', 'درصد',
].map((w) => foldCase(w, 'und').replace(/[.]/g, '\\.').replace(/ /g, '\\s?'));
const PERCENT_AFTER = new RegExp(String.raw`(${NUM})\s?(?:%|٪|‰|${PERCENT_WORDS.join('|')})`, 'gu');
const PERCENT_BEFORE = new RegExp(String.raw`(?:(?<!\p{N}\s?)[%٪]|yüzde\s)(${NUM})`, 'gu');
const NUMERIC_DATE = /\b(\d{1,4})[./-](\d{1,2})[./-](\d{2,4})\b/gu;
const NUMBER = new RegExp(String.raw`(?<![\p{L}\d])(${NUM})(?![\p{L}\d])`, 'gu');
const DATE_WORD = /[\p{L}\p{M}]+|\d{1,2}(?:st|nd|rd|th|er|e|º|ª)?/gu;
const DATE_FILLERS = new Set(['de', 'di', 'del', 'of', 'the', 'von', 'du']);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dayMonth(day: number, month: number): string | undefined {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 ? `d:${pad(month)}-${pad(day)}` : undefined;
}

/** All normalised number keys of a text, in order of first appearance, without repeats. */
export function extractNumbers(text: string, language = 'und'): string[] {
  const folded = foldCase(text, language);
  const keys = new Set<string>();
  const consumed: [number, number][] = [];
  const take = (start: number, end: number): void => {
    consumed.push([start, end]);
  };
  const isConsumed = (start: number): boolean => consumed.some(([a, b]) => start >= a && start < b);

  for (const m of folded.matchAll(NUMERIC_DATE)) {
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    let key: string | undefined;
    if (m[1]!.length === 4) key = dayMonth(c, b);
    else if (a > 12 || b <= 12) key = dayMonth(a, b);
    else key = dayMonth(b, a);
    if (!key) continue;
    keys.add(key);
    const year = m[1]!.length === 4 ? a : m[3]!.length === 4 ? c : undefined;
    if (year) keys.add(`y:${year}`);
    take(m.index, m.index + m[0].length);
  }
  for (const re of [PERCENT_BEFORE, PERCENT_AFTER]) {
    for (const m of folded.matchAll(re)) {
      if (isConsumed(m.index)) continue;
      const value = parseNumber(m[1]!);
      if (value !== undefined) keys.add(`p:${value}`);
      take(m.index, m.index + m[0].length);
    }
  }

  // Day + month name in either order, allowing "9 de agosto" and "August 9th".
  const months = monthNames();
  const words = [...folded.matchAll(DATE_WORD)];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const month = months.get(w[0]);
    if (month === undefined) continue;
    let day: number | undefined;
    let at: RegExpExecArray | RegExpMatchArray | undefined;
    const before = [words[i - 1], words[i - 2]];
    if (before[0] && DATE_FILLERS.has(before[0][0])) before.shift();
    const prev = before[0];
    const next = words[i + 1];
    if (prev && /^\d/.test(prev[0])) {
      day = parseInt(prev[0], 10);
      at = prev;
    } else if (next && /^\d/.test(next[0])) {
      day = parseInt(next[0], 10);
      at = next;
    }
    if (day === undefined || at === undefined) continue;
    const key = dayMonth(day, month);
    if (key) {
      keys.add(key);
      take(at.index!, at.index! + at[0].length);
    }
  }

  for (const m of folded.matchAll(NUMBER)) {
    if (isConsumed(m.index)) continue;
    const value = parseNumber(m[1]!);
    if (value === undefined) continue;
    const n = Number(value);
    if (/^\d{4}$/.test(value) && n >= 1900 && n <= 2100) keys.add(`y:${value}`);
    else if (n >= 10 || !Number.isInteger(n)) keys.add(`n:${value}`);
  }
  return [...keys];
}
