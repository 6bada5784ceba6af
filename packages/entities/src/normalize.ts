/**
 * The keys names are matched on: one script (any-ascii), lower case, ß folded. `Лукашенко`, `Lukashenko`
 * and `LUKASHENKO` share the key `lukashenko`; `Łukaszenka` becomes `lukaszenka`.
 */
import anyAscii from 'any-ascii';

/** The matching key of one word. */
export function wordKey(word: string): string {
  const folded = word.normalize('NFC').replace(/ß/g, 'ss').replace(/ẞ/g, 'SS');
  return anyAscii(folded)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Case endings stripped by {@link stemKey}, longest first. Mostly Slavic (pl, ru, uk, be, cs in ASCII
 * transliteration), the languages where names decline and hunspell may not know the name.
 */
const ENDINGS = [
  'skuiu', 'iego', 'iemu', 'owie', 'iami', 'skoi', 'skoj',
  'iej', 'ego', 'emu', 'ami', 'ach', 'owi', 'ich', 'ium', 'iya', 'iyu', 'yei', 'ogo', 'oho', 'oyu', 'aya',
  'aja', 'aia', 'omu',
  'ej', 'em', 'om', 'ie', 'ii', 'ia', 'iu', 'ym', 'im', 'ow', 'oi', 'ei', 'ya', 'yu', 'ou', 'oj', 'ov',
  'ey', 'iy', 'yy', 'ij', 'yj',
  'a', 'e', 'i', 'o', 'u', 'y',
];

/** Endings of feminine forms of adjective-like surnames (`Kowalska`, `Kowalskiej`, `Тихановская`). */
const FEMININE = new Set(['a', 'iej', 'ej', 'aya', 'aja', 'aia', 'ya', 'oi', 'oj', 'skoi', 'skoj', 'skuiu', 'u', 'iu', 'yu']);
/** Endings of masculine forms (`Kowalski`, `Kowalskiego`, `Тихановский`). */
const MASCULINE = new Set(['i', 'y', 'iego', 'ego', 'im', 'ym', 'iemu', 'emu', 'ii', 'iy', 'yy', 'ij', 'yj', 'ogo', 'omu', 'ey', 'ei']);

/**
 * A crude stem of a word key for names the dictionary does not know: strips one case ending when at
 * least three characters remain (`cichanouskiej` → `cichanouska`, `sapegi` → `sapeg`). Adjective-like
 * surnames (-sk-, -ck-, -zk-) keep their gender, so that a husband and a wife stay two people:
 * `kowalskiego` → `kowalski`, `kowalskiej` → `kowalska`, `tikhanovsky` → `tikhanovski`.
 */
export function stemKey(key: string): string {
  for (const ending of ENDINGS) {
    if (key.length - ending.length >= 3 && key.endsWith(ending)) {
      let stem = key.slice(0, -ending.length);
      if (ending.startsWith('sk')) stem += 'sk';
      if (/[scz]k$/.test(stem)) {
        if (FEMININE.has(ending)) return `${stem}a`;
        if (MASCULINE.has(ending)) return `${stem}i`;
      }
      return stem;
    }
  }
  return key;
}

/** A stable slug for ids: `Sviatlana Tsikhanouskaya` → `sviatlana-tsikhanouskaya`. */
export function slug(text: string): string {
  return anyAscii(text.normalize('NFC').replace(/ß/g, 'ss'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
