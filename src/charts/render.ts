/**
 * Server-side rendering of the chart specs:
 *
 *   Vega-Lite spec + theme config ─compile→ Vega spec ─View(renderer 'none')→ SVG ─sharp→ PNG
 *
 * Both results are cached on disk by content hash (render-cache.ts).
 * Output is deterministic: text is measured from the font file (text-metrics.ts), Vega's SVG id counters are
 * reset before each render, and the data is inlined by the spec builders.
 */
import sharp from 'sharp';
import { parse, resetSVGDefIds, View } from 'vega';
import type { Config } from 'vega-lite';
import { compile, type TopLevelSpec } from 'vega-lite';
import {
  SOCIAL_CARD,
  type SocialCardInput,
  type SocialCardOptions,
  socialCardSpec,
  type YearCardInput,
  type YearCardOptions,
  yearCardSpec,
} from './card.js';
import { useChartFontconfig } from './fonts.js';
import { cachedRender } from './render-cache.js';
import { useChartTextMetrics } from './text-metrics.js';
import { THEME_BACKGROUND, type Theme, themeConfig } from './theme.js';

// fontconfig reads its configuration once, when the process first draws text; set it up on import so
// that it is in place even if something else draws with sharp before the first renderPng. A missing font
// must not break importing the spec builders, so the error is left for renderPng to report.
try {
  useChartFontconfig();
} catch {
  // renderPng calls useChartFontconfig again and throws its message.
}

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge where `over` wins; arrays are replaced, not merged. */
function mergeConfig(base: PlainObject, over: PlainObject | undefined): PlainObject {
  const out: PlainObject = { ...base };
  for (const [key, value] of Object.entries(over ?? {})) {
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeConfig(out[key] as PlainObject, value) : value;
  }
  return out;
}

/** The spec with the theme's config under its own `config` (the spec's settings win). */
export function withTheme(spec: TopLevelSpec, theme: Theme): TopLevelSpec {
  const config = mergeConfig(themeConfig(theme) as PlainObject, spec.config as PlainObject | undefined);
  return { ...spec, config: config as Config } as TopLevelSpec;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Label the figure as one image for assistive technology, with the spec's description as its name. */
function labelSvg(svg: string, alt: string): string {
  const open = svg.indexOf('>', svg.indexOf('<svg'));
  const tag = svg
    .slice(0, open)
    .replace(/\s(role|aria-label|aria-roledescription)="[^"]*"/g, '')
    .concat(` role="img" aria-label="${xmlEscape(alt)}"`);
  return `${tag}><title>${xmlEscape(alt)}</title>${svg.slice(open + 1)}`;
}

/**
 * Round mark positions to 0.1 px: Vega writes full float precision, which is most of the map's bytes
 * (thousands of `translate(37.163636363636364,404.7559449311639)`), and a tenth of a pixel is invisible.
 */
function compactTranslations(svg: string): string {
  return svg.replace(
    /translate\((-?[\d.]+),(-?[\d.]+)\)/g,
    (_, x: string, y: string) => `translate(${+(+x).toFixed(1)},${+(+y).toFixed(1)})`,
  );
}

/** Render a Vega-Lite spec to an SVG string in the given theme. The spec's `description` is the alt text. */
export function renderSvg(spec: TopLevelSpec, theme: Theme = 'light'): Promise<string> {
  return cachedRender('svg', [spec, theme], () => drawSvg(spec, theme));
}

async function drawSvg(spec: TopLevelSpec, theme: Theme): Promise<string> {
  useChartTextMetrics();
  const vegaSpec = compile(withTheme(spec, theme)).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', logLevel: 0 });
  try {
    resetSVGDefIds();
    const svg = await view.toSVG();
    return labelSvg(compactTranslations(svg), typeof spec.description === 'string' ? spec.description : 'Chart');
  } finally {
    view.finalize();
  }
}

export interface PngOptions {
  /** Output width in pixels (default 1200). */
  width?: number;
  /** Output height; when given, the chart is scaled to fit and centred on the background. */
  height?: number;
  /** Theme of a spec input, and of the background (default 'light'). */
  theme?: Theme;
}

function svgSize(svg: string): { width: number; height: number } {
  const tag = svg.slice(svg.indexOf('<svg'), svg.indexOf('>', svg.indexOf('<svg')));
  const width = Number(/\swidth="([\d.]+)"/.exec(tag)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(tag)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('renderPng: the SVG root has no numeric width and height');
  return { width, height };
}

/** Render a spec (or an SVG from renderSvg) to PNG bytes, on an opaque background of the theme. */
export function renderPng(input: TopLevelSpec | string, options: PngOptions = {}): Promise<Buffer> {
  return cachedRender('png', [input, options], () => drawPng(input, options));
}

async function drawPng(input: TopLevelSpec | string, options: PngOptions): Promise<Buffer> {
  const { width = 1200, theme = 'light' } = options;
  if (!process.env.FONTCONFIG_FILE?.includes('survey-charts-fontconfig')) useChartFontconfig();
  const svg = typeof input === 'string' ? input : await renderSvg(input, theme);
  const size = svgSize(svg);
  const height = options.height ?? Math.round((size.height * width) / size.width);
  // Rasterise at the final scale (density is dpi; SVG user units are 1/72 inch to librsvg at density 72).
  const scale = Math.min(width / size.width, height / size.height);
  const background = THEME_BACKGROUND[theme];
  return sharp(Buffer.from(svg), { density: Math.min(72 * scale, 100_000) })
    .resize({ width, height, fit: 'contain', background })
    .flatten({ background })
    .png()
    .toBuffer();
}

/** PNG bytes of a segment's social card (its lift chart at 1200×630, light theme). */
export async function renderSocialCard(
  doc: SocialCardInput,
  segmentIndex: number,
  options: SocialCardOptions = {},
): Promise<Buffer> {
  return renderPng(socialCardSpec(doc, segmentIndex, options), { ...SOCIAL_CARD, theme: 'light' });
}

/** PNG bytes of a year overview's social card (its segments by size at 1200×630, light theme). */
export async function renderYearCard(doc: YearCardInput, options: YearCardOptions = {}): Promise<Buffer> {
  return renderPng(yearCardSpec(doc, options), { ...SOCIAL_CARD, theme: 'light' });
}
