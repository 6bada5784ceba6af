import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from './similarity.ts';

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

const call =
  'Russian President Vladimir Putin and Belarusian President Alexander Lukashenko spoke by telephone on Sunday. ' +
  'Putin confirmed that Russia is ready to help Belarus through the Collective Security Treaty Organization, the Kremlin said.';
const callAgain =
  'The Kremlin said Vladimir Putin told Alexander Lukashenko in a telephone call on Sunday that Russia was ready to provide ' +
  'help to Belarus under the Collective Security Treaty Organization if necessary.';
const flood =
  'Heavy rain flooded the streets of Istanbul on Tuesday. Ferries stopped running and the governor asked residents to stay at home ' +
  'while firefighters pumped water out of basements.';

// Loading lemmatisers and pivot lexicons takes tens of seconds on a loaded 2-core machine.
describe('newsflow similarity', { timeout: 180_000 }, () => {
  it('writes one line per pair with a score, a decision and evidence, and reports bad lines', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    stdin.end(
      [
        JSON.stringify({ id: 'same', title1: 'Putin offers help', text1: call, title2: 'Kremlin: Russia ready to help', text2: callAgain }),
        JSON.stringify({ id: 'different', text1: call, text2: flood, published1: '2020-08-16T10:00:00Z', published2: '2020-08-18T10:00:00Z' }),
        '{not json',
        JSON.stringify({ id: 'half', text1: call }),
      ].join('\n'),
    );
    const code = await run([], { stdin, stdout, stderr });
    const lines = out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(code).toBe(1);
    expect(lines).toHaveLength(4);
    const [same, different, bad, half] = lines as [Record<string, any>, Record<string, any>, Record<string, any>, Record<string, any>];
    expect(same['id']).toBe('same');
    expect(same['score']).toBeGreaterThan(different['score']);
    expect(same['same']).toBe(true);
    expect(different['same']).toBe(false);
    expect(same['evidence'].sharedEntities.map((e: { name: string }) => e.name)).toContain('Vladimir Putin');
    expect(same['languages']).toEqual(['en', 'en']);
    expect(bad['error']).toBe('invalid JSON');
    expect(half['error']).toMatch(/text2/);
    expect(err()).toMatch(/line 3: invalid JSON/);
  });

  it('counts an article repeated on several lines once in the document frequencies', async () => {
    const scoreOf = async (lines: object[]): Promise<number[]> => {
      const stdin = new PassThrough();
      const stdout = new PassThrough();
      const out = collect(stdout);
      stdin.end(lines.map((l) => JSON.stringify(l)).join('\n'));
      expect(await run([], { stdin, stdout, stderr: new PassThrough() })).toBe(0);
      return out().trim().split('\n').map((l) => (JSON.parse(l) as { score: number }).score);
    };
    const pair = { text1: call, text2: callAgain };
    const once = await scoreOf([pair, { text1: flood, text2: call }]);
    // The same two articles again on further lines: were they counted again, their shared words would look
    // commoner (lower IDF) and the pair would score lower.
    const thrice = await scoreOf([pair, { text1: flood, text2: call }, pair, { text1: callAgain, text2: call }]);
    expect(thrice).toHaveLength(4);
    expect(thrice[0]).toBe(once[0]);
    expect(thrice[1]).toBe(once[1]);
    expect(thrice[2]).toBe(once[0]);
  });

  it('refuses a threshold outside 0..1', async () => {
    const stderr = new PassThrough();
    const err = collect(stderr);
    const code = await run(['--threshold', '2'], { stdin: new PassThrough(), stdout: new PassThrough(), stderr });
    expect(code).toBe(2);
    expect(err()).toMatch(/threshold/);
  });
});
