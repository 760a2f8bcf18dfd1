import { describe, expect, it } from 'vitest';
import { type LiftChartInput, liftChartRows, liftChartTable } from '../../../src/charts/specs.js';
import {
  allCharts,
  chartId,
  isBreakdownChart,
  LIFT_TOP,
  overviewCharts,
  segmentChart,
  segmentCharts,
} from '../../../src/lib/charts.js';
import { buildYearModel, type SummaryInfo } from '../../../src/lib/model.js';
import { slugTable } from '../../../src/lib/slugs.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';
import { fixtureSubSegments, REGISTRY_2020 } from '../../helpers/site-build.js';

const doc = makeSegmentationFixture();
const tabular: SummaryInfo = {
  id: '2020/tabular',
  filePath: 'content/segments/2020/tabular.mdx',
  segment: 'tabular',
  title: 'Tabular',
  shortName: 'Tabular',
  merge: [],
  subSegments: 2,
};
const model = buildYearModel(doc, slugTable(3, REGISTRY_2020), [tabular], {
  data: fixtureSubSegments(doc),
  file: 'data/subsegments-2020.json',
  command: 'npm run segment',
  whenMissing: 'throw',
});
const withSubs = model.segments.find((s) => s.slug === 'tabular')!;

describe('the chart catalogue', () => {
  it('gives every chart of the year its own id', () => {
    const ids = allCharts(model).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('finds each segment chart under the id chartId builds for its kind', () => {
    const kinds = ['lift', 'map', { breakdown: doc.profile.role }, { subSegment: 0 }, { subSegment: 1 }] as const;
    for (const kind of kinds)
      expect(segmentChart(model, withSubs.position, kind).id).toBe(chartId.segment('tabular', kind));
    expect(segmentCharts(model, withSubs.position).map((c) => c.id)).toContain('tabular-sub-2-lift');
    expect(() => segmentChart(model, withSubs.position, { subSegment: 2 })).toThrow(/no chart tabular-sub-3-lift/);
  });

  it('tells the overview breakdowns from its other charts', () => {
    const breakdowns = overviewCharts(model)
      .filter(isBreakdownChart)
      .map((c) => c.id);
    expect(breakdowns).toContain(chartId.breakdown(doc.profile.role));
    expect(breakdowns).not.toContain(chartId.workActivities);
  });

  it("draws a sub-segment's lift against its segment, from the parts alone", () => {
    const sub = withSubs.subSegments!;
    // Only what the chart draws: the year's answers, the parts, the segment's rates as the base.
    const input: LiftChartInput = {
      features: doc.features,
      questions: doc.questions,
      overall: { rates: sub.baseRates },
      segments: sub.parts.map((p, j) => ({ index: j, rates: p.rates, lift: p.lift })),
    };
    const table = segmentChart(model, withSubs.position, { subSegment: 0 }).table;
    expect(table.columns).toEqual(['rank', 'question', 'answer', 'group', 'segment rate', 'sub-segment rate', 'lift']);
    expect(table.rows).toEqual(liftChartTable(input, 0, { top: LIFT_TOP, baseline: 'segment' }).rows);
    // Against the segment, not all professionals: the base column is the segment's rate of the answer.
    const top = liftChartRows(input, 0, 1)[0];
    const feature = doc.features.findIndex((f) => f.id === top.featureId);
    expect(sub.baseRates[feature]).not.toBeCloseTo(model.view.overall.rates[feature], 3);
    expect(table.rows[0][4]).toBeCloseTo(sub.baseRates[feature], 4);
  });
});
