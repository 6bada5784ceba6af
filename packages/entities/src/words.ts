/**
 * Small closed word lists the extractor needs besides the hunspell dictionaries: function words that
 * start sentences and titles in the languages we see (they are never names), name particles, and
 * titles that precede names in languages we have no dictionary for. Keys are `wordKey` forms.
 */

/** Capitalised at the start of a sentence, never a name. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  [
    // en
    'a', 'an', 'the', 'and', 'or', 'but', 'in', 'on', 'at', 'of', 'for', 'to', 'from', 'by', 'with', 'as', 'after',
    'before', 'during', 'when', 'while', 'this', 'that', 'these', 'those', 'he', 'she', 'it', 'they', 'we', 'i',
    'his', 'her', 'their', 'our', 'its', 'mr', 'mrs', 'ms', 'dr', 'if', 'so', 'yet', 'also', 'both', 'all',
    'some', 'many', 'most', 'no', 'not', 'there', 'here', 'what', 'who', 'why', 'how', 'where', 'today',
    'yesterday', 'tomorrow', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
    'november', 'december',
    // pl
    'w', 'we', 'z', 'ze', 'na', 'do', 'o', 'u', 'po', 'przez', 'dla', 'od', 'ze', 'ale', 'i', 'oraz', 'jak',
    'jest', 'to', 'ten', 'ta', 'te', 'tym', 'tego', 'nie', 'tak', 'czy', 'gdy', 'kiedy', 'jednak', 'zdaniem',
    // it
    'il', 'lo', 'la', 'gli', 'le', 'un', 'una', 'uno', 'di', 'da', 'con', 'su', 'per', 'tra', 'fra', 'e', 'ma',
    'del', 'della', 'dei', 'delle', 'nel', 'nella', 'al', 'alla', 'dal', 'dalla', 'sul', 'sulla', 'che', 'non',
    'questo', 'questa', 'secondo', 'anche', 'ieri', 'oggi', 'domani', 'dopo', 'durante', 'mentre', 'l', 'd',
    'dell', 'nell', 'all', 'sull', 'dall', 'c', 'un',
    // fr
    'les', 'des', 'du', 'de', 'et', 'en', 'dans', 'pour', 'sur', 'avec', 'par', 'au', 'aux', 'ce', 'cette',
    'ces', 'il', 'elle', 'ils', 'elles', 'nous', 'vous', 'on', 'qui', 'que', 'selon', 'mais', 'ou', 'est',
    'son', 'sa', 'ses', 'leur', 'leurs', 'depuis', 'lors', 'apres', 'avant', 'pendant', 'entre', 'comme',
    'qu', 'j', 'n', 's', 'm', 't', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
    'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre',
    'novembre', 'decembre', 'monsieur', 'madame', 'm',
    // de, es
    'der', 'die', 'das', 'ein', 'eine', 'und', 'im', 'mit', 'von', 'zu', 'el', 'los', 'las', 'y', 'por',
    'para', 'con', 'sin',
    // tr
    'bir', 've', 'ile', 'bu', 'su', 'o', 'da', 'de', 'icin', 'gibi', 'ancak', 'ama', 'daha', 'en', 'her',
    'ise', 'olarak', 'sonra', 'once', 'kadar', 'yani', 'ayrica', 'boylece', 'dun', 'bugun', 'pazartesi', 'sali',
    'carsamba', 'persembe', 'cuma', 'cumartesi', 'pazar', 'ocak', 'subat', 'mart', 'nisan', 'mayis', 'haziran',
    'temmuz', 'agustos', 'eylul', 'ekim', 'kasim', 'aralik',
  ],
);

/** Lower-case words that may sit inside a person's name (`Ursula von der Leyen`, `Mohammed bin Salman`). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'von', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ben',
]);

/**
 * Titles and role words that precede names; for languages without a hunspell dictionary here (tr, fr,
 * de, es, ru) they stop a capitalised run from becoming a person's name.
 */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  // tr
  'cumhurbaskani', 'cumhurbaskanimiz', 'bakan', 'bakani', 'bakanligi', 'baskan', 'baskani', 'genel', 'mudur',
  'muduru', 'vali', 'valisi', 'valiligi', 'sayin', 'milletvekili', 'belediye', 'belediyesi', 'universitesi',
  'il', 'ilce', 'saglik', 'icisleri', 'disisleri', 'milli', 'egitim', 'savunma', 'adalet', 'kaymakam',
  'kaymakami', 'rektor', 'rektoru', 'prof', 'doc', 'dr', 'baskanligi', 'mudurlugu', 'komutani', 'sozcusu',
  'ozel', 'turk', 'turkiye', 'devlet', 'ulusal', 'kurulu', 'uyesi', 'sehit', 'kooperatifi', 'hastanesi',
  'kara', 'deniz', 'hava',
  // fr
  'president', 'presidente', 'ministre', 'premier', 'secretaire', 'directeur', 'directrice', 'depute',
  'senateur', 'maire', 'general', 'porte', 'parole', 'docteur', 'professeur', 'saint', 'sainte',
  // de, es, it, pl, ru (most are also dictionary words; listed for languages without one)
  'prasident', 'kanzler', 'kanzlerin', 'minister', 'ministerin', 'presidenta', 'ministro', 'ministra',
  'presidente', 'prezydent', 'premier', 'prezident', 'prezidenta', 'ministr', 'papa', 'papiez',
]);
