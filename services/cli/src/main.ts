#!/usr/bin/env -S npx tsx
import type { Command, CommandIo } from './io.ts';

/** Each command in its own module, loaded only when used (the language model is large). */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  replay: { summary: 'replay files through all five queues and print the events', load: () => import('./commands/replay.ts') },
  start: { summary: 'run every worker, the feed scheduler and the dashboard', load: () => import('./commands/start.ts') },
  events: { summary: 'print the events in the store', load: () => import('./commands/events.ts') },
  feeds: { summary: 'add, list, remove or import feeds', load: () => import('./commands/feeds.ts') },
  fetch: { summary: 'run the fetch stage once on a URL', load: () => import('./commands/fetch.ts') },
  extract: { summary: 'run the clean stage on a file (.html, .txt)', load: () => import('./commands/extract.ts') },
  language: { summary: 'detect the language of texts read from stdin, one per line', load: () => import('./commands/language.ts') },
  entities: { summary: 'extract linked entities from a file', load: () => import('./commands/entities.ts') },
  similarity: { summary: 'score pairs of texts as same event or not', load: () => import('./commands/similarity.ts') },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'usage: newsflow <command> [options]',
    '',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
  ].join('\n');
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`newsflow: unknown command '${name}'\n${help()}\n`);
    return 2;
  }
  const { run } = await command.load();
  return run(args, io);
}

// A closed pipe (`newsflow events | head`): stop writing, but let the command finish and clean up.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.stdout.write = () => true;
});

const io: CommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`newsflow: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
