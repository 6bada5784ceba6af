import { createInterface } from 'node:readline';

/** Lines of a stream, without the trailing newline; blank lines skipped. */
export async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield line;
}

/** JSON objects, one per line. */
export async function* readJsonl(stream: NodeJS.ReadableStream): AsyncGenerator<Record<string, unknown>> {
  for await (const line of readLines(stream)) yield JSON.parse(line) as Record<string, unknown>;
}
