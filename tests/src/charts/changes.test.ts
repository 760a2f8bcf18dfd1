import { describe, expect, it } from 'vitest';
import {
  type ChangesChartInput,
  changesLabels,
  changesPoints,
  changesSpec,
  changesTable,
  renderSvg,
  YEAR_COLORS,
} from '../../../src/charts/index.js';

const input: ChangesChartInput = {
  prevYear: 2020,
  nextYear: 2021,
  rows: [
    {
      prevName: 'Vision',
      nextName: 'Computer vision',
      status: 'Grows',
      prevSize: 100,
      nextSize: 150,
      prevShare: 0.25,
      nextShare: 0.375,
      similarity: 0.934,
    },
    {
      prevName: 'Tabular',
      nextName: 'Tabular',
      status: 'Persists',
      prevSize: 100,
      nextSize: 100,
      prevShare: 0.25,
      nextShare: 0.25,
      similarity: 0.9,
    },
    {
      prevName: null,
      nextName: 'LLMs',
      status: 'Appears',
      prevSize: null,
      nextSize: 100,
      prevShare: null,
      nextShare: 0.25,
      similarity: null,
    },
    {
      prevName: 'Tabular',
      nextName: null,
      status: 'Disappears',
      prevSize: 100,
      nextSize: null,
      prevShare: 0.25,
      nextShare: null,
      similarity: null,
    },
  ],
};

describe('changes chart data', () => {
  it("labels rows by this year's name, a gone segment by last year's, and keeps labels unique", () => {
    expect(changesLabels(input)).toEqual(['Computer vision', 'Tabular', 'LLMs', 'Tabular (gone)']);
    const twins: ChangesChartInput = { ...input, rows: [input.rows[1], input.rows[1]] };
    expect(changesLabels(twins)).toEqual(['Tabular', 'Tabular (2)']);
  });

  it('draws a dot for each year a segment exists in, with its share', () => {
    const points = changesPoints(input);
    expect(points.map((p) => [p.label, p.year, p.share])).toEqual([
      ['Computer vision', '2020', 0.25],
      ['Computer vision', '2021', 0.375],
      ['Tabular', '2020', 0.25],
      ['Tabular', '2021', 0.25],
      ['LLMs', '2021', 0.25],
      ['Tabular (gone)', '2020', 0.25],
    ]);
  });
});

describe('changesSpec', () => {
  const spec = changesSpec(input) as any;

  it('joins the two dots of matched segments only, in row order', () => {
    const [rules, dots] = spec.layer;
    expect(rules.data.values).toEqual([
      { label: 'Computer vision', from: 0.25, to: 0.375 },
      { label: 'Tabular', from: 0.25, to: 0.25 },
    ]);
    expect(rules.encoding.y.sort).toEqual(changesLabels(input));
    expect(dots.encoding.y.sort).toEqual(changesLabels(input));
    expect(dots.data.values).toEqual(changesPoints(input));
  });

  it('colors and shapes the dots by year, the earlier year first', () => {
    const dots = spec.layer[1];
    expect(dots.encoding.color.scale).toEqual({ domain: ['2020', '2021'], range: [...YEAR_COLORS] });
    expect(dots.encoding.shape.scale.domain).toEqual(['2020', '2021']);
  });

  it('renders to SVG with the alt text as its accessible name', async () => {
    const svg = await renderSvg(spec, 'light');
    expect(svg).toContain(`aria-label="${changesTable(input).alt.replace(/"/g, '&quot;')}"`);
    expect(svg).toContain('Computer vision');
    expect(svg).toContain('Tabular (gone)');
  });
});

describe('changesTable', () => {
  const table = changesTable(input);

  it("has both years' names, sizes and shares, the change and the similarity", () => {
    expect(table.columns).toEqual([
      'segment in 2020',
      'segment in 2021',
      'change',
      'size 2020',
      'share 2020',
      'size 2021',
      'share 2021',
      'similarity',
    ]);
    expect(table.rows[0]).toEqual(['Vision', 'Computer vision', 'Grows', 100, 0.25, 150, 0.375, 0.93]);
    expect(table.rows[2]).toEqual([null, 'LLMs', 'Appears', null, null, 100, 0.25, null]);
    expect(table.rows[3]).toEqual(['Tabular', null, 'Disappears', 100, 0.25, null, null, null]);
  });

  it('describes the chart: matched, new and gone counts and the largest move', () => {
    expect(table.alt).toBe(
      'Dot plot of segment shares of professionals in 2020 and 2021: 2 segments found in both years, 1 new in 2021, 1 gone since 2020; ' +
        'the largest move is "Computer vision", from 25% to 38%.',
    );
  });
});
