import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartFontDir, FONT_FILES, THEME_BACKGROUND, themeConfig } from '../../../src/charts/index.js';
import { readFontWidths, textWidth } from '../../../src/charts/text-metrics.js';

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colors. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('themeConfig', () => {
  it.each(['light', 'dark'] as const)('%s: transparent, Source Sans 3, readable text', (theme) => {
    const config = themeConfig(theme) as any;
    expect(config.background).toBe('transparent');
    expect(config.font).toBe('"Source Sans 3", sans-serif');
    for (const color of [
      config.axis.labelColor,
      config.axis.titleColor,
      config.legend.labelColor,
      config.title.color,
    ]) {
      expect(contrast(color, THEME_BACKGROUND[theme])).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('font files', () => {
  it('are Adobe’s Source Sans 3 TrueType files, licensed under the OFL, found outside public/', () => {
    const dir = chartFontDir();
    expect(dir).toMatch(/source-sans[\\/]TTF$/);
    for (const file of Object.values(FONT_FILES))
      expect(readFileSync(join(dir, file)).readUInt32BE(0)).toBe(0x00010000);
    expect(readFileSync(join(dir, '..', 'LICENSE.md'), 'utf8')).toMatch(/SIL Open Font License/);
  });

  it('give proportional widths, bold wider than regular', () => {
    const regular = readFontWidths(readFileSync(join(chartFontDir(), FONT_FILES.regular)));
    const bold = readFontWidths(readFileSync(join(chartFontDir(), FONT_FILES.bold)));
    expect(textWidth(regular, 'iiii', 12)).toBeLessThan(textWidth(regular, 'WWWW', 12));
    expect(textWidth(regular, 'Python', 24)).toBeCloseTo(2 * textWidth(regular, 'Python', 12), 9);
    expect(textWidth(bold, 'Python', 12)).toBeGreaterThan(textWidth(regular, 'Python', 12));
    // Source Sans 3 is narrow: about half an em per character, far from Vega's 0.8 em estimate.
    expect(textWidth(regular, 'languages regular', 10) / 17).toBeLessThan(6);
  });
});
