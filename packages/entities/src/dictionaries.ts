/**
 * Hunspell dictionaries the entities stage adds to those @newsflow/lexicon bundles (pl, it, en), so that
 * common words are recognised (and names lemmatised) in more of the languages news arrives in.
 * All are npm packages (wooorm/dictionaries), UTF-8, installed with pnpm; nothing is fetched at run time.
 */
type Dictionary = { aff: Uint8Array; dic: Uint8Array };

export const EXTRA_DICTIONARIES: Readonly<Record<string, () => Promise<Dictionary>>> = {
  fr: async () => (await import('dictionary-fr')).default,
  tr: async () => (await import('dictionary-tr')).default,
  de: async () => (await import('dictionary-de')).default,
  es: async () => (await import('dictionary-es')).default,
  ru: async () => (await import('dictionary-ru')).default,
};
