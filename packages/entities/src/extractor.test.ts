import { readFileSync } from 'node:fs';
import type { EntityMention } from '@newsflow/contracts/documents';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEntityExtractor, unknownOrganisationId, unknownPersonId, type EntityExtractor } from './extractor.ts';

interface Seed {
  file: string;
  language: string;
  title: string;
  text: string;
}

const SEEDS: Seed[] = [
  ['000_282f55890694b8c2.txt', 'it'],
  ['001_664aa4778fb2fdac.txt', 'en'],
  ['002_dab3113d4f96252d.txt', 'en'],
  ['003_bb3b193bc24b719b.txt', 'pl'],
].map(([file, language]) => {
  const raw = readFileSync(new URL(`../../../seeds/${file}`, import.meta.url), 'utf8');
  const [title = '', ...rest] = raw.split('\n');
  return { file: file ?? '', language: language ?? 'und', title, text: rest.join('\n') };
});

let extractor: EntityExtractor;
let results: EntityMention[][];

beforeAll(async () => {
  extractor = await createEntityExtractor();
  results = SEEDS.map((seed) => extractor.extract(seed));
});

function byName(mentions: EntityMention[], name: string): EntityMention | undefined {
  return mentions.find((m) => m.name === name);
}

function ids(mentions: EntityMention[]): string[] {
  return mentions.map((m) => m.id);
}

