import { describe, expect, it } from 'vitest';
import {
  breakdownSpec,
  liftChartSpec,
  NARROW_WIDTH,
  narrowSpec,
  renderSvg,
  segmentSizesSpec,
  stabilitySpec,
  workActivitySpec,
} from '../../../src/charts/index.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();
const names = [
  'R and Basic statistical software with a long name',
  'Cloud builders',
  'Advanced ML with deep learning frameworks',
];

const specs = [
  ['lift', liftChartSpec(doc, 0, { names })],
  ['breakdown', breakdownSpec(doc, doc.profile.role!, { names })],
  ['breakdown (ordered)', breakdownSpec(doc, doc.profile.mlYears!, { names })],
  ['sizes', segmentSizesSpec(doc, names)],
  ['stability', stabilitySpec(doc, names)],
  ['work activities', workActivitySpec(doc, names)],
] as const;

function svgWidth(svg: string): number {
  return Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]);
}

describe('narrowSpec', () => {
  it.each(specs)(
    '%s: the narrow variant fits a 390 px phone without scaling, with text of at least 11 px',
    async (_, spec) => {
      const svg = await renderSvg(narrowSpec(spec), 'light');
      expect(svgWidth(svg)).toBeLessThanOrEqual(NARROW_WIDTH);
      const sizes = [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    },
  );

  it('wraps long segment names onto lines instead of one long label', async () => {
    const svg = await renderSvg(narrowSpec(segmentSizesSpec(doc, names)), 'light');
    expect(svg).not.toContain(`>${names[0]}</text>`);
    expect(svg).toContain('>R and Basic</tspan>');
  });
});
