/**
 * What `<Stability/>` writes in a summary: the segment's class and its figures in words, from the document,
 * so the sentence changes with the data. Kept beside the claim check so that the words are the check's words.
 */
import type { SegmentResult } from '../document/segmentation-schema.js';

const PHRASES = {
  stable: 'stable across re-runs of the clustering',
  pattern: 'a pattern rather than fully stable across re-runs of the clustering',
  weak: 'weak: re-runs of the clustering often break it up',
  dissolved: 'dissolves when the clustering is re-run, so it may be an artefact of one seed',
} as const;

/** "stable across re-runs of the clustering (stability 76%, found in 15 of 15 re-runs)"; null stability: not measured. */
export function stabilityPhrase(stability: SegmentResult['stability'], runs: number | null): string {
  if (!stability || !runs) return 'not measured for stability (the segmentation was run once)';
  return `${PHRASES[stability.class]} (stability ${Math.round(stability.jaccard * 100)}%, found in ${stability.found} of ${runs} re-runs)`;
}

const COUNT_WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six'];

/**
 * `<Stability/>` on a page that shows several segments as one (`merge:`): the re-runs matched each part on its own,
 * so the union has no figure of its own; this names each part's class and figures instead of claiming none.
 */
export function mergedStabilityPhrase(parts: SegmentResult['stability'][], runs: number | null): string {
  if (!runs || parts.some((p) => !p)) return stabilityPhrase(null, runs);
  const each = parts.map(
    (p, i) => `${i === 0 ? 'one' : i === parts.length - 1 ? 'the other' : 'another'} ${stabilityPhrase(p, runs)}`,
  );
  return `shown as one from ${COUNT_WORDS[parts.length] ?? parts.length} segments that the re-runs measure separately: ${each.join('; ')}`;
}
