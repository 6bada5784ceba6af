/**
 * People and organisations in Arabic text, where no capital letters mark names. Found by cues a reader
 * uses too:
 * - people: a title or honorific before the name (`اللواء محمود حمزة`, `الرئيس الروسي فلاديمير بوتين`), a
 *   byline (`كتب أحمد عبد الرحمن`), a common given name (`مصطفى بكري`), a "said" verb before a name
 *   (`وأضاف تامر أمين`); the name is two units (`عبد`/`أبو`/`بن` + word count as one unit), longer while the
 *   last unit is itself a given name (a father's name: `أحمد محمد حسن`);
 * - organisations: a head word with its genitive phrase (`وزارة الداخلية`, `منظمة الطيران الإيرانية`,
 *   `مديرية أمن أسوان`), and a media head word before a quoted name (`قناة "صدى البلد"`).
 * Word lists are general Arabic vocabulary (titles, head words, common given names), written here by
 * hand; they are folded with `wordKey` when the module loads.
 */
import type { Token } from '@newsflow/lexicon/tokenize';
import { arabicVariants, wordKey } from './normalize.ts';
import { ARABIC_STOPWORDS } from './words.ts';

const fold = (words: string): Set<string> => new Set(words.split(/\s+/).filter(Boolean).map(wordKey));

/** Titles, honorifics and roles written before a person's name (bare form; `ال` + it is the usual cue). */
const PERSON_TITLES = fold(`
  رئيس رئيسة ملك ملكة أمير أميرة شيخ شيخة سيد سيدة دكتور دكتورة د لواء عميد عقيد مقدم رائد نقيب ملازم فريق مشير
  مستشار مستشارة وزير وزيرة نائب نائبة إعلامي إعلامية فنان فنانة مطرب مطربة مخرج مخرجة ممثل ممثلة كاتب كاتبة
  صحفي صحفية لاعب لاعبة مدرب مدربة نجم نجمة مهندس مهندسة محامي محامية قاضي قاضية شاعر شاعرة داعية إمام أستاذ
  أستاذة بروفيسور سفير سفيرة محافظ عمدة مفتي بابا قائد زعيم ناشط ناشطة طبيب طبيبة باحث باحثة خبير خبيرة حاج
  مذيع مذيعة مغني مغنية روائي ملحن منتج منتجة مطران أسقف قس كابتن سيناتور
`);

/** Words after a title that still describe it (`الرئيس الروسي`, `النائب العام`, `الوزير السابق`). */
const TITLE_MODIFIERS = fold(`السابق السابقة الأسبق الحالي الحالية الجديد الجديدة العام العامة الأول الأولى الراحل الراحلة الشهير الشهيرة الكبير الكبيرة الشاب الشابة`);

/** Roles that follow a name (`محمود حمزة مدير أمن الغربية`): they end it. */
const ROLE_WORDS = fold(`مدير مديرة مساعد مساعدة عضو عضوة مسؤول مسؤولة متحدث متحدثة رئيس رئيسة وزير وزيرة نائب قائد محافظ سفير مستشار`);

/** Words that end a name: verbs of saying, prepositions and particles the stop list lacks. */
const NAME_STOPPERS = fold(`
  في فى إلى على عن من مع إن أن أنه أنها الذي التي الذين والذي قائلا قائلة مؤكدا مؤكدة مشيرا مشيرة موضحا موضحة
  صلى عليه السلام رضي تعالى وذلك ولكن لكن حيث بعد قبل خلال عبر أمام بشأن حول لدى عند بين وسط ضد
  يوم اليوم أمس غدا صباح مساء عاما سنة سنوات ربنا
  عليها عليهم لها له لهم منها منه منهم فيها فيه فيهم عنها عنه عنهم بها به بهم معها معه معهم إليها إليه إليهم
`);

/** Speech verbs a name follows (`وأضاف تامر أمين`), with و/ف stripped by the caller. */
const SPEECH_VERBS = fold(`قال قالت أكد أكدت أضاف أضافت أوضح أوضحت تابع تابعت صرح صرحت أشار أشارت ذكر ذكرت أعلن أعلنت كشف كشفت نفى نفت شدد شددت لفت لفتت طالب طالبت ناشد ناشدت أفاد أفادت`);

/** Bylines: the name comes next (`كتب- محمد الصاوي:`). */
const BYLINE_WORDS = fold(`كتب كتبت بقلم إعداد تقرير`);

/** Words that join the next word into one name unit (`عبد الحميد`, `أبو موسى`, `بن سلمان`). */
const COMPOUND_PREFIXES = fold(`عبد أبو أبي ابن بن بنت آل أم`);

/**
 * Common Arabic given names. Those that are also ordinary words (`حسن` good, `جمال` beauty, `أمين`
 * trustworthy) need a title, a byline or a speech verb before them; the rest start a name on their own.
 */
