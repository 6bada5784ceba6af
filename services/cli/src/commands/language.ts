import { createLanguageDetector } from '@newsflow/language/detector';
import { parseArgs, writeLine, type CommandIo } from '../io.ts';
import { readJsonl, readLines } from '../jsonl.ts';

/**
 * `newsflow language`: texts on stdin, one per line → one JSON result per line.
 * With `--jsonl`, lines are objects `{"text": …, "title"?: …}` (an article: title and text).
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const { flags } = parseArgs(args);
  const detector = await createLanguageDetector();
  if (flags.has('jsonl')) {
    for await (const record of readJsonl(io.stdin)) {
      const text = typeof record['text'] === 'string' ? record['text'] : '';
      const title = typeof record['title'] === 'string' ? record['title'] : '';
      writeLine(io.stdout, JSON.stringify(detector.detect({ title, text })));
    }
    return 0;
  }
  for await (const line of readLines(io.stdin)) writeLine(io.stdout, JSON.stringify(detector.detectText(line)));
  return 0;
}