describe('createEntityExtractor on the seed articles (it, en, en, pl)', () => {
  it('finds Putin, Lukashenko, Belarus and Russia in every seed, each under one id across languages', () => {
    for (const [name, id] of [
      ['Vladimir Putin', 'person:vladimir-putin'],
      ['Alexander Lukashenko', 'person:alexander-lukashenko'],
      ['Belarus', 'Q184'],
      ['Russia', 'Q159'],
    ] as const) {
      for (const [index, mentions] of results.entries()) {
        expect(byName(mentions, name)?.id, `${name} in ${SEEDS[index]?.file}`).toBe(id);
      }
    }
  });

  it('collapses declined Polish forms into the canonical entity and keeps the forms seen', () => {
    const polish = results[3] ?? [];
    const lukashenko = byName(polish, 'Alexander Lukashenko');
    expect(lukashenko?.surfaceForms).toEqual(expect.arrayContaining(['Łukaszence', 'Łukaszenką', 'Łukaszenka']));
    expect(lukashenko?.count).toBe(5);
    expect(byName(polish, 'Belarus')?.surfaceForms).toEqual(expect.arrayContaining(['Białorusi', 'Białoruś']));
    expect(byName(polish, 'Russia')?.surfaceForms).toEqual(['Rosji']);
  });

  it('gives CSTO, its full English name, ODKB and the Polish full name one id', () => {
    const english = byName(results[1] ?? [], 'Collective Security Treaty Organization');
    const polish = byName(results[3] ?? [], 'Collective Security Treaty Organization');
    expect(english?.id).toBe('org:csto');
    expect(polish?.id).toBe('org:csto');
    expect(english?.surfaceForms).toEqual(expect.arrayContaining(['CSTO', 'Collective Security Treaty Organization']));
    expect(polish?.surfaceForms).toEqual(expect.arrayContaining(['ODKB', 'Organizacji Traktatu o Bezpieczeństwie Zbiorowym']));
  });

  it('links Minsk, Moscow (Mosca) and the Kremlin (Cremlino, Kreml) across languages', () => {
    const [italian = [], english = [], english2 = [], polish = []] = results;
    expect(byName(italian, 'Moscow')).toMatchObject({ kind: 'place', subtype: 'city', surfaceForms: ['Mosca'], count: 2 });
    expect(byName(english, 'Minsk')).toMatchObject({ kind: 'place', subtype: 'city' });
    expect(byName(english2, 'Minsk')?.id).toBe(byName(english, 'Minsk')?.id);
    const kremlin = [italian, english, english2, polish].map((m) => byName(m, 'Kremlin'));
    expect(kremlin.map((k) => k?.id)).toEqual(['org:kremlin', 'org:kremlin', 'org:kremlin', 'org:kremlin']);
    expect(kremlin[0]?.surfaceForms).toEqual(['Cremlino']);
    expect(kremlin[3]?.surfaceForms).toEqual(['Kreml']);
  });

  it('links Tsikhanouskaya and Tikhanovskaya to one person', () => {
    const [italian = [], english = [], english2 = []] = results;
    for (const mentions of [italian, english, english2]) {
      expect(ids(mentions)).toContain('person:sviatlana-tsikhanouskaya');
    }
    expect(byName(english2, 'Sviatlana Tsikhanouskaya')?.surfaceForms).toEqual(['Sviatlana Tsikhanouskaya']);
    expect(byName(italian, 'Sviatlana Tsikhanouskaya')?.surfaceForms).toEqual(['Svetlana Tikhanovskaya']);
  });

  it('finds Lithuania, Poland, NATO, the EU, the United States and Mike Pompeo in the third seed', () => {
    const mentions = results[2] ?? [];
    expect(byName(mentions, 'Lithuania')).toMatchObject({ id: 'Q37', subtype: 'country', count: 2 });
    expect(byName(mentions, 'Poland')).toMatchObject({ id: 'Q36', subtype: 'country' });
    expect(byName(mentions, 'NATO')?.kind).toBe('organisation');
    expect(byName(mentions, 'European Union')).toMatchObject({ id: 'Q458', kind: 'organisation' });
    expect(byName(mentions, 'United States')?.id).toBe('Q30');
    expect(byName(mentions, 'Mike Pompeo')?.id).toBe('person:mike-pompeo');
  });

  it('marks mentions in the title and counts title and text together', () => {
    const english = results[1] ?? [];
    // The first line of the seed is its title here.
    expect(byName(english, 'Belarus')?.inTitle).toBe(true);
    expect(byName(english, 'Minsk')?.inTitle).toBe(false);
    expect(byName(english, 'Belarus')?.count).toBe(8);
  });

  it('takes no common word for a city: Baza, Jawne, Independence (Square), August', () => {
    const all = results.flat();
    const places = all.filter((m) => m.kind === 'place').flatMap((m) => m.surfaceForms);
    for (const word of ['Baza', 'Jawne', 'Independence', 'August', 'Square']) expect(places).not.toContain(word);
  });

  it('lets a person name win over a city that is also a first name', () => {
    const english = results[1] ?? [];
    expect(english.filter((m) => m.surfaceForms.includes('Vladimir'))).toEqual([]);
    const mentions = extractor.extract({
      title: 'Protest in Minsk',
      text: 'Police detained Sofia Sapega and Roman Protasevich after the flight landed in Minsk. Sapega is a student.',
      language: 'en',
    });
    const sofia = byName(extractor.extract({ title: '', text: 'She flew to Sofia.', language: 'en' }), 'Sofia');
    expect(sofia?.subtype).toBe('city');
    expect(ids(mentions)).not.toContain(sofia?.id);
    expect(byName(mentions, 'Sofia Sapega')).toMatchObject({ id: 'person:s-sbg', kind: 'person', count: 2, surfaceForms: ['Sofia Sapega', 'Sapega'] });
    expect(ids(mentions)).toContain('person:rmn-brts');
  });

  it('needs capitals for acronyms: the Italian article "un" is not the UN', () => {
    const mentions = extractor.extract({ title: 'Un incontro', text: 'Hanno deciso di tenere un incontro. Lo ha detto un portavoce dell’ONU.', language: 'it' });
    expect(mentions.filter((m) => m.id === 'org:united-nations').map((m) => m.surfaceForms)).toEqual([['ONU']]);
  });

  it('gives an unknown person the same id in Cyrillic, in English and in declined Polish, and keeps ministries out', () => {
    const russian = extractor.extract({ title: '', text: 'Блогер Сергей Тихановский задержан.', language: 'ru' });
    const english = extractor.extract({ title: '', text: 'The blogger Sergei Tikhanovsky was detained.', language: 'en' });
    const polish = extractor.extract({ title: '', text: 'Zatrzymano Jana Kowalskiego. Jan Kowalski był blogerem, a Kowalskiego znali wszyscy. Ministerstwo Spraw Wewnętrznych milczy.', language: 'pl' });
    const person = (m: EntityMention[]): string[] => m.filter((e) => e.kind === 'person').map((e) => e.id);
    expect(person(russian)).toEqual(person(english));
    expect(person(english)).toEqual(['person:srg-tnsk']);
    expect(polish.filter((e) => e.kind === 'person')).toEqual([
      expect.objectContaining({ id: 'person:jn-klsk', count: 3, surfaceForms: ['Jana Kowalskiego', 'Jan Kowalski', 'Kowalskiego'] }),
    ]);
  });

  it('gives a person no table knows one id in English, declined Polish, Russian, Arabic and French text', () => {
    const articles = [
      ['On Monday, Taras Vorobkin said the talks would continue. Vorobkin left.', 'en'],
      ['W poniedziałek Taras Worobkin powiedział, że rozmowy z Tarasem Worobkinem trwają.', 'pl'],
      ['В понедельник Тарас Воробкин заявил, что переговоры продолжатся.', 'ru'],
      ['وقال الرئيس تاراس فوروبكين إن المحادثات ستستمر.', 'ar'],
      ['Lundi, Taras Vorobkine a déclaré que les discussions continueraient.', 'fr'],
    ] as const;
    const people = articles.map(([text, language]) => extractor.extract({ title: '', text, language }).filter((m) => m.kind === 'person'));
    expect(people.map((p) => p.map((m) => m.id))).toEqual(articles.map(() => ['person:trs-frbkn']));
    // The displayed name and the surface forms stay as written.
    expect(people[1]?.[0]).toMatchObject({ name: 'Taras Worobkin', surfaceForms: ['Taras Worobkin', 'Tarasem Worobkinem'] });
    const other = extractor.extract({ title: '', text: 'On Monday, Boris Sorokin said the talks would continue.', language: 'en' });
    expect(other.map((m) => m.id)).toEqual([unknownPersonId('Boris Sorokin')]);
    expect(unknownPersonId('Boris Sorokin')).not.toBe('person:trs-frbkn');
  });

  it('loads its gazetteers once and reports what it loaded', () => {
    expect(extractor.stats.entities).toBeGreaterThan(5000);
    expect(extractor.stats.lemmatizerLanguages).toEqual(['pl', 'it', 'en', 'fr', 'tr', 'de', 'es', 'ru']);
  });
});

