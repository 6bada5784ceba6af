import { describe, expect, it } from 'vitest';
import { isCreditLine, isDateLine, isFurnitureLine, isKeywordList } from './line-rules.ts';

describe('isCreditLine', () => {
  it('recognises picture and source credits in several languages', () => {
    expect(isCreditLine('Photo: Reuters')).toBe(true);
    expect(isCreditLine('Foto: dpa/Michael Kappeler')).toBe(true);
    expect(isCreditLine('Źródło: Fot. PAP/EPA/ALEXEI NIKOLSKY / SPUTNIK / KREM')).toBe(true);
    expect(isCreditLine('Фото: ТАСС')).toBe(true);
    expect(isCreditLine('AP/REUTERS/GETTY IMAGES')).toBe(true);
  });

  it('leaves sentences that merely mention photos alone', () => {
    expect(isCreditLine('Photographers gathered outside the Kremlin on Sunday.')).toBe(false);
    expect(isCreditLine('Sources said the talks would continue.')).toBe(false);
  });
});

describe('furniture lines', () => {
  it('recognises date stamps', () => {
    expect(isDateLine('Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM')).toBe(true);
    expect(isDateLine('Published 4:00 am CST, Wednesday, November 20, 2019')).toBe(true);
    expect(isDateLine('18 NOV 2019')).toBe(true);
    expect(isDateLine('PUBLISHED: 10:48, Tue, Nov 19, 2019')).toBe(true);
    expect(isDateLine('segunda-feira, 22 de janeiro de 2018 às 0:13')).toBe(true);
    expect(isDateLine('On Nov 19 the council met again to discuss the bridge.')).toBe(false);
    expect(isDateLine('The 2019 budget set aside 40 million for 12 bridges.')).toBe(false);
  });

  it('recognises credits and caption labels', () => {
    expect(isFurnitureLine('Photo: Ringo H.W. Chiu, AP')).toBe(true);
    expect(isFurnitureLine('Image copyright Getty Images')).toBe(true);
    expect(isFurnitureLine('The photographer waited for hours.')).toBe(false);
  });

  it('recognises bylines left in the text, but not sentences that start with "By"', () => {
    expect(isFurnitureLine('By Justine Coleman -')).toBe(true);
    expect(isFurnitureLine('Przez Jan Kowalski | PAP')).toBe(true);
    expect(isFurnitureLine('By Monday the bridge was closed.')).toBe(false);
    expect(isFurnitureLine('By the end of the year, repairs will be complete.')).toBe(false);
  });
});

describe('isKeywordList', () => {
  it('recognises a list of short keywords, with or without a trailing comma', () => {
    expect(isKeywordList('Haberler, son dakika, gündem, siyaset, ekonomi, spor, magazin, ')).toBe(true);
    expect(isKeywordList('أخبار، سياسة، اقتصاد، رياضة، فن، ثقافة')).toBe(true);
  });

  it('leaves headlines alone, commas and all', () => {
    expect(isKeywordList('Putin, Lukashenko talk by phone, agree to meet')).toBe(false);
    expect(isKeywordList('BİM, A101, ŞOK, Migros marketler saat kaçta açılıyor, kaça kadar açık?')).toBe(false);
    expect(isKeywordList('Present were Anna Nowak, Jan Kowal, Ewa Lis, Piotr Zając, Maria Wójcik and Adam Mazur.')).toBe(false);
  });
});
