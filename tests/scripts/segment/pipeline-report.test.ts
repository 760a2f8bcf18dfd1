import { describe, expect, it } from 'vitest';
import { stabilityByIndex } from '../../../scripts/segment/pipeline.js';

describe('stabilityByIndex', () => {
  it('lists classes by published index, not by mixture component', () => {
    // Component 0 was published as segment 2, component 2 as segment 0.
    const segments = [
      { index: 2, component: 0 },
      { index: 0, component: 2 },
      { index: 1, component: 1 },
    ];
    const byComponent = [{ stabilityClass: 'weak' }, { stabilityClass: 'pattern' }, { stabilityClass: 'stable' }];
    expect(stabilityByIndex(segments, byComponent)).toBe('0 stable, 1 pattern, 2 weak');
  });
});
