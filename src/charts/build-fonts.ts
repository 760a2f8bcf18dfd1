/**
 * Writes the chart font files of public/fonts/ from the installed @fontsource package:
 *   npx tsx src/charts/build-fonts.ts
 * The files are committed; run this again only after upgrading @fontsource/source-sans-3.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FILES, FONT_SOURCES } from './fonts.js';
import { woffToSfnt } from './woff.js';

const require = createRequire(import.meta.url);

/** The TrueType bytes of each chart font, converted from @fontsource's WOFF. */
export function convertChartFonts(): Record<keyof typeof FONT_FILES, Buffer> {
  return {
    regular: woffToSfnt(readFileSync(require.resolve(FONT_SOURCES.regular))),
    bold: woffToSfnt(readFileSync(require.resolve(FONT_SOURCES.bold))),
  };
}

function main(): void {
  const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/fonts');
  const fonts = convertChartFonts();
  for (const weight of Object.keys(FONT_FILES) as (keyof typeof FONT_FILES)[]) {
    writeFileSync(join(outDir, FONT_FILES[weight]), fonts[weight]);
  }
  copyFileSync(join(dirname(require.resolve(FONT_SOURCES.regular)), '../LICENSE'), join(outDir, 'OFL.txt'));
  console.log(`wrote ${Object.values(FONT_FILES).join(', ')} and OFL.txt to ${outDir}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
