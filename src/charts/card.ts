/**
 * Social cards (og:image) at 1200×630, light theme, large type: a segment page's shows its lift chart, a
 * year overview's the year's segments by size.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import { segmentName } from './data.js';
import { type LiftChartInput, liftChartSpec } from './lift.js';
import { type SizesChartInput, segmentSizesSpec } from './sizes.js';

/** The survey's title, which both cards write under their chart. */
type Titled = { survey: Pick<Segmentation['survey'], 'title'> };
/** What a segment page's card draws: its lift chart, under the survey's title. */
export type SocialCardInput = LiftChartInput & Titled;
/** What a year overview's card draws: the segments by size, under the survey's title. */
export type YearCardInput = SizesChartInput & Titled;

export const SOCIAL_CARD = { width: 1200, height: 630 } as const;

export interface SocialCardOptions {
  names?: readonly string[];
  /** Answers shown (default 8: fewer than the page's 15, so the text stays legible in a preview). */
  top?: number;
}

export function socialCardSpec(
  doc: SocialCardInput,
  segmentIndex: number,
  options: SocialCardOptions = {},
): TopLevelSpec {
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
    padding: 24,
    config: { axis: { labelFontSize: 16, titleFontSize: 15 } },
  } as TopLevelSpec;
}

export interface YearCardOptions {
  /** Segment display names by segment index. */
  names?: readonly string[];
}

/** The social card of a year overview: the survey's title, how many segments of how many professionals, their sizes. */
export function yearCardSpec(doc: YearCardInput, options: YearCardOptions = {}): TopLevelSpec {
  const base = segmentSizesSpec(doc, options.names);
  const count = doc.segments.length;
  return {
    ...base,
    title: {
      text: doc.survey.title,
      subtitle: `${count} practitioner ${count === 1 ? 'segment' : 'segments'} of ${doc.counts.professionals.toLocaleString('en-US')} professionals, by size`,
      fontSize: 30,
      subtitleFontSize: 18,
      subtitlePadding: 6,
      offset: 16,
      anchor: 'start',
    },
    width: 520,
    // A fixed plot height (not a step per bar), so that any number of segments fits the card.
    height: 380,
    padding: 24,
    config: { axis: { labelFontSize: 16, titleFontSize: 15 }, text: { fontSize: 15 } },
  } as TopLevelSpec;
}