const GIVEN_NAMES_RAW = `
  محمد أحمد محمود مصطفى علي عمر عمرو عثمان إبراهيم إسماعيل يوسف يحيى زكريا موسى عيسى هارون داود سليمان أيوب
  إلياس يونس خليل حسين حسن طه ياسر ياسين أسامة أنس بلال حمزة خالد طارق زياد سامح سامر تامر وائل هشام هاني
  شريف أشرف أيمن عماد عصام مجدي فتحي رمضان شعبان رجب عادل نبيل منير سمير بسام غسان مروان مازن ماهر فادي رامي
  شادي نادر ناصر منصور فيصل سلطان سلمان سعود فهد تركي بندر نايف عبدالله عبدالرحمن عبدالعزيز عبدالرحيم عبدالحميد
  عبدالفتاح عبدالمجيد عبدالسلام عبداللطيف عبدالكريم عبدالقادر عبدالناصر عبدالوهاب عبدالعظيم جمال كمال جلال
  صلاح فؤاد رؤوف رشاد رشيد سعد سعيد سعيدة حازم حاتم حسام حمدي حمادة حمدان راشد ماجد مراد جواد زيد زين نزار
  قاسم هيثم وليد جعفر جميل رضا إياد أكرم أحمدي كريم كريمة مهدي معتز معاذ مؤمن مدحت ممدوح نصر نصري نجيب لؤي
  ضياء عزت إيهاب بهاء علاء شوقي صبحي صفوت عاطف عبده عرفات فاروق فريد فوزي قدري لطفي محسن مختار مسعود نبيه نشأت
  نعيم هادي وجدي يسري يسرى
  فاطمة عائشة خديجة زينب مريم سارة نور نورا نورة هدى منى مها ريم رانيا رنا رشا دينا دعاء آية أسماء إيمان أمل
  أميرة أمينة سلمى سلوى سميرة سهام سعاد شيرين شيماء صفاء عبير عزة علياء غادة فرح فريدة لبنى ليلى لمياء ليلى
  مروة منار نادية نجلاء نهى نوال هالة هبة هند وفاء ياسمين يسرا إيناس إسراء إلهام بسمة جميلة حنان حياة داليا
  رحاب رباب رقية سماح سناء سهير شهد ضحى عفاف عفت فايزة فدوى كوثر لانا لينا ماجدة مايا منال ميرفت ميسون نسرين
  نجوى هيام هيفاء وداد
`;
/** Given names that are also common words: not enough on their own. */
const AMBIGUOUS_NAMES = fold(`
  حسن حسين جمال كمال جلال صلاح أمين كريم كريمة سعيد سعيدة نور هدى منى أمل نبيل عادل رشيد ناصر منصور
  سلطان فهد تركي علي عمر نصر جميل جميلة ماجد راشد حياة فرح وفاء سماح إيمان عزة حنان ضحى شهد ريم رضا
  عماد زين فريد سامح سامر مراد هادي بسمة أميرة لمياء نجيب مختار مسعود فاروق منير ماهر خليل عبده رجب شعبان
  رمضان هالة هبة سلوى سعد زيد سمير يسري نادر شريف فوزي مؤمن نعيم محسن قاسم مهدي حاتم وليد أشرف أكرم
`);
const GIVEN_NAMES = fold(GIVEN_NAMES_RAW);

/** Head words of organisations' names, followed by a genitive phrase (`دار`: `دار الإفتاء`, `دار الأوبرا`). */
const ORGANISATION_HEADS = fold(`
  وزارة هيئة مجلس حزب شركة جامعة منظمة جمعية بنك مصرف وكالة اتحاد مديرية نقابة محكمة مؤسسة مصلحة حركة
  جبهة نادي صحيفة جريدة مجلة سفارة بورصة مجموعة ائتلاف تحالف أكاديمية معهد دار
`);
/** Head words of media, named in quotes after them (`قناة "صدى البلد"`). */
const MEDIA_HEADS = fold(`قناة فضائية صحيفة جريدة مجلة وكالة إذاعة موقع شبكة تلفزيون راديو`);
/** Adjectives that may follow a definite head (`المجلس الأعلى`, `الاتحاد العام`). */
const HEAD_ADJECTIVES = fold(`الأعلى العليا العام العامة الوطني الوطنية المتحدة الدولي الدولية`);

