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

/**
 * More role words in Turkish, which puts the title before the name and marks it with a possessive
 * (`Van Müftüsü Ömer Keskin`, `NAR Başekonomisti Lawrence Yun`), and counting words.
 */
export const MORE_TITLE_WORDS: ReadonlySet<string> = new Set([
  'vekili', 'baskanvekili', 'tuggeneral', 'korgeneral', 'orgeneral', 'tumgeneral', 'albay', 'binbasi', 'yuzbasi',
  'muftu', 'muftusu', 'imam', 'basekonomisti', 'ekonomisti', 'direktor', 'direktoru', 'teknik', 'sozcu',
  'kaymakamimiz', 'sehir', 'kurucusu', 'uzmani', 'ogretim', 'uyesi', 'avukat', 'avukati', 'hakim', 'savci',
  'savcisi', 'komutani', 'yardimcisi', 'danismani', 'muhabiri', 'yazari', 'binlerce', 'yuzlerce', 'onlarca',
  'milyonlarca', 'sayin', 'bay', 'bayan', 'hanim', 'bey',
  // en: roles written before names (`Senator Dino Melaye`, `Coach Anthony Lynn`)
  'senator', 'sen', 'rep', 'representative', 'congressman', 'congresswoman', 'governor', 'gov', 'mayor',
  'president', 'prime', 'minister', 'secretary', 'general', 'gen', 'chancellor', 'king', 'queen', 'prince',
  'princess', 'pope', 'judge', 'justice', 'chief', 'coach', 'captain', 'capt', 'officer', 'spokesman',
  'spokeswoman', 'spokesperson', 'director', 'chairman', 'chairwoman', 'chair', 'ceo', 'founder', 'actress',
  'actor', 'singer', 'star', 'striker', 'keeper', 'goalkeeper', 'quarterback', 'midfielder', 'defender',
  'rider', 'diver', 'junior', 'senior', 'sophomore', 'freshman', 'veteran', 'lawmaker', 'commissioner',
  'inspector', 'sheriff', 'deputy', 'lieutenant', 'lt', 'colonel', 'col', 'sergeant', 'sgt', 'major',
  'professor', 'doctor', 'rev', 'reverend', 'bishop', 'archbishop', 'cardinal', 'rabbi', 'sheikh',
  'ayatollah', 'emir', 'sultan', 'sir', 'dame', 'lord', 'lady', 'miss', 'madam', 'interim', 'acting',
  'former', 'late', 'vice', 'employee', 'police', 'interior', 'foreign', 'defence', 'defense', 'health',
  // fr, it, pl, ru (transliterated): roles
  'senateur', 'ministre', 'maire', 'juge', 'pape', 'roi', 'reine', 'sindaco', 'senatore', 'giudice', 'papa',
  'ministro', 'presidente', 'prezydent', 'premier', 'minister', 'rzecznik', 'poslanka', 'posel', 'senator',
  'prezident', 'ministr', 'glava', 'spiker',
]);

/** Arabic function words that are also city names in some locale (`كان`, "was", is Cannes). Folded keys. */
export const ARABIC_STOPWORDS: ReadonlySet<string> = new Set([
  'كان', 'كانت', 'في', 'من', 'علي', 'الي', 'عن', 'مع', 'هذا', 'هذه', 'ذلك', 'تلك', 'التي', 'الذي', 'الذين',
  'قال', 'قالت', 'ان', 'لا', 'ما', 'قد', 'كما', 'بعد', 'قبل', 'حيث', 'عند', 'منذ', 'او', 'ثم', 'حتي', 'لكن',
  'بين', 'خلال', 'اليوم', 'امس', 'غدا', 'مين', 'انه', 'انها', 'هو', 'هي', 'هم', 'نحن', 'كل', 'بعض', 'غير',
]);

/**
 * Head words of names of organisations, places and facilities: a capitalised run that contains one is
 * not a person (`Türkiye Güreş Federasyonu`, `Gölcük Mahallesi`, `Brussels Airlines`). Keys as `wordKey`
 * gives them; Turkish ones also match with a case suffix (`Federasyonundan`), so those are stems.
 */
