/**
 * A phonetic key for people's names that agrees across scripts and transliterations: `Sviatlana
 * Tsikhanouskaya`, `Swiatłana Cichanouska`, `Святлана Ціханоўская` and `سفيتلانا تيخانوفسكايا` all give
 * `sftln-sknsk`. Used for the ids of people the curated table does not know.
 *
 * A word becomes a consonant skeleton: Arabic is transliterated letter by letter (its long vowels and
 * `ال` dropped, its short vowels are not written anyway), every other script by any-ascii; then letters
 * that transliterations confuse fall into one class (p/b, t/d, s/z/c/ts/sh/sz, j/dj/dzh/zh, k/q/ck,
 * g/gh), vowels are dropped except the first letter's, and so are the letters that are vowels in one
 * spelling and consonants in another (a medial w/v/f — `Tichanowska`, `Tikhanovskaya`, Arabic `و` — a
 * medial y/j, a medial h/kh — `Tikhanovskaya`, `Tihanovskaya`); doubled classes collapse. A full name is
 * its first and last unit (`Abdel`/`Abu` + the next word is one unit), so a middle or father's name
 * written in one language and not in another does not matter.
 */
import anyAscii from 'any-ascii';

/** Arabic letters as a Latin transliteration would write them (vowel letters as vowels). */
const ARABIC_LETTERS: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'a', آ: 'a', ٱ: 'a', ى: 'a', ء: '', ئ: 'i', ؤ: 'u', ع: '',
  ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh',
  ص: 's', ض: 'd', ط: 't', ظ: 'z', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h', ة: 'a',
  و: 'u', ي: 'i', پ: 'p', چ: 'ch', ڤ: 'v', گ: 'g', ک: 'k', ی: 'i',
};

/**
 * One Arabic word in Latin letters: `الصاوي` → `saui`, `وائل` → `wail`, `يوسف` → `jusf`. The article is
 * dropped (`El-Sawy`, `Sawy`) unless `keepArticle` (a first name never has one: `ألكسندر`, Alexander).
 */
export function transliterateArabic(word: string, keepArticle = false): string {
  let w = word.replace(/[\u064B-\u065F\u0670\u0640]/g, '');
  if (!keepArticle && /^ال/.test(w) && w.length > 3) w = w.slice(2);
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charAt(i);
    // A word-initial waw or ya is a consonant (`وائل` Wael, `ياسر` Yasser); elsewhere mostly a long vowel.
    if (i === 0 && c === 'و') out += 'w';
    // A word-initial ain or hamza is heard as a vowel (`عمر` Omar, `علي` Ali).
    else if (i === 0 && (c === 'ع' || c === 'ء')) out += 'a';
    else if (i === 0 && c === 'ي') out += 'j';
    // A final ha is mostly a ta marbuta folded (`حمزه` Hamza).
    else if (c === 'ه' && i === w.length - 1 && i > 1) out += 'a';
    else out += ARABIC_LETTERS[c] ?? anyAscii(c).toLowerCase();
  }
  return out;
}

const VOWELS = 'aeiouy';
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.includes(c);

/** Compound prefixes written `Abdel`, `Abdul`, `Abd al-`, `Abou`: the part before the next name. */
const ABD = /^abd(?:[aeiou]l)?(?=.)/;

/**
 * The consonant skeleton of one word in ASCII (lower case): the first letter's class (a vowel is `a`),
 * then the consonant classes, vowels and vowel-like letters dropped, runs of one class collapsed.
 */
