/**
 * Bytes → string. The order follows what browsers do and what was measured to work here:
 * BOM → the transport's charset → a `<meta>` declaration near the top → strict UTF-8 →
 * statistical detection (chardet) → windows-1252.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { PermanentError } from '@newsflow/contracts/errors';
import type { CleanDocument } from '@newsflow/contracts/documents';

export type CharsetSource = CleanDocument['charsetSource'];

export interface Decoded {
  text: string;
  /** Canonical (WHATWG) name of the encoding used, lower-case: utf-8, windows-1250 … */
  charset: string;
  source: CharsetSource;
}

export interface DecodeOptions {
  /** The charset the transport declared (HTTP `Content-Type; charset=`). */
  declaredCharset?: string | undefined;
  /** Look for `<meta charset>` / `http-equiv` in the first bytes (HTML only). */
  sniffMeta?: boolean;
  /** How many leading bytes the meta sniffer reads. */
  metaSniffBytes?: number;
}

const META_SNIFF_BYTES = 4096;

/** Resolve a label to a decoder's canonical name, or undefined when nothing can decode it. */
export function normaliseCharset(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  const cleaned = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (cleaned === '') return undefined;
  try {
    return new TextDecoder(cleaned).encoding;
  } catch {
    return iconv.encodingExists(cleaned) ? cleaned : undefined;
  }
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
  }
}

function sniffBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** Find a charset declared by `<meta charset=…>` or `<meta http-equiv=content-type content="…; charset=…">`. */
export function sniffMetaCharset(bytes: Uint8Array, limit = META_SNIFF_BYTES): string | undefined {
  // latin1 maps every byte to one code unit, so ASCII markup reads correctly whatever the encoding.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, limit)).toString('latin1');
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  for (const match of withoutComments.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = match[0];
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(tag);
    if (direct?.[1] === undefined) continue;
    const found = normaliseCharset(direct[1]);
    if (found === undefined) continue;
    // A page that reaches us as bytes and says utf-16 in ASCII cannot be utf-16 (HTML spec).
    if (found.startsWith('utf-16')) return 'utf-8';
    if (found === 'x-user-defined') return 'windows-1252';
    return found;
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/** Bytes 0x80–0x9F are printable in the windows-* code pages and control codes in ISO-8859-*. */
function hasC1Bytes(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80 && byte <= 0x9f) return true;
  return false;
}

function detect(bytes: Uint8Array): string | undefined {
  const sample = bytes.byteLength > 65536 ? bytes.subarray(0, 65536) : bytes;
  const best = chardet.analyse(sample)[0];
  if (best === undefined || best.confidence < 10) return undefined;
  let name = best.name.toLowerCase();
  // chardet often names the ISO sibling of a Windows code page; C1 bytes betray the Windows one.
  if (name === 'iso-8859-2' && hasC1Bytes(sample)) name = 'windows-1250';
  return normaliseCharset(name);
}

/** Share of the text that is U+FFFD or C0 control characters: high means the bytes are not text. */
function garbageRatio(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c)) bad++;
  }
  return bad / text.length;
}

function finish(bytes: Uint8Array, charset: string, source: CharsetSource, bomLength = 0): Decoded {
  const text = decodeWith(bomLength > 0 ? bytes.subarray(bomLength) : bytes, charset);
  if (garbageRatio(text) > 0.1) {
    throw new PermanentError('clean.undecodable', `bytes do not decode as ${charset} text`, {
      details: { charset, charsetSource: source },
    });
  }
  return { text, charset, source };
}

export function decode(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const bom = sniffBom(bytes);
  if (bom !== undefined) return finish(bytes, bom, 'bom', bom === 'utf-8' ? 3 : 2);

  const utf8 = isUtf8(bytes);
  // Non-ASCII bytes that happen to form valid UTF-8 are next to impossible in a legacy encoding: such a
  // page is UTF-8 whatever its header or meta says (a server default of ISO-8859-1 is a classic).
  const provenUtf8 = utf8 && hasNonAscii(bytes);
  /** A declaration is believed unless the bytes contradict it. */
  const believable = (charset: string): boolean => (charset === 'utf-8' ? utf8 : !provenUtf8 || charset.startsWith('utf-16'));

  const declared = normaliseCharset(options.declaredCharset);
  if (declared !== undefined && believable(declared)) return finish(bytes, declared, 'header');

  if (options.sniffMeta === true) {
    const meta = sniffMetaCharset(bytes, options.metaSniffBytes);
    if (meta !== undefined && believable(meta)) return finish(bytes, meta, 'meta');
  }

  if (utf8) return finish(bytes, 'utf-8', 'utf8');

  const detected = detect(bytes);
  if (detected !== undefined) return finish(bytes, detected, 'detected');

  return finish(bytes, 'windows-1252', 'default');
}