export const DESIGNATORS: ReadonlySet<string> = new Set([
  // en
  'airlines', 'airways', 'airport', 'association', 'agency', 'party', 'university', 'college', 'ministry',
  'council', 'committee', 'commission', 'company', 'corporation', 'corp', 'inc', 'ltd', 'llc', 'plc', 'group',
  'bank', 'news', 'times', 'post', 'press', 'institute', 'foundation', 'federation', 'union', 'league', 'club',
  'fc', 'school', 'academy', 'hospital', 'church', 'street', 'square', 'avenue', 'road', 'bridge', 'river',
  'lake', 'mount', 'mountain', 'county', 'province', 'district', 'department', 'office', 'court', 'police',
  'army', 'forces', 'senate', 'parliament', 'assembly', 'government', 'organization', 'organisation',
  'center', 'centre', 'museum', 'stadium', 'park', 'station', 'hotel', 'festival', 'championship', 'cup',
  'award', 'awards', 'prize', 'treaty', 'act', 'bill', 'report', 'service', 'services', 'authority', 'board',
  'fund', 'network', 'channel', 'radio', 'tv', 'television', 'magazine', 'journal', 'herald', 'tribune',
  'chronicle', 'gazette', 'review', 'society', 'trust', 'alliance', 'coalition', 'movement', 'front',
  // fr
  'ministere', 'agence', 'parti', 'universite', 'conseil', 'comite', 'compagnie', 'societe', 'groupe',
  'banque', 'fondation', 'federation', 'syndicat', 'ecole', 'lycee', 'hopital', 'aeroport', 'rue', 'place',
  'boulevard', 'pont', 'departement', 'region', 'tribunal', 'gouvernement', 'assemblee', 'senat', 'etablissement',
  'centre', 'musee', 'mairie', 'prefecture', 'journal',
  // it, es, pl, de
  'ministero', 'agenzia', 'partito', 'universita', 'consiglio', 'comitato', 'societa', 'gruppo', 'banca',
  'fondazione', 'federazione', 'scuola', 'ospedale', 'aeroporto', 'via', 'piazza', 'ministerio', 'partido',
  'universidad', 'consejo', 'comite', 'empresa', 'grupo', 'banco', 'fundacion', 'escuela', 'hospital', 'calle',
  'plaza', 'ministerstwo', 'partia', 'uniwersytet', 'rada', 'komitet', 'komisja', 'spolka', 'grupa', 'bank',
  'fundacja', 'szkola', 'szpital', 'lotnisko', 'ulica', 'plac', 'ministerium', 'partei', 'universitat',
  'stiftung', 'schule', 'krankenhaus', 'flughafen', 'strasse', 'platz',
]);

/** Turkish designator stems, matched as prefixes of a word's key (`federasyonundan`, `kulubu`, `mahallesi`). */
export const TURKISH_DESIGNATOR_STEMS: readonly string[] = [
  'federasyon', 'kulub', 'kulup', 'merkez', 'mahalle', 'belediye', 'kaymakamlig', 'kaymakamlik', 'mudurlug',
  'mudurluk', 'bakanlig', 'bakanlik', 'odasi', 'orgut', 'komite', 'partisi', 'hukumet', 'dernek', 'dernegi',
  'vakfi', 'vakif', 'universite', 'hastane', 'havaliman', 'cadde', 'sokag', 'sokak', 'meydan', 'koyu', 'ilcesi',
  'camii', 'camisi', 'tesis', 'sampiyona', 'turnuva', 'kanun', 'anlasma', 'kampanya', 'grubu', 'ajans', 'gazete',
  'sirket', 'holding', 'karayol', 'gecid', 'enstitu', 'akademi', 'okulu', 'lisesi', 'fakulte', 'meclis',
  'mahkeme', 'savcilig', 'emniyet', 'jandarma', 'komutanlig', 'valilig', 'bolge', 'komisyon', 'kurulu',
  'kurumu', 'birligi', 'birlik', 'sendika', 'isleml', 'ajansi', 'televizyon', 'radyo', 'muzesi', 'stadyum',
  'istasyon', 'otel', 'festival', 'yerleri', 'sistemi', 'programi', 'projesi', 'operasyon', 'harekat',
  'perakende', 'elektrik', 'sanayi', 'ticaret', 'kooperatif', 'takim',
];

/** Articles and determiners: a capitalised common word after one is a noun, not a first name. */
export const ARTICLES: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'la', 'le', 'les', 'l', 'il', 'lo', 'gli', 'un', 'una', 'der', 'die', 'das', 'den', 'dem',
  'el', 'los', 'las',
]);

/**
 * Compass words: never part of a person's name. Before a place they keep it (`Doğu Kudüs`, East
 * Jerusalem, is still Jerusalem); after it they make a longer name (`Salina South`, a school).
 */
export const COMPASS_WORDS: ReadonlySet<string> = new Set([
  'dogu', 'bati', 'kuzey', 'guney', 'east', 'west', 'north', 'south', 'eastern', 'western', 'northern', 'southern',
]);

