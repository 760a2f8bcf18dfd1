/**
 * Where a segment's stability (its mean Jaccard overlap with its match over the re-runs) changes class:
 * clusterboot's reading of the numbers (Hennig 2007). The segmentation step classifies with them and records
 * them in the document; the site and `summaries:check` read them from here when a document has none.
 */
export const STABILITY_THRESHOLDS = {
  /** Stable from here. */
  stable: 0.75,
  /** A pattern from here, weak below. */
  pattern: 0.6,
  /** Dissolved below; also the overlap at which a segment counts as found in a re-run. */
  dissolved: 0.5,
  /** Share of the runs a member must sit in its segment's match to count in the segment's core. */
  coreShareOfRuns: 0.8,
} as const;
