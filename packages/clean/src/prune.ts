/**
 * Post-processing of Readability's article: what it keeps that is not article text. Each rule is
 * general (no site names) and was kept only if it raised F1 on the extraction benchmark; the eval
 * script can switch rules off one by one (`pnpm eval:extract --rules …`).
 */
import { isFurnitureLine } from './line-rules.ts';

export const PRUNE_RULES = [
  'captions',
  'class-furniture',
  'link-lists',
  'furniture-lines',
  'link-blocks',
  'label-lines',
] as const;
export type PruneRule = (typeof PRUNE_RULES)[number];
export const DEFAULT_PRUNE_RULES: readonly PruneRule[] = PRUNE_RULES;

const CAPTION_CLASS = /(?:^|[\s_-])(?:caption|credit|credits|copyright|photo-?credit|image-?credit|wp-caption-text)(?:$|[\s_-])/i;

const FURNITURE_CLASS =
  /(?:^|[\s_-])(?:share|sharing|social|newsletter|subscribe|subscription|signup|promo|byline|author|timestamp|dateline|date|meta|toolbar|print|advert|ads|sponsored|read-?more|more-?stories|recommended)(?:$|[\s_-])/i;

function wordsIn(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

function linkDensity(element: Element): number {
  const total = (element.textContent ?? '').replace(/\s+/g, '').length;
  if (total === 0) return 0;
  let linked = 0;
  for (const link of element.querySelectorAll('a')) linked += (link.textContent ?? '').replace(/\s+/g, '').length;
  return linked / total;
}

/** Remove what is not article text from Readability's article element, in place. */
export function pruneArticle(root: Element, rules: ReadonlySet<PruneRule>): void {
  if (rules.has('captions')) {
    // Captions and picture credits: the benchmark's annotators (and readers) skip them.
    for (const element of [...root.querySelectorAll('figcaption, figure')]) element.remove();
    for (const element of [...root.querySelectorAll('[class], [id]')]) {
      const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
      if (CAPTION_CLASS.test(names) && wordsIn(element.textContent ?? '') < 60) element.remove();
    }
  }
  if (rules.has('class-furniture')) {
    // Blocks named for page furniture: share bars, newsletter sign-ups, tags, bylines, timestamps.
    for (const element of [...root.querySelectorAll('[class], [id]')]) {
      const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
      if (FURNITURE_CLASS.test(names) && wordsIn(element.textContent ?? '') < 40) element.remove();
    }
  }
  if (rules.has('link-blocks')) {
    // A block that is nothing but a link: a teaser for another story.
    for (const element of [...root.querySelectorAll('p, li, h2, h3, h4, h5, h6')]) {
      const words = wordsIn(element.textContent ?? '');
      if (words > 0 && words < 25 && linkDensity(element) >= 0.9) element.remove();
    }
  }
  if (rules.has('link-lists')) {
    // Lists whose items are mostly links: related stories, tags, navigation.
    for (const list of [...root.querySelectorAll('ul, ol')]) {
      if (list.querySelectorAll('li').length >= 2 && linkDensity(list) >= 0.6) list.remove();
    }
  }
}

/** Gallery counters: "Image 1 of 9", "1 of 6", "Image 1 of / 23". */
const COUNTER_LINE = /^(?:image|photo|picture|slide|foto|bild|zdjęcie)?\s*\d+\s*(?:of|\/|z|von|di|de)\s*\/?\s*\d+$/iu;
/** "Read more: …", "Related: …", "SEE MORE: …", "Leggi anche: …", "Czytaj także: …". */
const LABEL_LINE =
  /^(?:read more|read also|see more|see also|more|related|also|watch|listen|don't miss|leggi anche|lesen sie auch|mehr zum thema|czytaj także|czytaj też|zobacz też|zobacz także|lire aussi|à lire aussi|leia também|lea también|читайте также|смотрите также)\s*[:|»>-]/iu;

export function filterLines(text: string, rules: ReadonlySet<PruneRule>): string {
  let lines = text.split('\n');
  if (rules.has('furniture-lines')) {
    lines = lines.filter((line) => !isFurnitureLine(line) && !COUNTER_LINE.test(line) && /[\p{L}\p{N}]/u.test(line));
  }
  if (rules.has('label-lines')) lines = lines.filter((line) => !LABEL_LINE.test(line));
  return lines.join('\n');
}
