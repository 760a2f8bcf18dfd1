import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  liftChartRows,
  liftChartSpec,
  renderPng,
  renderSocialCard,
  renderSvg,
  renderYearCard,
  SOCIAL_CARD,
  segmentSizesSpec,
} from '../../../src/charts/index.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('renderSvg', () => {
  it('draws the labels of the top bars', async () => {
    const svg = await renderSvg(liftChartSpec(doc, 0, { top: 5 }), 'light');
    for (const row of liftChartRows(doc, 0, 5)) expect(svg).toContain(`>${escapeXml(row.label)}</text>`);
  });

  it('is deterministic, also after other renders', async () => {
    const spec = liftChartSpec(doc, 1);
    const first = await renderSvg(spec, 'dark');
    await renderSvg(segmentSizesSpec(doc), 'light');
    expect(await renderSvg(spec, 'dark')).toBe(first);
  });

  it('labels the figure with its alt text and writes text in Source Sans 3', async () => {
    const spec = liftChartSpec(doc, 2);
    const svg = await renderSvg(spec, 'light');
    const alt = escapeXml(spec.description!).replace(/"/g, '&quot;');
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(svg).toContain(`aria-label="${alt}"`);
    expect(svg).toContain(`<title>${alt}</title>`);
    expect(svg).toContain('font-family="&quot;Source Sans 3&quot;, sans-serif"');
  });

  it('follows the theme', async () => {
    const spec = segmentSizesSpec(doc);
    expect(await renderSvg(spec, 'light')).not.toBe(await renderSvg(spec, 'dark'));
  });
});

describe('renderPng', () => {
  it('returns a PNG of the requested size', async () => {
    const png = await renderPng(liftChartSpec(doc, 0), { width: 640 });
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(640);
    const card = await sharp(await renderSocialCard(doc, 1)).metadata();
    expect([card.width, card.height]).toEqual([SOCIAL_CARD.width, SOCIAL_CARD.height]);
    const yearCard = await sharp(await renderYearCard(doc)).metadata();
    expect([yearCard.format, yearCard.width, yearCard.height]).toEqual(['png', SOCIAL_CARD.width, SOCIAL_CARD.height]);
  });

  it('draws text with the chart font rather than a fallback', async () => {
    const text = (family: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><text x="4" y="28" font-family="${family}" font-size="24">Rigid gilt 0123</text></svg>`;
    const [ours, missing] = await Promise.all([
      renderPng(text("'Source Sans 3'"), { width: 300 }),
      renderPng(text("'No Such Font'"), { width: 300 }),
    ]);
    // If fontconfig did not find Source Sans 3 both would be drawn with the same fallback font.
    expect(ours.equals(missing)).toBe(false);
  });
});
