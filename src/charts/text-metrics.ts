/**
 * Text measurement with the chart font's advance widths. Without a canvas package Vega estimates every
 * character as 0.8 em wide, which leaves wide gaps beside axis labels; reading the widths from the font
 * file gives the layout the browser and the PNG renderer will draw (kerning aside).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { chartFontDir, FONT_FILES } from './fonts.js';

export interface FontWidths {
  /** Advance width in em per code point. */
  readonly advances: ReadonlyMap<number, number>;
  /** Width used for characters the font does not cover (its mean advance). */
  readonly fallback: number;
}

function tableOffsets(font: Buffer): Map<string, number> {
  const tables = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    tables.set(font.toString('latin1', at, at + 4), font.readUInt32BE(at + 8));
  }
  return tables;
}

/** Code point → glyph id from the Windows Unicode BMP cmap subtable (format 4). */
function readCmap(font: Buffer, cmap: number): Map<number, number> {
  const glyphs = new Map<number, number>();
  const subtables = font.readUInt16BE(cmap + 2);
  for (let s = 0; s < subtables; s++) {
    const platform = font.readUInt16BE(cmap + 4 + s * 8);
    const encoding = font.readUInt16BE(cmap + 6 + s * 8);
    const at = cmap + font.readUInt32BE(cmap + 8 + s * 8);
    if (platform !== 3 || encoding !== 1 || font.readUInt16BE(at) !== 4) continue;
    const segments = font.readUInt16BE(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    for (let k = 0; k < segments; k++) {
      const start = font.readUInt16BE(starts + k * 2);
      const end = font.readUInt16BE(ends + k * 2);
      const delta = font.readInt16BE(deltas + k * 2);
      const rangeOffset = font.readUInt16BE(rangeOffsets + k * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        // Format 4's idRangeOffset is relative to its own position in the array, hence the address sum.
        const glyph =
          rangeOffset === 0
            ? (c + delta) & 0xffff
            : font.readUInt16BE(rangeOffsets + k * 2 + rangeOffset + (c - start) * 2);
        if (glyph !== 0) glyphs.set(c, rangeOffset === 0 ? glyph : (glyph + delta) & 0xffff);
      }
    }
    return glyphs;
  }
  throw new Error('charts: the font has no Unicode BMP (3,1) format-4 cmap');
}

/** Advance widths of a TrueType/OpenType font, in em. */
export function readFontWidths(font: Buffer): FontWidths {
  const tables = tableOffsets(font);
  const [head, hhea, hmtx, cmap] = ['head', 'hhea', 'hmtx', 'cmap'].map((tag) => tables.get(tag));
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) {
    throw new Error('charts: the font lacks one of the head, hhea, hmtx, cmap tables');
  }
  const unitsPerEm = font.readUInt16BE(head + 18);
  const longMetrics = font.readUInt16BE(hhea + 34);
  const advanceOf = (glyph: number) => font.readUInt16BE(hmtx + Math.min(glyph, longMetrics - 1) * 4) / unitsPerEm;
  const advances = new Map<number, number>();
  for (const [code, glyph] of readCmap(font, cmap)) advances.set(code, advanceOf(glyph));
  const all = [...advances.values()];
  return { advances, fallback: all.reduce((a, b) => a + b, 0) / all.length };
}

export function textWidth(widths: FontWidths, text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += widths.advances.get(char.codePointAt(0)!) ?? widths.fallback;
  return em * fontSize;
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

function isBold(weight: string | number | undefined): boolean {
  if (weight === undefined) return false;
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
}

let installed = false;

/**
 * Make Vega measure text with the chart font. Global to the process's Vega; idempotent.
 * The text is measured as given: Vega cuts text longer than a mark's `limit` through this same function
 * when drawing, but sizes the bounds from the uncut text, so the theme turns label limits off (0) and
 * the specs shorten labels in their data instead.
 */
export function useChartTextMetrics(fontDir = chartFontDir()): void {
  if (installed) return;
  const regular = readFontWidths(readFileSync(join(fontDir, FONT_FILES.regular)));
  const bold = readFontWidths(readFileSync(join(fontDir, FONT_FILES.bold)));
  // textMetrics is exported by vega-scenegraph (through vega) but missing from vega's type declarations.
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } })
    .textMetrics;
  metrics.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const line = text == null ? '' : String(text).trim();
    return size <= 0 || !line ? 0 : textWidth(isBold(item.fontWeight) ? bold : regular, line, size);
  };
  installed = true;
}
