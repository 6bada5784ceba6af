import { resolve } from 'node:path';
import { clean } from '@newsflow/clean/clean';
import { createEntityExtractor } from '@newsflow/entities/extractor';
import { createLanguageDetector } from '@newsflow/language/detector';
import { parseArgs, writeLine, type CommandIo } from '../io.ts';
import { readJsonl } from '../jsonl.ts';
import { rawFromFile } from './extract.ts';

/**
 * `newsflow entities FILE`: clean → language → entities on one file; prints the entities with
 * ids, kinds and surface forms. `--jsonl`: lines `{"text", "title"?, "language"?}` on stdin.
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const { flags, positionals } = parseArgs(args);
  const [extractor, detector] = await Promise.all([createEntityExtractor(), createLanguageDetector()]);
  if (flags.has('jsonl')) {
    for await (const record of readJsonl(io.stdin)) {
      const text = typeof record['text'] === 'string' ? record['text'] : '';
      const title = typeof record['title'] === 'string' ? record['title'] : '';
      const language = typeof record['language'] === 'string' ? record['language'] : detector.detect({ title, text }).language;
      writeLine(io.stdout, JSON.stringify({ language, entities: extractor.extract({ title, text, language }) }));
    }
    return 0;
  }
  const path = positionals[0];
  if (!path) {
    writeLine(io.stderr, 'usage: newsflow entities FILE | --jsonl < lines');
    return 2;
  }
  const input = await rawFromFile(resolve(io.cwd, path));
  const document = await clean(input.raw, input.body);
  const { language } = detector.detect({ title: document.title, text: document.text });
  const entities = extractor.extract({ title: document.title, text: document.text, language });
  writeLine(io.stdout, JSON.stringify({ sourceId: input.raw.sourceId, language, entities }, null, 2));
  return 0;
}
