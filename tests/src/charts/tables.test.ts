import { describe, expect, it } from 'vitest';
import {
  breakdownTable,
  liftChartTable,
  mapTable,
  segmentSizesTable,
  toCsv,
  toRecords,
  workActivityCells,
  workActivitySpec,
  workActivityTable,
} from '../../../src/charts/index.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();
const names = ['Advanced ML', 'Tabular ML', 'Getting started'];

describe('toCsv', () => {
  it('quotes cells with separators, quotes or line breaks, and leaves nulls empty', () => {
    const csv = toCsv({
      columns: ['a', 'b, c'],
      rows: [
        ['say "hi"', 1.5],
        [null, 'two\nlines'],
      ],
    });
    expect(csv).toBe('a,"b, c"\r\n"say ""hi""",1.5\r\n,"two\nlines"\r\n');
  });
});

describe('toRecords', () => {
  it('keys each row by the column headers', () => {
    expect(toRecords({ columns: ['segment', 'size'], rows: [['A', 3]] })).toEqual([{ segment: 'A', size: 3 }]);
  });
});

describe('chart tables', () => {
  const tables = {
    lift: liftChartTable(doc, 0, { names }),
    breakdown: breakdownTable(doc, doc.profile.role, { names }),
    map: mapTable(doc),
    sizes: segmentSizesTable(doc, names),
    activities: workActivityTable(doc, names),
  };

  it.each(Object.entries(tables))('%s: rows match the columns and the alt text is one sentence', (_, table) => {
    expect(table.rows.length).toBeGreaterThan(0);
    for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
    expect(table.alt).toMatch(/^[A-Z][^\n]*\.$/);
    expect(table.alt.split(/\.\s+[A-Z]/)).toHaveLength(1);
  });

  it('sizes: segments in published order with their sizes', () => {
    expect(tables.sizes.rows.map((r) => [r[0], r[1]])).toEqual(doc.segments.map((s, i) => [names[i], s.size]));
  });
});

describe('work activities', () => {
  it('has one cell per segment and work-activity answer, with the segment’s lift', () => {
    const cells = workActivityCells(doc, names);
    const answers = doc.questions.find((q) => q.code === doc.workActivities)!.answers;
    expect(cells).toHaveLength(doc.segments.length * answers.length);
    for (const cell of cells) {
      const feature = doc.features.findIndex((f) => f.id === answers[cell.answerOrder].id);
      expect(cell.lift).toBe(doc.segments[cell.segment].lift[feature]);
    }
  });

  it('centers the diverging scale at zero and prints the value in each cell', () => {
    const spec = workActivitySpec(doc, names) as any;
    const scale = spec.layer[0].encoding.color.scale;
    expect(scale.domainMid).toBe(0);
    expect(scale.domain[0]).toBe(-scale.domain[1]);
    expect(spec.layer[1].mark.type).toBe('text');
    expect(spec.layer[1].encoding.text.field).toBe('lift');
  });

  it('writes the lift in points, as the rest of the site does (no percent signs)', () => {
    const spec = workActivitySpec(doc, names) as any;
    const cells = workActivityCells(doc, names);
    spec.data.values.forEach((v: { lift: number; liftText: string }, k: number) => {
      expect(v.lift).toBeCloseTo(cells[k].lift * 100, 1);
      expect(v.liftText).toMatch(/ points$/);
    });
    expect(spec.layer[1].encoding.text.format).not.toContain('%');
    expect(spec.layer[0].encoding.color.legend.title).toMatch(/points/);
  });
});
