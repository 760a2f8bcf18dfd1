import { describe, expect, it } from 'vitest';
import { mapSample, mapSpec, mapTable } from '../../../src/charts/index.js';
import { MAP_ROLE_COLORS } from '../../../src/charts/map.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture();
const total = doc.map.x.length;

describe('mapSample', () => {
  it('keeps every point when there are few enough', () => {
    expect(mapSample(doc)).toEqual(Array.from({ length: total }, (_, i) => i));
  });

  it('draws at most maxPoints distinct points, ascending, the same for the same seed', () => {
    const sample = mapSample(doc, { maxPoints: 24 });
    expect(sample).toHaveLength(24);
    expect(new Set(sample).size).toBe(24);
    expect([...sample].sort((a, b) => a - b)).toEqual(sample);
    expect(mapSample(doc, { maxPoints: 24 })).toEqual(sample);
    expect(mapSample(doc, { maxPoints: 24, seed: 99 })).not.toEqual(sample);
  });

  it('keeps each segment’s and the non-professionals’ share of the map', () => {
    const maxPoints = 24;
    const sample = mapSample(doc, { maxPoints });
    for (const stratum of [-1, 0, 1, 2]) {
      const all = doc.map.segment.filter((s) => s === stratum).length;
      const drawn = sample.filter((i) => doc.map.segment[i] === stratum).length;
      expect(Math.abs(drawn - (all * maxPoints) / total)).toBeLessThan(1);
    }
  });
});

describe('mapSpec', () => {
  it(`colors points by the few most common job roles (${MAP_ROLE_COLORS} by default), the rest as "Other roles", and "No answer" for respondents without one`, () => {
    const few = 3;
    const spec = mapSpec(doc, { roleColors: few }) as any;
    const roles = doc.questions.find((q) => q.code === doc.profile.role)!.answers.map((a) => a.label);
    const counts = roles.map((_, r) => doc.map.role.filter((x) => x === r).length);
    const common = roles
      .map((label, r) => ({ label, n: counts[r] }))
      .filter((r) => r.n > 0)
      .sort((a, b) => b.n - a.n)
      .slice(0, few)
      .map((r) => r.label);
    expect(roles.length).toBeGreaterThan(few);
    expect(spec.layer[0].encoding.color.scale.domain).toEqual([...common, 'Other roles', 'No answer']);
    const values = spec.data.values as { role: string; group: string }[];
    expect(values).toHaveLength(total);
    doc.map.role.forEach((r, i) => {
      expect(values[i].role).toBe(r < 0 ? 'No answer' : common.includes(roles[r]) ? roles[r] : 'Other roles');
    });
    expect(values.filter((v) => v.group === 'Professional')).toHaveLength(doc.counts.professionals);
  });

  it('draws the professional boundary only when the document has one', () => {
    const withBoundary = mapSpec(doc) as any;
    expect(withBoundary.layer).toHaveLength(3);
    expect(withBoundary.layer[1].encoding.x.datum).toBe(doc.professionalRule.boundary!.value);
    const noBoundary = mapSpec({
      ...doc,
      professionalRule: { ...doc.professionalRule, rule: 'variants', boundary: null },
    }) as any;
    expect(noBoundary.layer).toHaveLength(1);
  });

  it('highlights the members of a segment, drawn last', () => {
    const spec = mapSpec(doc, { highlightSegment: 1, names: ['A', 'B', 'C'] }) as any;
    const values = spec.data.values as { highlight: string }[];
    const members = doc.map.segment.filter((s) => s === 1).length;
    expect(values.filter((v) => v.highlight === 'B')).toHaveLength(members);
    expect(values.slice(-members).every((v) => v.highlight === 'B')).toBe(true);
  });
});

describe('mapTable', () => {
  it('counts every respondent once, and says when the drawing is a sample', () => {
    const table = mapTable(doc, { highlightSegment: 0 });
    const sum = (c: number) => table.rows.reduce((s, r) => s + (r[c] as number), 0);
    expect(sum(1) + sum(2)).toBe(total);
    expect(sum(3)).toBe(doc.segments[0].size);
    expect(table.alt).not.toMatch(/sample/);
    expect(mapTable(doc, { maxPoints: 20 }).alt).toMatch(/sample of 20 points/);
  });
});
