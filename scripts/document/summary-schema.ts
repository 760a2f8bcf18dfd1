/**
 * An editor's summary (content/segments/<year>/<slug>.mdx): what its front matter may say. The site's
 * content collection validates with `SummarySchema`; `summaries:check` reads the `reviewed` block with
 * `ReviewedSchema`; the segment command reads `subSegments` and `merge`. A year's introduction
 * (content/years/<year>.mdx) has its own, `YearIntroductionSchema`; `summaries:check` checks both as the site does.
 */
import { z } from 'zod';
import { SLUG_PATTERN } from './registry-schema.js';

/** Sub-segments a summary may ask for: more would be read as a segmentation of its own. */
export const MAX_SUB_SEGMENTS = 6;

/** An answer's lift as the editor saw it. */
const FeatureLiftSchema = z
  .object({
    /** Feature id as in the segmentation document, e.g. `Q7_Part_1`. */
    feature: z.string().min(1),
    /** Lift the editor saw, as a fraction (0.37 = +37 points). */
    lift: z.number().min(-1).max(1),
  })
  .strict();

/** What the editor saw when writing: the date and the top answers by lift. */
function reviewedWith<D extends z.ZodType>(date: D) {
  return z
    .object({
      date,
      top: z.array(FeatureLiftSchema).min(1),
      /** The segment's stability class when reviewed: a later class change puts the page under review. */
      stability: z.enum(['stable', 'pattern', 'weak', 'dissolved']).optional(),
      /**
       * Its sub-segments when reviewed (a summary with `subSegments`), largest first: each one's size and top
       * answers by lift against the segment. A different split later (673 + 569 then, 840 + 393 now) puts the page under review.
       */
      subSegments: z
        .array(z.object({ size: z.number().int().min(1), top: z.array(FeatureLiftSchema).min(1) }).strict())
        .min(1)
        .optional(),
    })
    .strict();
}

/**
 * The `reviewed` block as `summaries:check` and `summaries:review` read and write it: the date as YAML gives
 * it (a date or a string).
 */
export const ReviewedSchema = reviewedWith(z.union([z.string().min(1), z.date()]));
export type Reviewed = z.infer<typeof ReviewedSchema>;

export const SummarySchema = z
  .object({
    /** Page title, e.g. "Computer vision". */
    title: z.string().min(1),
    /** Name used in charts, tables and navigation (keep it under ~25 characters). */
    shortName: z.string().min(1).max(40),
    /** The slug of the segment this summary describes; must equal the file name. */
    segment: z.string().regex(SLUG_PATTERN),
    /** Slugs of other segments shown together with this one as a single segment. Default: none. */
    merge: z.array(z.string()).default([]),
    /**
     * Split this segment into this many sub-segments (2-6), as the notebook split its most varied cluster:
     * `npm run segment` clusters the segment's members again and the page shows each sub-segment's lift.
     */
    subSegments: z.number().int().min(2).max(MAX_SUB_SEGMENTS).optional(),
    /**
     * What the editor saw when writing. Later runs compare the current lift with it to flag summaries whose
     * figures have drifted. Optional. The site reads the date as a day (YAML date or `YYYY-MM-DD`).
     */
    reviewed: reviewedWith(z.coerce.date()).optional(),
  })
  .strict();
/** A summary's front matter as the content collection hands it over (defaults applied, the date a Date). */
export type SummaryFrontMatter = z.output<typeof SummarySchema>;

/** A year's introduction (content/years/<year>.mdx). */
export const YearIntroductionSchema = z
  .object({
    /** A short headline for the year's overview, e.g. "Cloud platforms draw the lines". */
    title: z.string().min(1),
    /** One sentence for the home page: the year's main finding. */
    headline: z.string().min(1).max(240).optional(),
  })
  .strict();

/** One line per problem of a front matter against `schema`, naming the field as an editor wrote it. */
export function frontMatterProblems(file: string, data: unknown, schema: z.ZodType): string[] {
  const parsed = schema.safeParse(data);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      return `${file}: front matter has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    const value = issue.path.reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined),
      data,
    );
    if (issue.code === 'too_big' && typeof value === 'string')
      return `${file}: front matter "${field}" is ${value.length} characters long; at most ${String(issue.maximum)}`;
    if (issue.code === 'invalid_type' && value === undefined) return `${file}: front matter has no "${field}"`;
    return `${file}: front matter "${field}": ${issue.message.replace(/^Invalid input: /, '')}`;
  });
}
