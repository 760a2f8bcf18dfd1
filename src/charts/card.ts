/** The social card of a segment page: its lift chart at 1200×630, light theme, large type. */
import type { TopLevelSpec } from 'vega-lite';
import type { Segmentation } from '../../scripts/segment/result-schema.js';
import { segmentName } from './data.js';
import { liftChartSpec } from './lift.js';

export const SOCIAL_CARD = { width: 1200, height: 630 } as const;

export interface SocialCardOptions {
  names?: readonly string[];
  /** Answers shown (default 8: fewer than the page's 15, so the text stays legible in a preview). */
  top?: number;
}

export function socialCardSpec(doc: Segmentation, segmentIndex: number, options: SocialCardOptions = {}): TopLevelSpec {
  const { top = 8, names } = options;
  const base = liftChartSpec(doc, segmentIndex, { top, names, width: 420, legend: false });
  return {
    ...base,
    title: {
      text: segmentName(names, segmentIndex),
      subtitle: `Answers chosen most above average · ${doc.survey.title}`,
      fontSize: 30,
      subtitleFontSize: 18,
      subtitlePadding: 6,
      offset: 16,
    },
    height: 360,
    padding: 24,
    config: { axis: { labelFontSize: 16, titleFontSize: 15 } },
  } as TopLevelSpec;
}
