import { describe, expect, it } from 'vitest';
import type { Registry, RegistryEntry } from '../../../scripts/document/registry-schema.js';
import { fallbackSlug } from '../../../scripts/document/registry-schema.js';
import { slugTable } from '../../../src/lib/slugs.js';

const entry = (slug: string, index: number | null, status: RegistryEntry['status']): RegistryEntry => ({
  slug,
  index,
  status,
  similarity: null,
  size: 10,
  signature: {},
  members: null,
});
const registry = (segments: RegistryEntry[]): Registry => ({
  year: 2020,
  threshold: 0.5,
  measure: 'lift',
  respondents: { inputSha256: 'x', configHash: 'x', kept: 0 },
  segmentationHash: 'x',
  segments,
});

describe('slugTable', () => {
  it('falls back to segment-<n> (1-based) without a registry, with no new marks', () => {
    const table = slugTable(3, null);
    expect(table.byIndex.map((s) => s.slug)).toEqual(['segment-1', 'segment-2', 'segment-3']);
    expect(table.byIndex.some((s) => s.isNew)).toBe(false);
    expect(fallbackSlug(0)).toBe('segment-1');
  });

  it('maps registry slugs to their current index and keeps retired slugs apart', () => {
    const table = slugTable(
      2,
      registry([entry('b', 1, 'new'), entry('a', 0, 'active'), entry('old', null, 'retired')]),
    );
    expect(table.byIndex).toEqual([
      { slug: 'a', index: 0, isNew: false, formerSlugs: [] },
      { slug: 'b', index: 1, isNew: true, formerSlugs: [] },
    ]);
    expect([...table.retired]).toEqual(['old']);
  });

  it('rejects a registry that leaves an index without a slug, or gives one index two slugs', () => {
    expect(() => slugTable(2, registry([entry('a', 0, 'active')]), 'reg.json')).toThrow(
      'reg.json: no slug for segment index 1',
    );
    expect(() => slugTable(1, registry([entry('a', 0, 'active'), entry('b', 0, 'new')]), 'reg.json')).toThrow(
      '"a" and "b" both claim index 0',
    );
    expect(() => slugTable(1, registry([entry('a', 3, 'active')]), 'reg.json')).toThrow('has index 3');
  });
});
