/**
 * The sub-segments document (`data/subsegments-<year>.json`): the segments whose summaries ask for them
 * (`subSegments: N`), each split again, written beside the segmentation by `npm run segment`
 * (scripts/segment/subsegment.ts). It follows its segmentation (`segmentationSha256`), so its schema is
 * versioned on its own. Bump SUB_SEGMENTS_SCHEMA_VERSION on any incompatible change.
 */
import { z } from 'zod';
import { ClusterStabilitySchema, RateSchema } from './segmentation-schema.js';

/**
 * `rates` and `lift` run over the segmentation's `features`; lift is against the segment's own rates.
 * Version 2 added each part's `stability` and the segment's `stabilityRuns`.
 */
export const SUB_SEGMENTS_SCHEMA_VERSION = 2;

export const SubSegmentationsSchema = z
  .object({
    schemaVersion: z.literal(SUB_SEGMENTS_SCHEMA_VERSION),
    year: z.number().int(),
    /** sha256 of the segmentation document they split: a re-segmented year makes them stale. */
    segmentationSha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** Covers the document, the declarations, the seed and the code: equal keys give the same file. */
    cacheKey: z.string(),
    seed: z.number().int(),
    segments: z.array(
      z
        .object({
          /** The segment's slug, as in the registry and the summary's file name. */
          slug: z.string(),
          /** Published segment indices whose members were split: the segment and those merged into it. */
          indices: z.array(z.number().int().min(0)).min(1),
          /** Sub-segments asked for (the summary's `subSegments`). */
          count: z.number().int().min(2),
          members: z.number().int().min(1),
          /** Response rate per feature over all the members. */
          baseRates: z.array(RateSchema),
          /** Re-runs of the split (embedding and mixture) with seeds derived from `seed`; 0 when none were made. */
          stabilityRuns: z.number().int().min(0),
          parts: z
            .array(
              z
                .object({
                  size: z.number().int().min(1),
                  share: RateSchema,
                  rates: z.array(RateSchema),
                  lift: z.array(z.number().min(-1).max(1)),
                  /** How the sub-segment held up when its segment's members were split again with other seeds; null without re-runs. */
                  stability: ClusterStabilitySchema.nullable(),
                })
                .strict(),
            )
            .min(1),
        })
        .strict(),
    ),
  })
  .strict();

export type SubSegmentations = z.infer<typeof SubSegmentationsSchema>;
/** One segment's split, as pages, drift checks and reviews read it. */
export type SubSegmentation = SubSegmentations['segments'][number];
