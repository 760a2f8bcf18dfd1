/**
 * Editors' summaries: one MDX file per segment, `content/segments/<year>/<slug>.mdx`, keyed by the
 * segment's stable slug (from content/registry/<year>.json), never by its index in a run.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { siteInputs } from './lib/env.js';

const featureLift = z
  .object({
    /** Feature id as in the segmentation document, e.g. `Q7_Part_1`. */
    feature: z.string().min(1),
    /** Lift the editor saw, as a fraction (0.37 = +37 points). */
    lift: z.number().min(-1).max(1),
  })
  .strict();

export const SummarySchema = z
  .object({
    /** Page title, e.g. "Computer vision". */
    title: z.string().min(1),
    /** Name used in charts, tables and navigation (keep it under ~25 characters). */
    shortName: z.string().min(1).max(40),
    /** The slug of the segment this summary describes; must equal the file name. */
    segment: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    /** Slugs of other segments shown together with this one as a single segment. Default: none. */
    merge: z.array(z.string()).default([]),
    /**
     * What the editor saw when writing: the date and the top answers by lift. Later runs compare the
     * current lift with these to flag summaries whose figures have drifted. Optional.
     */
    reviewed: z
      .object({
        /** Day of the review (YAML date or `YYYY-MM-DD`). */
        date: z.coerce.date(),
        top: z.array(featureLift).min(1),
      })
      .strict()
      .optional(),
  })
  .strict();

const segments = defineCollection({
  loader: glob({
    pattern: '*/*.mdx',
    base: siteInputs().contentDir,
    // `<year>/<slug>`: the file name is the key, whatever the title says.
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: SummarySchema,
});

export const collections = { segments };