describe('createEntityExtractor on husband and wife', () => {
  it('keeps Tikhanovsky and Tikhanovskaya apart, with the gazetteers loaded once per process', async () => {
    const extractor = await createEntityExtractor();
    expect(await createEntityExtractor({})).toBe(extractor);
    const mentions = extractor.extract({
      title: '',
      text: 'Svetlana Tikhanovskaya ran after her husband Sergei Tikhanovsky was jailed. Tikhanovsky is a blogger.',
      language: 'en',
    });
    expect(mentions.map((m) => [m.id, m.count])).toEqual([
      ['person:srg-tnsk', 2],
      ['person:sviatlana-tsikhanouskaya', 1],
    ]);
  });
});

describe('createEntityExtractor guards and unknown organisations', () => {
  let extractor: EntityExtractor;
  beforeAll(async () => {
    extractor = await createEntityExtractor();
  });

  it('does not take a place inside a longer name for the place', () => {
    const mentions = extractor.extract({
      title: '',
      text: 'The Davis Cup final was played in Madrid. Kepa left Athletic Bilbao for London, and the Los Angeles Times reported it.',
      language: 'en',
    });
    const places = mentions.filter((m) => m.kind === 'place').map((m) => m.name);
    expect(places).toEqual(expect.arrayContaining(['Madrid', 'London']));
    expect(places).not.toContain('Bilbao');
    expect(places).not.toContain('Los Angeles');
    expect(places.some((p) => p.startsWith('Davis'))).toBe(false);
  });

  it('keeps a place after a capitalised word that opens the sentence, in a language without a stop-word list', () => {
    const mentions = extractor.extract({ title: '', text: 'Στην Αθήνα μίλησε ο πρωθυπουργός.', language: 'el' });
    expect(mentions.map((m) => [m.name, m.surfaceForms])).toEqual([['Athens', ['Αθήνα']]]);
  });

  it('returns nothing for empty or odd input', () => {
    expect(extractor.extract({ title: '', text: '', language: 'und' })).toEqual([]);
    expect(extractor.extract({ title: '🙂', text: '\u0000\u200b', language: 'xx-YY' })).toEqual([]);
  });

  it('finds Arabic places behind their conjunction, preposition and article, and not in ordinary words', () => {
    const mentions = extractor.extract({ title: '', text: 'وكان الرئيس في طهران والعراق وبسوريا أمس.', language: 'ar' });
    const ids = mentions.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['Q796', 'geonames:112931']));
    expect(mentions.map((m) => m.name)).not.toContain('Cannes');
  });

  it('finds an organisation the gazetteers lack by its head word and gives it the id unknownOrganisationId gives', () => {
    const english = extractor.extract({ title: '', text: 'Flights were cut by Brussels Airlines, said the National Association of Realtors.', language: 'en' });
    expect(english.filter((m) => m.kind === 'organisation').map((m) => m.id)).toEqual([
      unknownOrganisationId('Brussels Airlines'),
      unknownOrganisationId('National Association of Realtors'),
    ]);
    const turkish = extractor.extract({ title: '', text: "Türkiye Güreş Federasyonundan yapılan açıklamaya göre takım Roma'ya gitti.", language: 'tr' });
    expect(turkish.map((m) => m.id)).toEqual(expect.arrayContaining(['org:turkiye-gures-federasyon', 'Q43']));
    expect(turkish.filter((m) => m.kind === 'person')).toEqual([]);
  });

  it('does not read titles and organisation names as people', () => {
    const mentions = extractor.extract({
      title: '',
      text: 'Senator Dino Melaye spoke. Later Melaye left. NAR Başekonomisti Lawrence Yun konuştu.',
      language: 'en',
    });
    expect(mentions.filter((m) => m.kind === 'person').map((m) => [m.id, m.count])).toEqual([
      [unknownPersonId('Dino Melaye'), 2],
      [unknownPersonId('Lawrence Yun'), 1],
    ]);
  });
});

