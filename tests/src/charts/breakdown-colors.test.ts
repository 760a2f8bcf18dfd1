import { scheme } from 'vega';
import { describe, expect, it } from 'vitest';
import { breakdownSpec, renderSvg, themeConfig } from '../../../src/charts/index.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();

/** WCAG contrast of two '#rrggbb' or 'rgb(r, g, b)' colors. */
function contrast(a: string, b: string): number {
  const channels = (c: string) =>
    c.startsWith('#')
      ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16))
      : c.match(/\d+/g)!.slice(0, 3).map(Number);
  const lum = (c: string) => {
    const [r, g, b2] = channels(c)
      .map((v) => v / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('breakdown legends', () => {
  const code = doc.profile.role!;
  const question = doc.questions.find((q) => q.code === code)!;

  it('lists only the answers some bar has, each with its color from the full question order', () => {
    // Zero one answer everywhere, as "Student" is zero in every chart of professionals.
    const gone = question.answers[1].label;
    const edited = structuredClone(doc);
    for (const b of [edited.overall.breakdowns[code], ...edited.segments.map((s) => s.breakdowns[code])])
      b.counts[1] = 0;
    const spec = breakdownSpec(edited, code) as any;
    const { domain, range } = spec.encoding.color.scale;
    expect(domain).not.toContain(gone);
    expect(domain).toEqual(question.answers.map((a) => a.label).filter((l) => l !== gone));
    expect(range[1]).toBe(scheme('tableau20')[2]);
    expect(spec.data.values.some((v: { answer: string }) => v.answer === gone)).toBe(false);
    expect(spec.encoding.color.legend.columns).toBe(1);
  });

  it('draws ordered answers in colors of at least 3:1 against the dark page in the dark theme', async () => {
    const ordered = doc.questions.find((q) => q.ordered && doc.overall.breakdowns[q.code])!;
    const svg = await renderSvg(breakdownSpec(doc, ordered.code), 'dark');
    const fills = [...svg.matchAll(/<path[^>]*fill="(#[0-9a-f]{6}|rgb\([^)]*\))"/g)].map((m) => m[1]);
    const ramp = scheme('inferno');
    const darkest = ramp((themeConfig('dark').range as any).ordinal.extent[0]);
    expect(fills.length).toBeGreaterThan(0);
    expect(contrast(darkest, '#121417')).toBeGreaterThanOrEqual(3);
    for (const fill of new Set(fills)) expect(contrast(fill, '#121417')).toBeGreaterThanOrEqual(2.9);
  });
});
