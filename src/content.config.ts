/**
 * What the site reads, as content-layer collections (so the dev server reloads when any of it changes):
 * - `segments`: editors' summaries, one MDX file per segment, `content/segments/<year>/<slug>.mdx`, keyed by
 *   the segment's stable slug (from content/registry/<year>.json), never by its index in a run;
 * - `years`: an introduction per year, `content/years/<year>.mdx`, shown on the year's overview;
 * - `segmentations`: the segmentation documents `data/segmentation-<year>.json`, keyed by year;
 * - `subsegmentations`: the sub-segments summaries ask for, `data/subsegments-<year>.json`, keyed by year;
 * - `registries`: the segment registries `content/registry/<year>.json`, keyed by year;
 * - `lineages`: editors' lineage summaries `content/lineages/<id>.mdx`.
 * Directories come from the environment (src/settings/env.ts), so tests and the demo build their own inputs.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { LineageSummarySchema } from '../scripts/document/lineage-schema.js';
import { RegistrySchema } from '../scripts/document/registry-schema.js';
import { SegmentationSchema } from '../scripts/document/segmentation-schema.js';
import { SummarySchema, YearIntroductionSchema } from '../scripts/document/summary-schema.js';
import { siteInputs } from './settings/env.js';

const inputs = siteInputs();

/**
 * glob() without its warning for a folder that does not exist (yet): data/ before the first `npm run segment`
 * (so every `astro check` of a fresh checkout opened with it), the demo's lineages/. The loader still watches
 * the folder, so files that appear there later are read.
 */
function globMaybeAbsent(options: Parameters<typeof glob>[0]): ReturnType<typeof glob> {
  const inner = glob(options);
  return {
    ...inner,
    load: (context) => {
      const logger = Object.create(context.logger, {
        warn: {
          value: (message: string) =>
            /^The base directory ".*" does not exist\.$/.test(message) ? undefined : context.logger.warn(message),
        },
      });
      return inner.load({ ...context, logger });
    },
  };
}
const YEAR_FILE = /(\d{4})\.json$/;

const segments = defineCollection({
  loader: globMaybeAbsent({
    pattern: '*/*.mdx',
    base: inputs.contentDir,
    // `<year>/<slug>`: the file name is the key, whatever the title says.
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: SummarySchema,
});

const years = defineCollection({
  loader: globMaybeAbsent({
    pattern: '[0-9][0-9][0-9][0-9].mdx',
    base: inputs.yearsDir,
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: YearIntroductionSchema,
});

const segmentations = defineCollection({
  loader: globMaybeAbsent({
    pattern: 'segmentation-[0-9][0-9][0-9][0-9].json',
    base: inputs.dataDir,
    generateId: ({ entry }) => YEAR_FILE.exec(entry)![1],
  }),
  schema: SegmentationSchema,
});

const subsegmentations = defineCollection({
  loader: globMaybeAbsent({
    pattern: 'subsegments-[0-9][0-9][0-9][0-9].json',
    base: inputs.dataDir,
    generateId: ({ entry }) => YEAR_FILE.exec(entry)![1],
  }),
  // Only the version here: a file of an older version is a page's "compute them again" notice on the dev
  // server, not a collection error that takes every page of the year down; src/lib/site.ts checks the rest.
  schema: z.object({ schemaVersion: z.number().int() }).loose(),
});

const registries = defineCollection({
  loader: globMaybeAbsent({
    pattern: '[0-9][0-9][0-9][0-9].json',
    base: inputs.registryDir,
    generateId: ({ entry }) => YEAR_FILE.exec(entry)![1],
  }),
  schema: RegistrySchema,
});

// Lineage summaries, content/lineages/<id>.mdx (beside the segments' folder), for the "Six surveys" page.
const lineages = defineCollection({
  loader: globMaybeAbsent({
    pattern: '*.mdx',
    base: inputs.lineagesDir,
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: LineageSummarySchema,
});

export const collections = { segments, years, segmentations, subsegmentations, registries, lineages };
