/**
 * Run-to-run segment identity: matches a new segmentation against the registered segments so that each
 * segment keeps its slug (and the editors' summary that names it) whatever index the clustering gave it.
 *
 *   registry (all entries, retired too) ──┐
 *                                         ├─ similarity matrix ─ optimal assignment ─ threshold ─ new registry
 *   new segmentation (members, lifts) ────┘
 *
 * The similarity is the Jaccard overlap of members when the registry was built on the same respondents
 * (a re-run: the scale of the stability report, so editors see one notion of "same segment"), else the
 * cosine of lift profiles (the data changed, so members cannot be compared).
 */

import { compareSlugs, hashSegmentation } from '../document/io.js';
import type { Registry, RegistryEntry } from '../document/registry-schema.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import { maximumAssignment } from '../infra/assignment.js';
import { decodeMembers, encodeMembers, memberJaccard, respondentSet, sameRespondents } from './members.js';
import { type LiftProfile, liftProfile, roundLift, similarity } from './similarity.js';
import { uniqueSlug } from './slug.js';

/** Similarity a re-run's segment needs to keep a registered slug, unless the registry says otherwise. */
export const REGISTRY_THRESHOLD = 0.5;

export interface MatchOptions {
  /** Minimum similarity for a new segment to keep a registered slug, in [-1, 1]. Default REGISTRY_THRESHOLD. */
  threshold?: number;
}

export interface MatchRow {
  slug: string;
  /** Index in the new segmentation; null when the slug is retired. */
  index: number | null;
  /** Index in the registry before this run; null for a new slug or one that was retired. */
  previousIndex: number | null;
  /** Similarity of the assigned pair, also when it fell below the threshold; null when unpaired. */
  similarity: number | null;
  status: RegistryEntry['status'];
  /** Size in the new segmentation (last known size for a retired slug). */
  size: number;
}

/**
 * Weight of a candidate pair for the assignment. A pair below the threshold weighs nothing: it would be
 * rejected anyway, so it must not pull the assignment away from pairs that pass. Every passing pair gets a
 * bonus larger than any possible sum of similarities, so the assignment first keeps as many slugs as it
 * can and only then prefers the more similar pairs.
 */
function pairWeight(sim: number, threshold: number, bonus: number): number {
  return sim >= threshold ? bonus + sim : 0;
}

/**
 * Matches `doc` against `registry` (null on the first run: every segment is new) and returns the next
 * registry plus one row per new segment and per slug retired in this run. Deterministic: the same inputs
 * give the same registry, entries ordered by index then retired ones by slug, signature keys sorted.
 */
export function matchSegments(
  registry: Registry | null,
  doc: Segmentation,
  { threshold = REGISTRY_THRESHOLD }: MatchOptions = {},
): { registry: Registry; table: MatchRow[] } {
  if (!(threshold >= -1 && threshold <= 1)) throw new RangeError(`threshold must be in [-1, 1], got ${threshold}`);
  const year = doc.survey.year;
  if (registry && registry.year !== year) {
    throw new Error(
      `the registry is for ${registry.year} but the segmentation is for ${year}: registries are per year`,
    );
  }
  // The very segmentation the registry was built from (a re-run that found the same segments): nothing to
  // match, and nothing may change, not even "new" becoming "active".
  if (registry && registry.threshold === threshold && registry.segmentationHash === hashSegmentation(doc)) {
    const table = registry.segments
      .filter((entry) => entry.index !== null)
      .sort((a, b) => a.index! - b.index!)
      .map((entry) => ({
        slug: entry.slug,
        index: entry.index,
        previousIndex: entry.index,
        similarity: entry.similarity,
        status: entry.status,
        size: entry.size,
      }));
    return { registry, table };
  }
  const previous = registry?.segments ?? [];
  const segments = [...doc.segments].sort((a, b) => a.index - b.index);
  const profiles: LiftProfile[] = segments.map((s) => liftProfile(doc, s.index));
  const members = segments.map((s) => encodeMembers(doc, s.index));
  const respondents = respondentSet(doc);
  const measure = registry?.respondents && sameRespondents(registry.respondents, respondents) ? 'members' : 'lift';

  // 1. Similarity of every registered entry (retired ones too: they can come back) to every new segment.
  const memberBits = measure === 'members' ? members.map(decodeMembers) : [];
  const sims = previous.map((entry) =>
    measure === 'members'
      ? memberBits.map((bits) => (entry.members === null ? 0 : memberJaccard(decodeMembers(entry.members), bits)))
      : profiles.map((profile) => similarity(entry.signature, profile)),
  );
  // 2. Optimal assignment, then 3. the threshold decides which pairs keep their slug.
  const bonus = 2 * Math.min(previous.length, segments.length) + 2;
  const pairs = maximumAssignment(sims.map((row) => row.map((sim) => pairWeight(sim, threshold, bonus))));
  const entryOfSegment = new Map<number, { entry: number; sim: number }>();
  const pairedSim = new Map<number, number>();
  for (const { row, col } of pairs) {
    pairedSim.set(row, sims[row][col]);
    if (sims[row][col] >= threshold) entryOfSegment.set(col, { entry: row, sim: sims[row][col] });
  }

  // 4. Kept slugs, then new slugs (deduplicated against every slug ever registered), then retirements.
  const used = new Set(previous.flatMap((e) => [e.slug, ...(e.formerSlugs ?? [])]));
  const matchedEntries = new Set([...entryOfSegment.values()].map((m) => m.entry));
  const entries: RegistryEntry[] = [];
  const table: MatchRow[] = [];
  segments.forEach((segment, col) => {
    const match = entryOfSegment.get(col);
    const old = match ? previous[match.entry] : undefined;
    const slug = old ? old.slug : uniqueSlug(doc, segment.index, used);
    used.add(slug);
    const status = old ? 'active' : 'new';
    const sim = match ? match.sim : null;
    const formerSlugs = old?.formerSlugs?.length ? { formerSlugs: old.formerSlugs } : {};
    entries.push({
      slug,
      index: segment.index,
      status,
      similarity: sim === null ? null : roundLift(sim),
      size: segment.size,
      signature: profiles[col],
      members: members[col],
      ...formerSlugs,
    });
    const assigned = old ? null : pairs.find((p) => p.col === col);
    table.push({
      slug,
      index: segment.index,
      previousIndex: old?.index ?? null,
      similarity: sim ?? (assigned ? sims[assigned.row][col] : null),
      status,
      size: segment.size,
    });
  });
  const retired = previous
    .map((entry, row) => ({ entry, row }))
    .filter(({ row }) => !matchedEntries.has(row))
    .sort((a, b) => compareSlugs(a.entry.slug, b.entry.slug));
  for (const { entry, row } of retired) {
    // Members of a retired entry refer to the respondents of the run it was last seen in; with other data they mean nothing.
    entries.push({
      ...entry,
      index: null,
      status: 'retired',
      similarity: null,
      members: measure === 'members' ? entry.members : null,
    });
    if (entry.status !== 'retired') {
      table.push({
        slug: entry.slug,
        index: null,
        previousIndex: entry.index,
        similarity: pairedSim.get(row) ?? null,
        status: 'retired',
        size: entry.size,
      });
    }
  }
  return {
    registry: { year, threshold, measure, respondents, segmentationHash: hashSegmentation(doc), segments: entries },
    table,
  };
}
