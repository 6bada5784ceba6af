/**
 * Writing systems: which script a text is written in, and which languages can use it.
 * A script narrows the candidates (Cyrillic → ru/uk/be/bg/sr) or decides alone (Han → zh, Hangul → ko).
 */

export type Script =
  | 'Latin'
  | 'Cyrillic'
  | 'Arabic'
  | 'Han'
  | 'Kana'
  | 'Hangul'
  | 'Greek'
  | 'Hebrew'
  | 'Devanagari'
  | 'Bengali'
  | 'Gujarati'
  | 'Gurmukhi'
  | 'Oriya'
  | 'Tamil'
  | 'Telugu'
  | 'Kannada'
  | 'Malayalam'
  | 'Thai'
  | 'Lao'
  | 'Georgian'
  | 'Armenian'
  | 'Ethiopic';

/** The languages of eld's 60 that are written in each script. */
export const SCRIPT_LANGUAGES: Record<Script, readonly string[]> = {
  Latin: [
    'az', 'ca', 'cs', 'da', 'de', 'en', 'es', 'et', 'eu', 'fi', 'fr', 'hr', 'hu', 'is', 'it', 'lt', 'lv', 'ms',
    'nl', 'no', 'pl', 'pt', 'ro', 'sk', 'sl', 'sq', 'sv', 'tl', 'tr', 'vi', 'yo',
  ],
  Cyrillic: ['be', 'bg', 'ru', 'sr', 'uk'],
  Arabic: ['ar', 'fa', 'ku', 'ur'],
  Han: ['zh'],
  Kana: ['ja'],
  Hangul: ['ko'],
  Greek: ['el'],
  Hebrew: ['he'],
  Devanagari: ['hi', 'mr'],
  Bengali: ['bn'],
  Gujarati: ['gu'],
  Gurmukhi: ['pa'],
  Oriya: ['or'],
  Tamil: ['ta'],
  Telugu: ['te'],
  Kannada: ['kn'],
  Malayalam: ['ml'],
  Thai: ['th'],
  Lao: ['lo'],
  Georgian: ['ka'],
  Armenian: ['hy'],
  Ethiopic: ['am'],
};

const PATTERNS: readonly (readonly [Script, RegExp])[] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Gujarati', /\p{Script=Gujarati}/u],
  ['Gurmukhi', /\p{Script=Gurmukhi}/u],
  ['Oriya', /\p{Script=Oriya}/u],
  ['Tamil', /\p{Script=Tamil}/u],
  ['Telugu', /\p{Script=Telugu}/u],
  ['Kannada', /\p{Script=Kannada}/u],
  ['Malayalam', /\p{Script=Malayalam}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Lao', /\p{Script=Lao}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Ethiopic', /\p{Script=Ethiopic}/u],
];

const LATIN = PATTERNS[0] as readonly [Script, RegExp];
const LETTER = /\p{L}/u;

/** Scripts where one character carries about as much as a short word. */
const SYLLABIC: ReadonlySet<Script> = new Set(['Han', 'Kana', 'Hangul']);

/** Share of letter weight from which a non-Latin script is taken as the text's script over Latin. */
const NON_LATIN_SHARE = 0.2;

export interface ScriptProfile {
  /** The script with the most weight, or undefined when the text has no letters. */
  dominant: Script | undefined;
  /** Letters in the dominant script (Han, kana and Hangul count as 3 each). */
  weight: number;
  /** Share of all letter weight that is in the dominant script, 0..1. */
  purity: number;
  /** Kana characters seen (Japanese writes Han with kana; Chinese never uses kana). */
  kana: number;
  /** Letters of any script. */
  letters: number;
}

/** How much of a text is in each script; looks at the first `maxChars` characters. */
export function scriptProfile(text: string, maxChars = 4000): ScriptProfile {
  const weights = new Map<Script, number>();
  let total = 0;
  let letters = 0;
  let kana = 0;
  let seen = 0;
  let last: readonly [Script, RegExp] | undefined;
  for (const ch of text) {
    if (++seen > maxChars) break;
    const code = ch.charCodeAt(0);
    let found: readonly [Script, RegExp] | undefined;
    if (code < 0x80) {
      // ASCII, most of most texts: a letter is Latin, anything else is no letter.
      if (!((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a))) continue;
      found = LATIN;
    } else {
      if (!LETTER.test(ch)) continue;
      // Runs of one script are the norm: try the last script first.
      found = last && last[1].test(ch) ? last : PATTERNS.find(([, re]) => re.test(ch));
    }
    letters++;
    if (!found) continue;
    last = found;
    const script = found[0];
    if (script === 'Kana') kana++;
    const w = SYLLABIC.has(script) ? 3 : 1;
    weights.set(script, (weights.get(script) ?? 0) + w);
    total += w;
  }
  // Japanese: Han mixed with kana is Japanese, whichever has more characters.
  if (kana > 0) {
    const han = weights.get('Han') ?? 0;
    if (han > 0 && kana * 3 >= 0.05 * (han + kana * 3)) {
      weights.set('Kana', (weights.get('Kana') ?? 0) + han);
      weights.delete('Han');
    }
  }
  let dominant: Script | undefined;
  let weight = 0;
  for (const [script, w] of weights) {
    if (w > weight) {
      dominant = script;
      weight = w;
    }
  }
  // Latin names and brands inside text in another script are common ("Шаблон OpenOffice Writer"), the
  // reverse is rare: a non-Latin script with a fair share of the letters wins over Latin.
  if (dominant === 'Latin') {
    for (const [script, w] of weights) {
      if (script !== 'Latin' && w >= NON_LATIN_SHARE * total && (dominant === 'Latin' || w > weight)) {
        dominant = script;
        weight = w;
      }
    }
  }
  return { dominant, weight, purity: total > 0 ? weight / total : 0, kana, letters };
}
