/**
 * WOFF 1.0 → plain sfnt (TrueType/OpenType) conversion.
 *
 * Why: @fontsource ships Source Sans 3 only as WOFF/WOFF2, while the PNG renderer (sharp → librsvg →
 * fontconfig) and our text measurement read plain font files. WOFF 1.0 is just an sfnt whose tables are
 * zlib-compressed one by one, so undoing it is a few lines (https://www.w3.org/TR/WOFF/).
 */
import { inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER_BYTES = 44;
const WOFF_ENTRY_BYTES = 20;
const SFNT_HEADER_BYTES = 12;
const SFNT_ENTRY_BYTES = 16;

interface TableEntry {
  tag: number;
  checksum: number;
  data: Buffer;
}

/** Decode a WOFF 1.0 file into the sfnt it wraps. Throws on anything that is not WOFF 1.0. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.length < WOFF_HEADER_BYTES || woff.readUInt32BE(0) !== WOFF_SIGNATURE) {
    throw new Error('woffToSfnt: expected a WOFF 1.0 file (signature "wOFF")');
  }
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: TableEntry[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = WOFF_HEADER_BYTES + i * WOFF_ENTRY_BYTES;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(raw) : Buffer.from(raw);
    if (data.length !== origLength) {
      throw new Error(`woffToSfnt: table ${i} inflates to ${data.length} bytes, header says ${origLength}`);
    }
    tables.push({ tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data });
  }
  return writeSfnt(flavor, tables);
}

function padded(length: number): number {
  return (length + 3) & ~3;
}

function writeSfnt(flavor: number, tables: TableEntry[]): Buffer {
  const directoryBytes = SFNT_HEADER_BYTES + tables.length * SFNT_ENTRY_BYTES;
  const total = tables.reduce((sum, t) => sum + padded(t.data.length), directoryBytes);
  const out = Buffer.alloc(total);
  // Binary-search hints of the sfnt header, as the OpenType spec defines them.
  const entrySelector = Math.floor(Math.log2(tables.length));
  const searchRange = 2 ** entrySelector * 16;
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(tables.length, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(tables.length * 16 - searchRange, 10);
  let offset = directoryBytes;
  tables.forEach((table, i) => {
    const at = SFNT_HEADER_BYTES + i * SFNT_ENTRY_BYTES;
    out.writeUInt32BE(table.tag, at);
    out.writeUInt32BE(table.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(table.data.length, at + 12);
    table.data.copy(out, offset);
    offset += padded(table.data.length);
  });
  return out;
}
