import type { EventView } from '@newsflow/contracts/documents';

function quote(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
}

/** An event for people: its articles and, for each, why it belongs. */
export function formatEvent(event: EventView): string {
  const lines = [
    `Event ${event.id}  ${quote(event.title)}`,
    `  languages: ${event.languages.join(', ') || 'und'}   articles: ${event.articles.length}` +
      `   ${event.firstSeen.slice(0, 10)} … ${event.lastSeen.slice(0, 10)}` +
      (event.storylineId ? `   storyline: ${event.storylineId}` : ''),
    `  top entities: ${event.entities.slice(0, 8).map((e) => `${e.name} (${e.kind}, ${e.id})`).join('; ') || 'none'}`,
  ];
  for (const article of event.articles) {
    const evidence = article.evidence;
    const why =
      evidence.matchedItemId === undefined
        ? evidence.reason
        : `${evidence.reason}, score ${evidence.score.toFixed(2)} with ${event.articles.find((a) => a.itemId === evidence.matchedItemId)?.sourceId ?? evidence.matchedItemId}` +
          (evidence.sharedEntities.length ? `; shared entities: ${evidence.sharedEntities.map((e) => e.name).join(', ')}` : '') +
          (evidence.sharedTerms.length ? `; shared terms: ${evidence.sharedTerms.slice(0, 8).join(', ')}` : '');
    lines.push(`  - ${article.sourceId} [${article.language}] ${quote(article.title, 70)}`);
    lines.push(`      ${why}`);
  }
  const merges = event.evidence.filter((entry) => entry.kind === 'merge');
  for (const merge of merges) lines.push(`  merged: ${merge.reason} (score ${merge.score.toFixed(2)})`);
  return lines.join('\n');
}
