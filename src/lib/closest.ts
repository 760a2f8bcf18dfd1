/**
 * "Did you mean" for a wrong id an editor typed: the candidates nearest by edit distance, or the one whose
 * text is what the editor wrote (`answer="Python"` suggests `Q7_Part_1`).
 */
export interface Candidate {
  id: string;
  /** The answer's or segment's text, matched when the editor wrote the text instead of the id. */
  label?: string;
}

/** Levenshtein distance: insertions, deletions and substitutions each cost one. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Up to `n` candidates close to `value`: first those whose text contains it (case-insensitive), then those
 * within an edit distance of a third of the value's length (at least 2), nearest first.
 */
export function closestCandidates(value: string, candidates: Candidate[], n = 3): Candidate[] {
  const wanted = value.trim().toLowerCase();
  const byText = wanted.length >= 3 ? candidates.filter((c) => c.label?.toLowerCase().includes(wanted)) : [];
  const limit = Math.max(2, Math.floor(value.length / 3));
  const byId = candidates
    .map((c) => ({ c, d: editDistance(value.toLowerCase(), c.id.toLowerCase()) }))
    .filter(({ c, d }) => d <= limit && !byText.includes(c))
    .sort((x, y) => x.d - y.d)
    .map(({ c }) => c);
  return [...byText, ...byId].slice(0, n);
}

/** `; did you mean "Q7_Part_9" (Bash) or "Q7_Part_1" (Python)?`, or '' when nothing is close. */
export function didYouMean(value: string, candidates: Candidate[], n = 3): string {
  const near = closestCandidates(value, candidates, n);
  if (near.length === 0) return '';
  const shown = near.map((c) => `"${c.id}"${c.label ? ` (${c.label})` : ''}`);
  return `; did you mean ${shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`}?`;
}
