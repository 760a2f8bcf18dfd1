import { describe, expect, it } from 'vitest';
import { scheme } from 'vega';
import { liftChartRows, liftChartSpec, liftChartTable } from '../../../src/charts/index.js';
import { PAIRED, TABLEAU20, groupColors } from '../../../src/charts/colors.js';
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
  const bars = spec.layer[0];

  it('puts the highest lift at the top and overall rates to the left', () => {
    expect(bars.encoding.y.sort).toEqual(rows.map((r) => r.label));
    const values = spec.data.values as { label: string; kind: string; value: number }[];
    for (const row of rows) {
      const own = values.filter((v) => v.label === row.label);
      expect(own.find((v) => v.kind.endsWith('overall rate'))!.value).toBeCloseTo(-row.overall * 100, 1);
      expect(own.find((v) => v.kind.endsWith(': lift'))!.value).toBeCloseTo(row.lift * 100, 1);
    }
  });

  it('colors each group with the light color for overall and the solid one for lift', () => {
    const { domain, range } = bars.encoding.color.scale;
    domain.forEach((kind: string, k: number) => {
      const group = kind.split(':')[0] as Parameters<typeof groupColors>[0];
      expect(range[k]).toBe(kind.endsWith('lift') ? groupColors(group).solid : groupColors(group).light);
    });
    expect(groupColors('cloud')).toEqual({ light: '#a6cee3', solid: '#1f78b4' });
  });

  it('has tooltips with overall rate, lift and segment rate', () => {
    expect(bars.encoding.tooltip.map((t: { field: string }) => t.field)).toEqual(expect.arrayContaining(['overall', 'lift', 'segmentRate']));
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
