/**
 * Stable slugs for a year's segments. The registry (content/registry/<year>.json) maps each slug to the
 * segment's current published index; without a registry, slugs fall back to `segment-<index + 1>`.
 */

import { findDuplicateSlug } from '../document/io.js';
import { fallbackSlug, type Registry } from '../document/registry-schema.js';

export interface SegmentSlug {
  slug: string;
  index: number;
  /** True when the registry marks the segment as first seen in this run. */
  isNew: boolean;
  /** Slugs an editor renamed it from; their URLs redirect to its page. */
  formerSlugs: string[];
}

export interface SlugTable {
  /** One per published index, in index order. */
  byIndex: SegmentSlug[];
  /** Slugs the registry keeps for segments that no longer exist. */
  retired: Set<string>;
}

/** Slugs for `segmentCount` published segments; throws when the registry does not cover them one to one. */
export function slugTable(segmentCount: number, registry: Registry | null, registryName = 'registry'): SlugTable {
  if (!registry) {
    return {
      byIndex: Array.from({ length: segmentCount }, (_, index) => ({
        slug: fallbackSlug(index),
        index,
        isNew: false,
        formerSlugs: [],
      })),
      retired: new Set(),
    };
  }
  const byIndex: (SegmentSlug | undefined)[] = new Array(segmentCount).fill(undefined);
  const retired = new Set<string>();
  const duplicate = findDuplicateSlug(registry);
  if (duplicate) throw new Error(`${registryName}: slug "${duplicate.slug}" is listed twice`);
  for (const entry of registry.segments) {
    if (entry.status === 'retired' || entry.index === null) {
      retired.add(entry.slug);
      continue;
    }
    if (entry.index >= segmentCount) {
      throw new Error(
        `${registryName}: "${entry.slug}" has index ${entry.index}, but the segmentation has ${segmentCount} segments`,
      );
    }
    const taken = byIndex[entry.index];
    if (taken) throw new Error(`${registryName}: "${taken.slug}" and "${entry.slug}" both claim index ${entry.index}`);
    byIndex[entry.index] = {
      slug: entry.slug,
      index: entry.index,
      isNew: entry.status === 'new',
      formerSlugs: entry.formerSlugs ?? [],
    };
  }
  const missing = byIndex.indexOf(undefined);
  if (missing !== -1) throw new Error(`${registryName}: no slug for segment index ${missing}`);
  return { byIndex: byIndex as SegmentSlug[], retired };
}
