import { describe, expect, it } from 'vitest';
import { mergedStabilityPhrase, stabilityPhrase } from '../../../scripts/identity/stability-phrase.js';
import { stabilityClaims } from '../../../scripts/identity/stability-words.js';

describe('stabilityClaims', () => {
  it('takes the first class word of each sentence, outside front matter, components and code', () => {
    const source = [
      '---',
      'title: Stable people', // front matter: not prose
      '---',
      '',
      'The segment is a pattern rather than fully stable.',
      'It is <Stability/>; `weak` in code is not a claim.',
      'Unstable is not stable? It dissolves.',
    ].join('\n');
    expect(stabilityClaims(source).map((c) => [c.line, c.class, c.word])).toEqual([
      [5, 'pattern', 'pattern'],
      [7, 'stable', 'stable'],
      [7, 'dissolved', 'dissolves'],
    ]);
  });
});

describe('stabilityPhrase', () => {
  it('writes the class and its figures, and says when stability was not measured', () => {
    expect(stabilityPhrase({ jaccard: 0.764, class: 'stable', found: 15, core: 0.8 }, 15)).toBe(
      'stable across re-runs of the clustering (stability 76%, found in 15 of 15 re-runs)',
    );
    expect(stabilityPhrase({ jaccard: 0.58, class: 'weak', found: 12, core: 0.3 }, 15)).toMatch(
      /^weak: .*stability 58%, found in 12 of 15/,
    );
    expect(stabilityPhrase(null, null)).toMatch(/not measured/);
  });
});

describe('mergedStabilityPhrase', () => {
  it('gives each merged part its own class and figures instead of "not measured"', () => {
    const words = mergedStabilityPhrase(
      [
        { jaccard: 0.9, class: 'stable', found: 15, core: 0.8 },
        { jaccard: 0.66, class: 'pattern', found: 13, core: 0 },
      ],
      15,
    );
    expect(words).toBe(
      'shown as one from two segments that the re-runs measure separately: one stable across re-runs of the clustering (stability 90%, found in 15 of 15 re-runs); the other a pattern rather than fully stable across re-runs of the clustering (stability 66%, found in 13 of 15 re-runs)',
    );
    expect(mergedStabilityPhrase([{ jaccard: 0.9, class: 'stable', found: 15, core: 0.8 }, null], null)).toMatch(
      /not measured/,
    );
  });
});
