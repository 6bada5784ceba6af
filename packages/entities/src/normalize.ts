/**
 * The keys names are matched on: one script (any-ascii), lower case, ß folded. `Лукашенко`, `Lukashenko`
 * and `LUKASHENKO` share the key `lukashenko`; `Łukaszenka` becomes `lukaszenka`.
 */
import anyAscii from 'any-ascii';

/** Scripts whose ASCII transliteration loses too much (Arabic drops vowels: `مصرع` and `مصر` collide). */
const OWN_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Devanagari}]/u;

/** Arabic spelling variants folded: short vowels, tatweel, alef forms, ta marbuta, alef maqsura. */
function foldArabic(word: string): string {
  return word
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي');
}

/** The matching key of one word. */
export function wordKey(word: string): string {
  const folded = word.normalize('NFC').replace(/ß/g, 'ss').replace(/ẞ/g, 'SS');
  if (OWN_SCRIPT.test(folded)) return foldArabic(folded.toLowerCase()).replace(/[^\p{L}\p{N}]/gu, '');
  return anyAscii(folded)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Arabic words carry their conjunction, preposition and article: `والعراق` (and Iraq), `بسوهاج` (in Sohag),
 * `للعراق` (to Iraq). The keys of the word without them, longest first; `[]` for other words.
 */
export function arabicVariants(key: string): string[] {
  if (!/^\p{Script=Arabic}/u.test(key)) return [];
  const variants = new Set<string>();
  const add = (k: string): void => {
    if (k.length >= 3 && k !== key) variants.add(k);
  };
  let rest = key;
  if (/^[وف]/.test(rest) && rest.length > 3) {
    rest = rest.slice(1);
    add(rest);
  }
  if (rest.startsWith('لل') && rest.length > 4) {
    rest = `ال${rest.slice(2)}`;
    add(rest);
  } else if (/^[بلك]/.test(rest) && rest.length > 3) {
    rest = rest.slice(1);
    add(rest);
  }
  if (rest.startsWith('ال') && rest.length > 4) add(rest.slice(2));
  return [...variants];
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
