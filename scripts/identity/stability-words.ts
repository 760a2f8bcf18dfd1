/**
 * Hand-written words that name a stability class ("stable", "a pattern", "weak", "dissolves"): the claims
 * `summaries:check` compares with the segment's current class, because a re-run can change the class while
 * the prose stays. `<Stability/>` writes the class from the data instead, so it is never a claim here.
 */
import type { SegmentResult } from '../document/segmentation-schema.js';

export type StabilityClass = NonNullable<SegmentResult['stability']>['class'];

/** The word an editor would write for each class, as a whole word ("unstable" is not "stable"). */
const CLASS_WORDS: Record<StabilityClass, RegExp> = {
  stable: /\bstable\b/i,
  pattern: /\bpatterns?\b/i,
  weak: /\bweak\b/i,
  dissolved: /\bdissolv(?:e|es|ed|ing)\b/i,
};

export interface StabilityClaim {
  class: StabilityClass;
  word: string;
  /** 1-based line in the file. */
  line: number;
  sentence: string;
}

/**
 * The class each sentence of the prose claims: its first class word, so that "a pattern rather than fully
 * stable" claims "pattern". Front matter, code, and JSX tags (the components) are not prose.
 */
export function stabilityClaims(source: string): StabilityClaim[] {
  const lines = source.split('\n');
  let start = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (end > 0) start = end + 1;
  }
  // Blank out what is not prose, keeping line breaks so that offsets still give line numbers.
  const prose = lines
    .map((l, i) => (i < start ? '' : l))
    .join('\n')
    .replace(/```[\s\S]*?```/g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length))
    .replace(/<[^<>]*>/g, (m) => m.replace(/[^\n]/g, ' '));
  const claims: StabilityClaim[] = [];
  for (const match of prose.matchAll(/[^.!?;:]+[.!?;:]?/g)) {
    const sentence = match[0];
    let first: { cls: StabilityClass; at: number; word: string } | null = null;
    for (const [cls, pattern] of Object.entries(CLASS_WORDS) as [StabilityClass, RegExp][]) {
      const found = pattern.exec(sentence);
      if (found && (first === null || found.index < first.at)) first = { cls, at: found.index, word: found[0] };
    }
    if (!first) continue;
    const offset = match.index! + first.at;
    claims.push({
      class: first.cls,
      word: first.word,
      line: prose.slice(0, offset).split('\n').length,
      sentence: sentence.replace(/\s+/g, ' ').trim(),
    });
  }
  return claims;
}
