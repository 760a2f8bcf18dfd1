/**
 * The committed registry of segments per year (content/registry/<year>.json): gives each segment a stable
 * slug that editors' MDX uses, whatever index the clustering gave it in a given run.
 */
import { z } from 'zod';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The slug of a segment that has no better one: its published position, from 1. */
export function fallbackSlug(index: number): string {
  return `segment-${index + 1}`;
}

export const RegistryEntrySchema = z
  .object({
    /** Stable identity; editors' MDX names it in front matter (`segment: <slug>`). */
    slug: z.string().regex(SLUG_PATTERN),
    /** Published index of the matched segment in the current segmentation JSON; null when retired. */
    index: z.number().int().min(0).nullable(),
    /** `active`: matched a registered segment; `new`: first seen in the current run; `retired`: no match. */
    status: z.enum(['active', 'new', 'retired']),
    /** Similarity of the match that kept this slug (null for new and retired ones). */
    similarity: z.number().nullable(),
    /** Size in the run it was last matched. */
    size: z.number().int().min(0),
    /** Lift profile when last matched (feature id -> lift), used to match the next run. */
    signature: z.record(z.string(), z.number()),
    /**
     * Members when last matched: base64 of a bitset over the kept respondents in file order (see
     * `respondents`). A re-run on the same respondents matches on these, by Jaccard overlap.
     */
    // Registries written before members were recorded have none: they match on lifts once, then get them.
    members: z.string().nullable().default(null),
    /**
     * Slugs an editor renamed this segment from (newest last): its pages were published under them, so the
     * site keeps a redirect at each, and no new segment is given one.
     */
    formerSlugs: z.array(z.string().regex(SLUG_PATTERN)).optional(),
  })
  .strict();

/** Which respondents the entries' `members` bitsets refer to: the kept rows of one input under one config. */
export const RespondentSetSchema = z
  .object({
    inputSha256: z.string(),
    configHash: z.string(),
    kept: z.number().int().min(0),
  })
  .strict();

export const RegistrySchema = z
  .object({
    year: z.number().int(),
    /** Minimum similarity for a new segment to keep a registered slug. */
    threshold: z.number().min(-1).max(1),
    /**
     * How the last match measured similarity: 'members', the Jaccard overlap of members (a re-run on the same
     * respondents; the scale of the stability report), or 'lift', the cosine of lift profiles (other data).
     */
    measure: z.enum(['members', 'lift']).default('lift'),
    /** The respondents that `members` refer to (null in registries written before members were recorded). */
    respondents: RespondentSetSchema.nullable().default(null),
    /** sha256 of the segmentation document the indices refer to. */
    segmentationHash: z.string(),
    segments: z.array(RegistryEntrySchema),
  })
  .strict();

export type Registry = z.infer<typeof RegistrySchema>;
export type RegistryEntry = z.infer<typeof RegistryEntrySchema>;
export type RespondentSet = z.infer<typeof RespondentSetSchema>;
