/**
 * Where the chart font lives and how renderers find it. Source Sans 3 (SIL OFL 1.1) comes as TrueType from
 * Adobe's own `source-sans` package (node_modules/source-sans/TTF, licence in its LICENSE.md); the site
 * serves the same family to browsers from @fontsource. No font file is copied into public/.
 *
 * - SVG: text is measured with the font's own advance widths (text-metrics.ts), so layout does not depend on
 *   a canvas package or on the fonts installed on the build machine.
 * - PNG: sharp draws SVG text through librsvg → Pango → fontconfig, which reads FONTCONFIG_FILE when it
 *   first initialises; `useChartFontconfig` points it at a config that adds the font directory to the system's.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FONT_FILES = { regular: 'SourceSans3-Regular.ttf', bold: 'SourceSans3-Bold.ttf' } as const;

/**
 * The directory holding the font files: CHART_FONT_DIR, else `source-sans/TTF` resolved from the working
 * directory (the project root when Astro or the CLI runs), else from this module (tests). Bundlers move
 * modules, which is why the module-relative lookup is only the last resort.
 */
export function chartFontDir(): string {
  if (process.env.CHART_FONT_DIR) return process.env.CHART_FONT_DIR;
  const tried: string[] = [];
  for (const from of [join(process.cwd(), 'package.json'), import.meta.url]) {
    try {
      const dir = join(dirname(createRequire(from).resolve('source-sans/package.json')), 'TTF');
      if (existsSync(join(dir, FONT_FILES.regular))) return dir;
      tried.push(dir);
    } catch {
      tried.push(`source-sans from ${from}`);
    }
  }
  throw new Error(
    `charts: font file ${FONT_FILES.regular} not found (tried ${tried.join(', ')}); run npm ci, or set CHART_FONT_DIR to the directory holding it`,
  );
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