/** Designators that name a place, facility or event rather than an organisation: they only stop persons. */
export const NON_ORGANISATION_DESIGNATORS: ReadonlySet<string> = new Set([
  'street', 'square', 'avenue', 'road', 'bridge', 'river', 'lake', 'mount', 'mountain', 'county', 'province',
  'district', 'park', 'station', 'hotel', 'stadium', 'airport', 'church', 'museum', 'festival', 'championship',
  'cup', 'award', 'awards', 'prize', 'treaty', 'act', 'bill', 'report', 'center', 'centre', 'rue', 'place',
  'boulevard', 'pont', 'departement', 'region', 'aeroport', 'musee', 'via', 'piazza', 'calle', 'plaza', 'ulica',
  'plac', 'lotnisko', 'strasse', 'platz', 'flughafen', 'aeroporto', 'post', 'times', 'news', 'press', 'front',
]);
export const NON_ORGANISATION_STEMS: readonly string[] = [
  'mahalle', 'cadde', 'sokag', 'sokak', 'meydan', 'koyu', 'ilcesi', 'camii', 'camisi', 'tesis', 'sampiyona',
  'turnuva', 'kanun', 'anlasma', 'kampanya', 'havaliman', 'karayol', 'gecid', 'bolge', 'muzesi', 'stadyum',
  'istasyon', 'otel', 'festival', 'yerleri', 'sistemi', 'programi', 'projesi', 'operasyon', 'harekat', 'isleml',
  'elektrik', 'sanayi', 'ticaret', 'merkez', 'takim',
];

/** Lower-case words that join the parts of an organisation's name (`Association of Realtors`, `Ticaret ve Sanayi Odası`). */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set([
  'of', 'and', 'for', 'on', 'de', 'du', 'des', 'la', 'le', 'l', 'et', 'pour', 've', 'di', 'del', 'della', 'dei',
  'e', 'per', 'y', 'i', 'und', 'fur', 'der',
]);

/** Heads of organisations' names written in lower case in French, Italian, Spanish (`ministère de l'Intérieur`). */
export const LOWER_CASE_HEADS: ReadonlySet<string> = new Set(['ministere', 'ministero', 'ministerio']);

/** Acronyms that are no organisation: units, currencies, roles, diseases, formats, time zones (keys). */
export const NON_ORGANISATION_ACRONYMS: ReadonlySet<string> = new Set([
  'ceo', 'cfo', 'coo', 'cto', 'cmo', 'pdg', 'dg', 'gdp', 'pib', 'tva', 'vat', 'kdv', 'gsyh', 'tv', 'pm', 'am', 'usd', 'eur',
  'gbp', 'tl', 'try', 'covid', 'sars', 'mers', 'hiv', 'aids', 'sida', 'dna', 'rna', 'adn', 'arn', 'pcr', 'icu', 'nft', 'vip',
  'suv', 'dj', 'mp', 'phd', 'ok', 'id', 'pdf', 'url', 'faq', 'utc', 'gmt', 'bst', 'est', 'edt', 'pst', 'pdt', 'cet', 'cest',
  'km', 'kg', 'mw', 'kw', 'gw', 'gb', 'mb', 'tb', 'iq', 'ai', 'it', 'pr', 'hr', 'ps', 'usb', 'led', 'lcd', 'gps', 'atm',
  'fm', 'bc', 'ad', 'ufo', 'tba', 'tbd', 'asap', 'mvp', 'rip', 'diy', 'vs', 'sms', 'mms', 'cv', 'qr', 'pc', 'hd', 'dvd',
  'cd', 'mri', 'irm', 'ct', 'ppe', 'ivf', 'lgbt', 'lgbtq', 'lgbtqi', 'mph', 'ft', 'lb', 'lbs', 'oz', 'mm', 'cm', 'ml', 'mg',
  'st', 'jr', 'sr', 'ne', 'nw', 'se', 'sw', 'hes', 'abd', 'ab', 'kkk', 'ozel', 'son', 'dakika', 'vb', 'vs', 'ile', 'ive',
  'op', 'ed', 'rss', 'api', 'app', 'www', 'html', 'seo', 'roi', 'kpi', 'b2b', 'ipo', 'etf', 'mba', 'bsc', 'msc', 'ba', 'ma',
]);

/**
 * Title words (they stop a person's name) that may open an organisation's name before its head word
 * (`İçişleri Bakanlığı`, `Ulusal Mutabakat Hükümeti`, `İlçe Emniyet Müdürlüğü`).
 */
export const ORGANISATION_QUALIFIERS: ReadonlySet<string> = new Set([
  'genel', 'il', 'ilce', 'saglik', 'icisleri', 'disisleri', 'milli', 'egitim', 'savunma', 'adalet', 'ozel', 'turk',
  'turkiye', 'devlet', 'ulusal', 'kara', 'deniz', 'hava', 'belediye', 'sehir', 'teknik', 'police', 'interior',
  'foreign', 'defence', 'defense', 'health', 'national',
]);