export function asciiSkeleton(ascii: string): string {
  const w = ascii
    .replace(/[^a-z]/g, '')
    .replace(ABD, 'abd')
    // A final h is mostly silent or a ta marbuta (`Abdullah`, `Hamzah`); `-ch`, `-sh` stay.
    .replace(/(?<![csz])k?h$/, '')
    // Polish `rz` and `drz` are a zh (`Andrzej`, `Анджей`); Polish `-cki`/`-cka` a ts-k (`Morawiecki`, `Моравецкий`).
    .replace(/d?rz(?=[aeiouy])/g, 'zh')
    .replace(/ck(?=[iya]$)/, 'tsk')
    // Italian `gia`/`gio`/`giu` are a j (`Giuseppe`, `Джузеппе`); a word-initial x an s (`Xi`, `Си`).
    .replace(/gi(?=[aou])/g, 'j')
    .replace(/^x/, 's');
  const classes: string[] = [];
  for (let i = 0; i < w.length; ) {
    const rest = w.slice(i);
    const initial = i === 0;
    let cls = '';
    let step = 1;
    const c = w.charAt(i);
    const next = w.charAt(i + 1);
    if (/^(?:tsch|dzh|dsh)/.test(rest)) [cls, step] = [rest.startsWith('dz') || rest.startsWith('ds') ? 'j' : 's', rest.startsWith('tsch') ? 4 : 3];
    else if (/^(?:sch|shch)/.test(rest)) [cls, step] = ['s', rest.startsWith('shch') ? 4 : 3];
    else if (/^(?:sh|sz|cz|ch|ts|tz|zs|cs|ss)/.test(rest)) [cls, step] = ['s', 2];
    else if (/^(?:zh|dj|dz|dg)/.test(rest)) [cls, step] = ['j', 2];
    else if (rest.startsWith('kh')) [cls, step] = [initial ? 'h' : '', 2];
    else if (/^(?:ph|th|dh|ck|qu)/.test(rest)) [cls, step] = [{ ph: initial ? 'f' : '', th: 't', dh: 't', ck: 'k', qu: 'k' }[rest.slice(0, 2)] ?? '', 2];
    else if (isVowel(c)) {
      // A word-initial y or j before a vowel is a consonant (`Yasser`, `Yevgeny` aside); other vowels only count first.
      cls = initial ? (c === 'y' && isVowel(next) ? 'j' : 'a') : '';
    } else if ('pb'.includes(c)) cls = 'b';
    else if ('fvw'.includes(c)) cls = initial ? 'f' : '';
    else if ('td'.includes(c)) cls = 't';
    else if ('szx'.includes(c)) cls = c === 'x' ? 'ks' : 's';
    else if (c === 'c') cls = 'eiy'.includes(next) && next !== '' ? 's' : 'k';
    else if ('kq'.includes(c)) cls = 'k';
    else if (c === 'g') cls = 'g';
    else if (c === 'j') cls = initial || !isVowel(w.charAt(i - 1)) ? 'j' : '';
    else if (c === 'h') cls = initial ? 'h' : '';
    else cls = c;
    for (const k of cls) if (classes.at(-1) !== k) classes.push(k);
    i += step;
  }
  // Adjective-like surnames keep their gender, so that a husband and a wife stay two people
  // (`Tikhanovsky`, `Tikhanovskaya`, `Kowalski`, `Kowalska`): the feminine ending is marked.
  const feminine = /[scz]k(?:a|aya|aja|aia|ayia|aiia)$/.test(w) ? 'a' : '';
  return (classes.join('') || w.charAt(0)) + feminine;
}

/** A word key (`wordKey` output: ASCII, or Arabic, Hebrew, CJK … in their own script) in lower-case ASCII. */
function toAscii(key: string, first = false): string {
  return (/\p{Script=Arabic}/u.test(key) ? transliterateArabic(key, first) : anyAscii(key)).toLowerCase().replace(/[^a-z]/g, '');
}

/** The skeleton of one word key; `first` when it opens a name of several words. */
export function wordSkeleton(key: string, first = false): string {
  return asciiSkeleton(toAscii(key, first));
}

/** Arabic articles written as a word of their own in Latin (`El-Sisi`, `Abd al-Rahman`, `ad-Din`). */
const ARTICLE_WORDS: ReadonlySet<string> = new Set(['al', 'el', 'ul', 'ad', 'ed', 'ar', 'as', 'ash', 'at', 'az', 'an', 'ath', 'adh']);
/** Words that make one unit with the next: `Abdel Fattah`, `Abu Musa`, `عبد الحميد`, `bin Salman`. */
const UNIT_PREFIXES: ReadonlySet<string> = new Set(['abd', 'abdel', 'abdul', 'abdal', 'abdol', 'abu', 'abou', 'abo', 'bou', 'ibn', 'bin', 'ben', 'ebn', 'عبد', 'ابو', 'ابي', 'ابن', 'بن']);
/** Prefixes that join only inside a name (`Ben` opens English names). */
const INNER_ONLY: ReadonlySet<string> = new Set(['ibn', 'bin', 'ben', 'ebn', 'ابن', 'بن']);

/**
 * The phonetic key of a person's name from its word keys (`wordKey`, maybe stemmed): the skeletons of
 * the first and last unit, joined by `-` (one skeleton for a one-word name).
 */
export function personKey(keys: readonly string[]): string {
  const words = keys.filter((k, i) => k !== '' && !(ARTICLE_WORDS.has(k) && i < keys.length - 1));
  const units: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    const prefix = UNIT_PREFIXES.has(word) && next !== undefined && !(i === 0 && INNER_ONLY.has(word));
    if (prefix) {
      // `Abdel Fattah` and `Abdelfattah`, `عبد الفتاح` and `عبدالفتاح` give one skeleton: the prefix and the
      // next word are read as one word.
      units.push(asciiSkeleton(toAscii(word).replace(ABD, 'abd') + toAscii(next)));
      i++;
    } else units.push(wordSkeleton(word, i === 0 && words.length > 1));
  }
  const kept = units.filter((u) => u !== '');
  const first = kept[0] ?? '';
  const last = kept.length > 1 ? kept.at(-1) : undefined;
  return last === undefined ? first : `${first}-${last}`;
}
