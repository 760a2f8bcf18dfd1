/**
 * An editor's lineage summary (content/lineages/<id>.mdx): a short text about one segment's story across
 * survey years, bound to the data by the segments it names. The site shows it on the "Six surveys" page
 * beside the lineage that holds those segments; `summaries:check` fails when they are not one lineage.
 */
import { z } from 'zod';
import { SLUG_PATTERN } from './registry-schema.js';

/** `YEAR/slug`, as summaries are filed (content/segments/YEAR/slug.mdx). */
export const LINEAGE_SEGMENT_PATTERN = new RegExp(`^(\\d{4})/(${SLUG_PATTERN.source.replace(/^\^|\$$/g, '')})$`);

export const LineageSummarySchema = z
  .object({
    /** The lineage's name on the page and in the chart, e.g. "R and the tidyverse". */
    title: z.string().min(1).max(60),
    /** The segments of the lineage this summary is about, as `YEAR/slug`; at least one. */
    segments: z
      .array(z.string().regex(LINEAGE_SEGMENT_PATTERN, 'a lineage segment is YEAR/slug, e.g. 2021/rstudio-r-ggplot'))
      .min(1),
  })
  .strict();
export type LineageSummary = z.infer<typeof LineageSummarySchema>;

export function parseLineageSegment(value: string): { year: number; slug: string } {
  const match = LINEAGE_SEGMENT_PATTERN.exec(value);
  if (!match) throw new RangeError(`"${value}" is not YEAR/slug`);
  return { year: Number(match[1]), slug: match[2] };
}
