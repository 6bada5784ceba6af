import { mkdtemp, mkdir, writeFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '@newsflow/contracts/errors';
import { itemIdFor } from '@newsflow/contracts/ids';
import type { FetchPayload } from '@newsflow/contracts/payloads';
import { createFetcher } from './fetch-source.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nf-fetch-file-'));
  await writeFile(join(dir, 'page.html'), '<p>Witaj świecie</p>');
  await writeFile(join(dir, 'page.HTM'), '<p>upper-case extension</p>');
  await writeFile(join(dir, 'note.txt'), '<html>looks like html but .txt decides</html>');
  await writeFile(join(dir, 'article'), '<!DOCTYPE html><html><body>sniffed</body></html>');
  await writeFile(join(dir, 'feed.xml'), '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>');
  await writeFile(join(dir, 'notes'), 'Plain words without markup.\n');
  await writeFile(join(dir, 'latin2.txt'), Buffer.from([0x50, 0xb3, 0xf3, 0x64, 0xbc])); // "Płódź" in ISO-8859-2
  await writeFile(join(dir, 'image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  await writeFile(join(dir, 'big.txt'), Buffer.alloc(2048, 0x61));
  await mkdir(join(dir, 'folder.html'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function filePayload(path: string): FetchPayload {
  const source = { kind: 'file' as const, path };
  return { itemId: itemIdFor(source), sourceId: path, source };
}

describe('file sources', () => {
  const fetcher = () => createFetcher({ contactUrl: 'https://example.org/bot', maxBytes: 1024, now: () => new Date('2026-11-23T12:00:00Z') });

  it('reads an .html file as text/html, bytes untouched, with a file:// final URL', async () => {
    const payload = filePayload(join(dir, 'page.html'));
    const outcome = await fetcher().fetchSource(payload);
    expect(outcome.kind).toBe('document');
    if (outcome.kind !== 'document') return;
    expect(outcome.raw).toEqual({
      itemId: payload.itemId,
      sourceId: payload.sourceId,
      source: payload.source,
      finalUrl: `file://${join(dir, 'page.html')}`,
      status: 200,
      contentType: 'text/html',
      fetchedAt: '2026-11-23T12:00:00.000Z',
      byteLength: Buffer.byteLength('<p>Witaj świecie</p>'),
    });
    expect(Buffer.from(outcome.body).toString('utf8')).toBe('<p>Witaj świecie</p>');
  });

  it('treats .htm in any case as HTML and .txt as plain text whatever it contains', async () => {
    const htm = await fetcher().fetchSource(filePayload(join(dir, 'page.HTM')));
    const txt = await fetcher().fetchSource(filePayload(join(dir, 'note.txt')));
    expect(htm.kind === 'document' && htm.raw.contentType).toBe('text/html');
    expect(txt.kind === 'document' && txt.raw.contentType).toBe('text/plain');
  });

  it('sniffs files without a known extension: HTML, RSS and plain text', async () => {
    const html = await fetcher().fetchSource(filePayload(join(dir, 'article')));
    const rss = await fetcher().fetchSource(filePayload(join(dir, 'feed.xml')));
    const text = await fetcher().fetchSource(filePayload(join(dir, 'notes')));
    expect(html.kind === 'document' && html.raw.contentType).toBe('text/html');
    expect(rss.kind === 'document' && rss.raw.contentType).toBe('application/rss+xml');
    expect(text.kind === 'document' && text.raw.contentType).toBe('text/plain');
  });

  it('passes non-UTF-8 bytes through undecoded and declares no charset', async () => {
    const outcome = await fetcher().fetchSource(filePayload(join(dir, 'latin2.txt')));
    if (outcome.kind !== 'document') throw new Error('expected a document');
    expect([...outcome.body]).toEqual([0x50, 0xb3, 0xf3, 0x64, 0xbc]);
    expect(outcome.raw.declaredCharset).toBeUndefined();
  });

  it('resolves relative paths against the configured directory', async () => {
    const outcome = await createFetcher({ contactUrl: 'https://example.org/bot', cwd: dir }).fetchSource(filePayload('notes'));
    expect(outcome.kind === 'document' && outcome.raw.finalUrl).toBe(`file://${join(dir, 'notes')}`);
  });

  it('refuses a missing file as source.not_found', async () => {
    await expect(fetcher().fetchSource(filePayload(join(dir, 'missing.html')))).rejects.toMatchObject({
      name: 'PermanentError',
      code: 'source.not_found',
    });
  });

  it('refuses a directory as source.unreadable', async () => {
    await expect(fetcher().fetchSource(filePayload(join(dir, 'folder.html')))).rejects.toMatchObject({ code: 'source.unreadable' });
  });

  it('refuses a file over the size cap without reading it', async () => {
    const error = await fetcher().fetchSource(filePayload(join(dir, 'big.txt'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'fetch.too_large', details: { size: 2048, maxBytes: 1024 } });
  });

  it('refuses binary content as fetch.unsupported_type', async () => {
    await expect(fetcher().fetchSource(filePayload(join(dir, 'image.bin')))).rejects.toMatchObject({ code: 'fetch.unsupported_type' });
  });

  it('reads only inside the configured roots, symlinks resolved', async () => {
    await mkdir(join(dir, 'seeds'), { recursive: true });
    await writeFile(join(dir, 'seeds', 'a.txt'), 'seed');
    await symlink(join(dir, 'notes'), join(dir, 'seeds', 'escape.txt'));
    const confined = createFetcher({ contactUrl: 'https://example.org/bot', fileRoots: [join(dir, 'seeds')] });
    const inside = await confined.fetchSource(filePayload(join(dir, 'seeds', 'a.txt')));
    expect(inside.kind).toBe('document');
    await expect(confined.fetchSource(filePayload(join(dir, 'notes')))).rejects.toMatchObject({ code: 'source.unreadable' });
    await expect(confined.fetchSource(filePayload(join(dir, 'seeds', 'escape.txt')))).rejects.toMatchObject({ code: 'source.unreadable' });
    await expect(confined.fetchSource(filePayload(join(dir, 'seeds', '..', 'notes')))).rejects.toMatchObject({ code: 'source.unreadable' });
    await expect(confined.fetchSource(filePayload(join(dir, 'seeds', 'missing.txt')))).rejects.toMatchObject({ code: 'source.not_found' });
  });
});
