import { describe, expect, it } from 'vitest';
import { renderSvg, STABILITY_LABELS, stabilitySpec } from '../../../src/charts/index.js';
import { thresholdBands } from '../../../src/charts/stability.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();

describe('stability chart thresholds', () => {
  it('splits 0-1 into the four classes at the document thresholds, each labelled at its middle', () => {
    const bands = thresholdBands({ stable: 0.75, pattern: 0.6, dissolved: 0.5 });
    expect(bands.map((b) => [b.label, b.from, b.to])).toEqual([
      [STABILITY_LABELS.dissolved, 0, 0.5],
      [STABILITY_LABELS.weak, 0.5, 0.6],
      [STABILITY_LABELS.pattern, 0.6, 0.75],
      [STABILITY_LABELS.stable, 0.75, 1],
    ]);
    expect(bands.map((b) => b.middle)).toEqual([0.25, 0.55, 0.675, 0.875]);
  });

  it('writes each class name over its band in the rendered chart', async () => {
    const spec = stabilitySpec(doc) as any;
    const labels = spec.layer[1];
    expect(labels.mark.type).toBe('text');
    expect(labels.data.values.map((v: { label: string }) => v.label)).toEqual([
      'Dissolves',
      'Weak',
      'A pattern',
      'Stable',
    ]);
    // The legend names the classes too: the bands add one more of each name than the chart without them.
    const count = (svg: string, label: string) => svg.split(`>${label}</text>`).length - 1;
    const withBands = await renderSvg(spec, 'light');
    const without = await renderSvg({ ...spec, layer: spec.layer.filter((_: unknown, i: number) => i !== 1) }, 'light');
    for (const label of Object.values(STABILITY_LABELS))
      expect(count(withBands, label)).toBe(count(without, label) + 1);
  });
});
