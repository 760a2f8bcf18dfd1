import { scheme } from 'vega';
import { describe, expect, it } from 'vitest';
import { QUESTION_GROUPS } from '../../../scripts/config/schema.js';
import { groupColor, groupColors, PAIRED, TABLEAU20 } from '../../../src/charts/colors.js';
import { liftChartRows, liftChartSpec, liftChartTable } from '../../../src/charts/index.js';
import { THEME_BACKGROUND } from '../../../src/charts/theme.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();

/** The top feature ids by lift, recomputed from the document (ties: column order). */
function expectedTop(segmentIndex: number, top: number): string[] {
  const segment = doc.segments[segmentIndex];
  return doc.features
    .map((f, i) => ({ id: f.id, lift: segment.lift[i], i }))
    .sort((a, b) => b.lift - a.lift || a.i - b.i)
    .slice(0, top)
    .map((f) => f.id);
}

describe('liftChartRows', () => {
  it.each([0, 1, 2])('picks the top features by lift, highest first, in segment %i', (s) => {
    const rows = liftChartRows(doc, s, 5);
    expect(rows.map((r) => r.featureId)).toEqual(expectedTop(s, 5));
    for (let k = 1; k < rows.length; k++) expect(rows[k - 1].lift).toBeGreaterThanOrEqual(rows[k].lift);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('carries the overall and segment rates of each feature', () => {
    for (const row of liftChartRows(doc, 1, 12)) {
      const i = doc.features.findIndex((f) => f.id === row.featureId);
      expect(row.overall).toBe(doc.overall.rates[i]);
      expect(row.segmentRate).toBe(doc.segments[1].rates[i]);
      expect(row.segmentRate).toBeCloseTo(row.overall + row.lift, 12);
    }
  });

  it('labels rows "short question label: first five words of the answer"', () => {
    const rows = liftChartRows(doc, 0, 12);
    const boosting = rows.find((r) => r.featureId === 'Q17_Part_2')!;
    expect(boosting.label).toBe('ML algos: Gradient Boosting Machines (xgboost, lightgbm,…');
    const python = rows.find((r) => r.featureId === 'Q7_Part_1')!;
    expect(python.label).toBe('languages regular: Python');
  });

  it('returns no more rows than there are features, and names a missing segment', () => {
    expect(liftChartRows(doc, 0, 100)).toHaveLength(doc.features.length);
    expect(() => liftChartRows(doc, 7)).toThrow(/segment 7/);
  });
});

describe('liftChartSpec', () => {
  const rows = liftChartRows(doc, 2, 6);
  const spec = liftChartSpec(doc, 2, { top: 6 }) as any;
  const [overallPanel, liftPanel] = spec.hconcat;
  const liftBars = liftPanel.layer[0];

  it('puts the highest lift at the top, the overall rate and the lift on scales of their own, both in points', () => {
    expect(overallPanel.encoding.y.sort).toEqual(rows.map((r) => r.label));
    expect(liftBars.encoding.y.sort).toEqual(rows.map((r) => r.label));
    expect(overallPanel.encoding.x.field).toBe('overall');
    expect(liftBars.encoding.x.field).toBe('lift');
    expect(overallPanel.encoding.x.axis.title).not.toBe(liftBars.encoding.x.axis.title);
    expect(liftBars.encoding.x.axis.title).toMatch(/points/);
    const values = spec.data.values as { label: string; overall: number; lift: number; liftText: string }[];
    for (const row of rows) {
      const own = values.find((v) => v.label === row.label)!;
      expect(own.overall).toBeCloseTo(row.overall * 100, 1);
      expect(own.lift).toBeCloseTo(row.lift * 100, 1);
      expect(own.liftText).toMatch(/^[+−]\d+\.\d points$/);
    }
  });

  it('colors by question group only, one legend entry per group present', () => {
    const { domain, range } = liftBars.encoding.color.scale;
    expect(domain).toEqual(
      [...new Set(rows.map((r) => r.group))].sort((a, b) => domain.indexOf(a) - domain.indexOf(b)),
    );
    expect(new Set(domain)).toEqual(new Set(rows.map((r) => r.group)));
    domain.forEach((group: Parameters<typeof groupColor>[0], k: number) => {
      expect(range[k]).toBe(groupColor(group));
    });
    expect(overallPanel.encoding.color.scale).toEqual(liftBars.encoding.color.scale);
    expect(groupColors('cloud')).toEqual({ light: '#a6cee3', solid: '#1f78b4' });
  });

  it('has tooltips with overall rate, lift and segment rate', () => {
    expect(liftBars.encoding.tooltip.map((t: { field: string }) => t.field)).toEqual(
      expect.arrayContaining(['overall', 'liftText', 'segmentRate']),
    );
  });
});

describe('groupColor', () => {
  /** WCAG relative luminance and contrast. */
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  it.each(QUESTION_GROUPS)('gives group %s a color of at least 3:1 against both page backgrounds', (group) => {
    expect(contrast(groupColor(group), THEME_BACKGROUND.light)).toBeGreaterThanOrEqual(3);
    expect(contrast(groupColor(group), THEME_BACKGROUND.dark)).toBeGreaterThanOrEqual(3);
  });
});

describe('colors', () => {
  it('copies Vega’s paired and tableau20 schemes exactly', () => {
    expect([...PAIRED]).toEqual(scheme('paired'));
    expect([...TABLEAU20]).toEqual(scheme('tableau20'));
  });
});

describe('liftChartTable', () => {
  it('has one row per bar and an alt text naming the segment and the top answer', () => {
    const table = liftChartTable(doc, 0, { top: 4, names: ['Advanced ML'] });
    expect(table.rows).toHaveLength(4);
    expect(table.rows.every((r) => r.length === table.columns.length)).toBe(true);
    expect(table.alt).toContain('"Advanced ML"');
    expect(table.alt).toContain(liftChartRows(doc, 0, 1)[0].label);
  });
});