const ARABIC = /^\p{Script=Arabic}/u;
const QUOTE_OPEN = /["“«„'‘]/u;
const QUOTE_CLOSE = /["”»'’]/u;
/** Between two words of one name: one or two spaces (no punctuation, no line break). */
const WORD_GAP = /^[ \u00a0]{1,2}$/;

export interface ArabicName {
  kind: 'person' | 'organisation';
  start: number;
  end: number;
  /** The keys the id is built from (clitics of the first word removed). */
  keys: string[];
  /** An organisation named in quotes whose span the caller may resolve against its gazetteers. */
  quoted?: boolean;
}

/** The key with a leading conjunction (و, ف) removed, when what is left is long enough. */
function withoutConjunction(key: string): string {
  return /^[وف]/.test(key) && key.length > 3 ? key.slice(1) : key;
}

/** The key and its forms without clitics (`والفنانه` → `الفنانه`, `فنانه`; `بمديريه` → `مديريه`). */
function forms(key: string): string[] {
  return [key, withoutConjunction(key), ...arabicVariants(key)];
}

const isDefinite = (key: string): boolean => key.startsWith('ال') && key.length > 3;
/** A nisba adjective (`الإيرانية`, `الروسي`, `المصريين`). */
const isNisba = (key: string): boolean => isDefinite(key) && /(ي|يه|يين|يون)$/.test(key);

function titleForm(key: string): boolean {
  return forms(key).some((f) => PERSON_TITLES.has(f) || (f.startsWith('ال') && PERSON_TITLES.has(f.slice(2))));
}
/** A title written with the article (`اللواء`, `والفنانة`): the cue for a name after it. */
function definiteTitle(key: string): boolean {
  const k = withoutConjunction(key);
  return k.startsWith('ال') && PERSON_TITLES.has(k.slice(2));
}

/**
 * Arabic people and organisations in the tokens not yet `consumed` by the gazetteers. `placeAt(i)`
 * tells whether a gazetteer place was matched at token i (a place may sit inside an organisation's name).
 */
export function findArabicNames(tokens: readonly Token[], keys: readonly string[], consumed: Uint8Array, placeAt: (i: number) => boolean): ArabicName[] {
  const n = tokens.length;
  const found: ArabicName[] = [];
  const taken = new Uint8Array(n);
  const free = (i: number): boolean => i >= 0 && i < n && !consumed[i] && !taken[i];
  const arabic = (i: number): boolean => ARABIC.test(keys[i] ?? '');
  const joined = (i: number): boolean => WORD_GAP.test(tokens[i]?.gapBefore ?? '');
  if (!keys.some((k) => ARABIC.test(k))) return [];
  const stopperCache = new Map<string, boolean>();
  const stopper = (key: string): boolean => {
    let stop = stopperCache.get(key);
    if (stop === undefined) {
      stop = ARABIC_STOPWORDS.has(key) || NAME_STOPPERS.has(key) || ROLE_WORDS.has(key) || titleForm(key) || key.length < 2;
      stopperCache.set(key, stop);
    }
    return stop;
  };

  // Organisations first: `مدير أمن سوهاج` must not become a person.
  for (let i = 0; i < n; i++) {
    if (!free(i) || !arabic(i)) continue;
    const key = keys[i] ?? '';
    const variants = forms(key);
    const mediaHead = variants.some((f) => MEDIA_HEADS.has(f) || (f.startsWith('ال') && MEDIA_HEADS.has(f.slice(2))));
    // A media head and a quoted name: `فضائية "الحدث"`, `قناة "روسيا اليوم"`.
    if (mediaHead && i + 1 < n && QUOTE_OPEN.test(tokens[i + 1]?.gapBefore ?? '') && !/\n/.test(tokens[i + 1]?.gapBefore ?? '')) {
      let end = i + 1;
      while (end < n && end - i <= 5 && (end === i + 1 || joined(end))) {
        end++;
        if (QUOTE_CLOSE.test(tokens[end]?.gapBefore ?? '') || end >= n) break;
      }
      const closed = end >= n || QUOTE_CLOSE.test(tokens[end]?.gapBefore ?? '');
      if (closed && end > i + 1 && end - i <= 5) {
        found.push({ kind: 'organisation', start: i + 1, end, keys: keys.slice(i + 1, end), quoted: true });
        taken.fill(1, i, end);
        i = end - 1;
        continue;
      }
    }
    // A head with the article (`للوزارة`, `الوزارة`) is definite, though a variant without the article is listed too.
    const definite = variants.find((f) => f.startsWith('ال') && ORGANISATION_HEADS.has(f.slice(2)));
    const indefinite = definite ? undefined : variants.find((f) => ORGANISATION_HEADS.has(f));
    const head = indefinite ?? definite;
    if (!head) continue;
    // The genitive phrase: definite words, a construct chain ending in one or in a place, nisba adjectives.
    const usable = (k: number): boolean => k < n && joined(k) && arabic(k) && !stopper(keys[k] ?? '') && !/\d/.test(tokens[k]?.text ?? '');
    let end = i + 1;
    if (indefinite) {
      if (!usable(end)) continue;
      const first = keys[end] ?? '';
      if (isDefinite(first) || first.startsWith('لل')) end++;
      else if (usable(end + 1) && (isDefinite(keys[end + 1] ?? '') || placeAt(end + 1))) end += 2;
      else continue;
    } else {
      const first = keys[end] ?? '';
      if (!usable(end) || !(isNisba(first) || HEAD_ADJECTIVES.has(first))) continue;
      end++;
    }
    // More of the phrase: nisba adjectives, `للـ` genitives, `والـ` coordinated words (`الصحة والسكان`).
    while (end < n && end - i < 5 && usable(end)) {
      const k = keys[end] ?? '';
      if (isNisba(k) || HEAD_ADJECTIVES.has(k) || (k.startsWith('لل') && k.length > 4) || (k.startsWith('وال') && k.length > 4)) end++;
      else break;
    }
    found.push({ kind: 'organisation', start: i, end, keys: [head, ...keys.slice(i + 1, end)] });
    taken.fill(1, i, end);
    i = end - 1;
  }

  /** A word that may be part of a name. */
  const nameWord = (k: number): boolean => {
    const key = keys[k] ?? '';
    return free(k) && arabic(k) && !stopper(key) && !/\d/.test(tokens[k]?.text ?? '') && !TITLE_MODIFIERS.has(key);
  };
  /** The end of the name unit starting at k (`عبد الحميد` is one unit), or -1. */
  const unitEnd = (k: number, first: boolean): number => {
    const key = keys[k] ?? '';
    if (!nameWord(k)) return -1;
    if (COMPOUND_PREFIXES.has(key)) return nameWord(k + 1) && joined(k + 1) ? k + 2 : -1;
    // A first name does not carry the article (`الداخلية` after a verb is no person); a foreign name written
    // with a hamza on its alef is no article (`ألكسندر`, Alexander; `أليكسي`, Alexei).
    if (first && (key.startsWith('ال') || key.startsWith('لل')) && !/^[أآ]ل/.test(tokens[k]?.text ?? '')) return -1;
    return k + 1;
  };
  const givenName = (k: number): boolean => GIVEN_NAMES.has(withoutConjunction(keys[k] ?? ''));

  /** The name that starts at k: two units, more while the last one is a given name (a father's name). */
  const nameAt = (k: number): number => {
    let end = unitEnd(k, true);
    if (end < 0) return -1;
    const second = joined(end) ? unitEnd(end, false) : -1;
    if (second < 0) return -1;
    let lastStart = end;
    end = second;
    while (end - k < 6 && joined(end) && (givenName(lastStart) || COMPOUND_PREFIXES.has(keys[lastStart] ?? ''))) {
      const next = unitEnd(end, false);
      if (next < 0) break;
      const nextKey = keys[end] ?? '';
      // A third unit is a name too: a given name, a family name with the article, or a compound.
      if (!(GIVEN_NAMES.has(nextKey) || isDefinite(nextKey) || COMPOUND_PREFIXES.has(nextKey))) break;
      lastStart = end;
      end = next;
    }
    return end;
  };

  for (let i = 0; i < n; i++) {
    if (!free(i) || !arabic(i)) continue;
    const key = keys[i] ?? '';
    let start = -1;
    if (definiteTitle(key)) {
      // Titles chain (`اللواء دكتور`, `المطربة والفنانة`) and take adjectives (`الرئيس الروسي`).
      let k = i + 1;
      while (k < n && k - i < 5 && joined(k) && (titleForm(keys[k] ?? '') || TITLE_MODIFIERS.has(keys[k] ?? '') || isNisba(keys[k] ?? ''))) k++;
      if (k < n && joined(k)) start = k;
    } else if (BYLINE_WORDS.has(withoutConjunction(key)) && i + 1 < n && !/\n/.test(tokens[i + 1]?.gapBefore ?? '')) {
      start = i + 1;
    } else if (SPEECH_VERBS.has(withoutConjunction(key)) && i + 1 < n && joined(i + 1) && givenName(i + 1)) {
      start = i + 1;
    } else if (givenName(i) && !AMBIGUOUS_NAMES.has(withoutConjunction(key))) {
      start = i;
    }
    if (start < 0 || !free(start)) continue;
    const end = nameAt(start);
    if (end < 0) continue;
    // A conjunction on the first name is not part of it (`ومحمد علي` → `محمد علي`).
    const nameKeys = keys.slice(start, end);
    nameKeys[0] = withoutConjunction(nameKeys[0] ?? '') === nameKeys[0] || !givenName(start) ? (nameKeys[0] ?? '') : withoutConjunction(nameKeys[0] ?? '');
    found.push({ kind: 'person', start, end, keys: nameKeys });
    taken.fill(1, start, end);
    i = end - 1;
  }
  return found.sort((a, b) => a.start - b.start);
}
