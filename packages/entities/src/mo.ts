/**
 * A reader for GNU gettext `.mo` catalogues (the format Debian's `libgeonames-common` ships its
 * city names in): msgid → msgstr, UTF-8.
 */

/** The entries of a `.mo` file, without the header entry (empty msgid). */
export function parseMo(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  let little: boolean;
  if (magic === 0x950412de) little = true;
  else if (magic === 0xde120495) little = false;
  else throw new Error(`not a gettext .mo file (magic ${magic.toString(16)})`);
  const count = view.getUint32(8, little);
  const originals = view.getUint32(12, little);
  const translations = view.getUint32(16, little);
  const decoder = new TextDecoder('utf-8');
  const read = (table: number, index: number): string => {
    const length = view.getUint32(table + index * 8, little);
    const offset = view.getUint32(table + index * 8 + 4, little);
    return decoder.decode(bytes.subarray(offset, offset + length));
  };
  const entries = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const id = read(originals, i);
    if (id === '') continue;
    // Plural forms are NUL-separated; geonames has none, but take the first form if ever.
    const value = read(translations, i).split('\0')[0] ?? '';
    if (value !== '') entries.set(id.split('\0')[0] ?? id, value);
  }
  return entries;
}
