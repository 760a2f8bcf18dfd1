/**
 * Vega config for the site's light and dark themes. Specs carry no colors for text, axes or background;
 * the theme supplies them, so one spec renders on either page background (the background stays
 * transparent). One font everywhere: Source Sans 3, which the site serves and the PNG renderer loads.
 */
import type { Config } from 'vega-lite';

export type Theme = 'light' | 'dark';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const FONT_NAME = 'Source Sans 3';
/**
 * CSS font list for Vega's `font`. The name must be quoted: an unquoted family with a word starting with a
 * digit ("Sans 3") is invalid CSS, and librsvg then falls back to a default serif.
 */
export const FONT_FAMILY = `"${FONT_NAME}", sans-serif`;

/**
 * Sequential scheme for ordered answers, per theme (the theme config hands it to every ordinal color
 * scale). The notebook used 'inferno'; its extremes vanish on a page of their own lightness, so the light
 * theme uses the middle of the ramp and the dark theme its lighter part: from 0.48 the darkest color has
 * 3:1 contrast with the dark page (at 0.12 it had 1.06:1, the "vanishing purple").
 */
export const SEQUENTIAL_SCHEME = {
  light: { scheme: 'inferno', extent: [0.12, 0.88] },
  dark: { scheme: 'inferno', extent: [0.48, 1] },
} as const;

interface Palette {
  text: string;
  muted: string;
  domain: string;
  grid: string;
}

const PALETTES: Record<Theme, Palette> = {
  // Contrast against white (light) and #121417 (dark) page backgrounds is at least 4.5:1 for text.
  light: { text: '#1f2328', muted: '#4d5560', domain: '#6e7781', grid: '#d8dee4' },
  dark: { text: '#e6edf3', muted: '#b1bac4', domain: '#8b949e', grid: '#30363d' },
};

/** Page background behind the charts, used where a renderer needs an opaque one (PNG). */
export const THEME_BACKGROUND: Record<Theme, string> = { light: '#ffffff', dark: '#121417' };

export function themeConfig(theme: Theme): Config {
  const p = PALETTES[theme];
  return {
    background: 'transparent',
    font: FONT_FAMILY,
    // ARIA attributes on every mark would bloat the map's SVG; the figure gets one label as a whole.
    aria: false,
    view: { stroke: null },
    title: { color: p.text, subtitleColor: p.muted, fontSize: 16, fontWeight: 'bold', anchor: 'start', limit: 0 },
    axis: {
      labelColor: p.muted,
      titleColor: p.text,
      domainColor: p.domain,
      tickColor: p.domain,
      gridColor: p.grid,
      labelFontSize: 12,
      titleFontSize: 12,
      titleFontWeight: 'bold',
      // No truncation: labels are shortened in the data, and text is measured with the font's own widths.
      labelLimit: 0,
    },
    legend: {
      labelColor: p.text,
      titleColor: p.text,
      labelFontSize: 12,
      titleFontSize: 12,
      labelLimit: 0,
      titleLimit: 0,
      // Symbols of legends without a color scale (the map's shape legend) would otherwise be black.
      symbolBaseFillColor: p.muted,
      symbolBaseStrokeColor: p.muted,
    },
    header: { labelColor: p.text, titleColor: p.text, labelLimit: 0 },
    text: { color: p.text, font: FONT_FAMILY },
    rule: { color: p.domain },
    range: { ordinal: { scheme: SEQUENTIAL_SCHEME[theme].scheme, extent: [...SEQUENTIAL_SCHEME[theme].extent] } },
  };
}