describe('createEntityExtractor without capitals (Arabic) and with other cues', () => {
  let extractor: EntityExtractor;
  beforeAll(async () => {
    extractor = await createEntityExtractor();
  });
  const kinds = (mentions: EntityMention[], kind: string): string[] => mentions.filter((m) => m.kind === kind).map((m) => m.id);

  it('finds Arabic people after a title, a byline, a speech verb or a common given name, with the id unknownPersonId gives', () => {
    const mentions = extractor.extract({
      title: '',
      text: 'كتب: سامي فهمي\n\nوقال اللواء دكتور كريم يوسف مدير الأمن إن الحادث وقع أمس. وأضاف حسن عبد الله أن التحقيق مستمر، بينما التقى أحمد منصور بالسفير.',
      language: 'ar',
    });
    expect(kinds(mentions, 'person')).toEqual(
      expect.arrayContaining(['سامي فهمي', 'كريم يوسف', 'حسن عبد الله', 'أحمد منصور'].map((name) => unknownPersonId(name, 'ar'))),
    );
    expect(kinds(mentions, 'person')).toHaveLength(4);
  });

  it('takes a foreign first name written with a hamza on its alef (no article) and links it to its Latin spelling', () => {
    const arabic = extractor.extract({ title: '', text: 'وقال الرئيس ألكسندر فولكوف إن المحادثات ستستمر.', language: 'ar' });
    const english = extractor.extract({ title: '', text: 'On Monday, Alexander Volkov said the talks would continue.', language: 'en' });
    expect(kinds(arabic, 'person')).toEqual(kinds(english, 'person'));
    expect(kinds(english, 'person')).toEqual(['person:alksntr-flk']);
  });

  it('does not take a title with its adjective, a pronoun or a word with the article for a name', () => {
    const mentions = extractor.extract({ title: '', text: 'قال الرئيس الفرنسي إن الوزير السابق أشرف عليها، وأكدت الداخلية ذلك.', language: 'ar' });
    expect(kinds(mentions, 'person')).toEqual([]);
  });

  it('finds Arabic organisations by their head word and genitive phrase, and quoted media names', () => {
    const mentions = extractor.extract({
      title: '',
      text: 'أعلنت وزارة الصحة والسكان ومنظمة الطيران المدني الإيرانية عن خطة، وفق ما نقلت قناة "النهار اليوم" و"روسيا اليوم".',
      language: 'ar',
    });
    expect(kinds(mentions, 'organisation')).toEqual(
      expect.arrayContaining([unknownOrganisationId('وزارة الصحة والسكان'), unknownOrganisationId('منظمة الطيران المدني الإيرانية'), unknownOrganisationId('النهار اليوم')]),
    );
    const dar = extractor.extract({ title: '', text: 'وأصدرت دار الإفتاء المصرية بيانا اليوم.', language: 'ar' });
    expect(kinds(dar, 'organisation')).toEqual([unknownOrganisationId('دار الإفتاء المصرية')]);
  });

  it('takes a bracketed acronym as the organisation named before it, and an acronym after an article when repeated', () => {
    const turkish = extractor.extract({ title: '', text: "Konya Ticaret ve Sanayi Odası'nda (KTSO) toplantı yapıldı. KTSO açıklama yaptı.", language: 'tr' });
    const chamber = turkish.find((m) => m.surfaceForms.includes('KTSO'));
    expect(chamber?.id).toBe(unknownOrganisationId('Konya Ticaret ve Sanayi Odası'));
    const french = extractor.extract({ title: '', text: 'La grève de la SNXF continue. Les usagers de la SNXF attendent, a dit un SDF.', language: 'fr' });
    expect(kinds(french, 'organisation')).toEqual(['org:snxf']);
  });

  it('finds lower-case French ministries, Turkish names that are also words after a cue (not an event), and a surname after a title', () => {
    const french = extractor.extract({ title: '', text: "Le ministère de la Santé et des Solidarités a écrit au docteur Lavergnat.", language: 'fr' });
    expect(french.map((m) => m.id)).toEqual(expect.arrayContaining([unknownOrganisationId('ministère de la Santé et des Solidarités'), 'person:lrgnt']));
    const turkish = extractor.extract({ title: '', text: 'Toplantıya Vali Yüksel Yiğit katıldı. Takımda Aslı Tuğcu (53 kilo) var. Kadınlar Günü kutlandı.', language: 'tr' });
    expect(kinds(turkish, 'person')).toEqual([unknownPersonId('Yüksel Yiğit'), unknownPersonId('Aslı Tuğcu')]);
  });

  it('reads a city and a plural nickname as a team, not as the city', () => {
    const mentions = extractor.extract({ title: '', text: 'The Denver Broncos beat the Chicago Bears in Chicago.', language: 'en' });
    expect(mentions.map((m) => m.id)).toEqual(expect.arrayContaining(['org:denver-broncos', 'org:chicago-bears']));
    expect(mentions.find((m) => m.kind === 'place')?.surfaceForms).toEqual(['Chicago']);
  });

  it('reads one capitalised word ending in spor as a Turkish sports club, and the lower-case word spor as nothing', () => {
    const mentions = extractor.extract({ title: '', text: 'Dün akşam Yenikentspor, deplasmanda Ovacıkspor ile berabere kaldı. Her gün spor yapıyor.', language: 'tr' });
    expect(mentions.map((m) => [m.id, m.kind])).toEqual([
      ['org:yenikentspor', 'organisation'],
      ['org:ovacikspor', 'organisation'],
    ]);
  });
});

describe('createEntityExtractor on organisation names with a genitive', () => {
  it('runs an organisation name over `of` and a place, and over a later head word, but not over `and` and a place', async () => {
    const extractor = await createEntityExtractor();
    const english = extractor.extract({ title: '', text: 'The Peace Academy of Chile and the Department of Social Services in Boston met.', language: 'en' });
    expect(english.map((m) => m.id)).toEqual(expect.arrayContaining([unknownOrganisationId('Peace Academy of Chile'), unknownOrganisationId('Department of Social Services'), 'Q298']));
    const turkish = extractor.extract({ title: '', text: 'Gediz Elektrik Perakende ve İzmir valiliği açıklama yaptı.', language: 'tr' });
    expect(turkish.map((m) => m.id)).not.toContain(unknownOrganisationId('Gediz Elektrik Perakende ve İzmir'));
  });

  it('does not read an Arabic head word with the article as the head of a construct chain', async () => {
    const extractor = await createEntityExtractor();
    const mentions = extractor.extract({ title: '', text: 'وصل تقرير من المكتب التابع للوزارة بسفارة مصر في الرياض.', language: 'ar' });
    expect(mentions.filter((m) => m.kind === 'organisation')).toEqual([]);
  });
});
