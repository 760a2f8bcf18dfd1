/**
 * Where the chart font lives and how renderers find it. Source Sans 3 (SIL OFL 1.1, licence in
 * public/fonts/OFL.txt) is kept as TrueType files in public/fonts/, converted from @fontsource's WOFF
 * (see woff.ts); the site serves the same family from @fontsource in the browser.
 *
 * - SVG: text is measured with the font's own advance widths (metrics.ts), so layout does not depend on
 *   a canvas package or on the fonts installed on the build machine.
 * - PNG: sharp draws SVG text through librsvg → Pango → fontconfig, which reads FONTCONFIG_FILE when it
 *   first initialises; `useChartFontconfig` points it at a config that adds public/fonts/ to the system's.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FONT_FILES = { regular: 'SourceSans3-Regular.ttf', bold: 'SourceSans3-Bold.ttf' } as const;
/** @fontsource files they are converted from (latin subset). */
export const FONT_SOURCES = {
  regular: '@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff',
  bold: '@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff',
} as const;

/**
 * The directory holding the font files. CHART_FONT_DIR wins; then public/fonts under the working directory
 * (the project root when Astro or the CLI runs); then the path relative to this module (tests, tsx).
 * Bundlers move modules, which is why the module-relative path is only the last resort.
 */
export function chartFontDir(): string {
  const candidates = [
    process.env.CHART_FONT_DIR,
    resolve(process.cwd(), 'public/fonts'),
    resolve(dirname(fileURLToPath(import.meta.url)), '../../public/fonts'),
  ].filter((dir): dir is string => Boolean(dir));
  const found = candidates.find((dir) => existsSync(join(dir, FONT_FILES.regular)));
  if (!found) {
    throw new Error(`charts: font file ${FONT_FILES.regular} not found in ${candidates.join(', ')}; set CHART_FONT_DIR to the directory holding it`);
  }
  return found;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Point fontconfig at a config that adds the chart font directory to whatever config was in effect.
 * Must run before the process first draws text with sharp: fontconfig reads its config only once.
 * Returns the config file path.
 */
export function useChartFontconfig(fontDir = chartFontDir()): string {
  const previous = process.env.FONTCONFIG_FILE;
  const include = previous && !previous.includes('survey-charts-fontconfig') ? previous : '/etc/fonts/fonts.conf';
  const key = createHash('sha256').update(`${fontDir}\n${include}`).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `survey-charts-fontconfig-${key}`);
  const file = join(dir, 'fonts.conf');
  if (!existsSync(file)) {
    mkdirSync(join(dir, 'cache'), { recursive: true });
    const config = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      `  <dir>${xmlEscape(fontDir)}</dir>`,
      `  <include ignore_missing="yes">${xmlEscape(include)}</include>`,
      `  <cachedir>${xmlEscape(join(dir, 'cache'))}</cachedir>`,
      '</fontconfig>',
      '',
    ].join('\n');
    writeFileSync(file, config);
  }
  process.env.FONTCONFIG_FILE = file;
  return file;
}
