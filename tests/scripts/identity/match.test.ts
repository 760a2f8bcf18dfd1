import { describe, expect, it } from 'vitest';
import { serializeRegistry } from '../../../scripts/document/io.js';
import { RegistrySchema } from '../../../scripts/document/registry-schema.js';
import { matchSegments } from '../../../scripts/identity/match.js';
import { formatMatchTable } from '../../../scripts/identity/match-table.js';
import { distinctProfiles, makeSegmentation, perturb } from '../../helpers/synthetic-segmentation.js';

const sizes = [120, 90, 75, 60, 40, 30];
const profiles = distinctProfiles(6, 11);
const firstRun = makeSegmentation(profiles.slice(0, 5).map((lift, i) => ({ lift, size: sizes[i] })));
const first = matchSegments(null, firstRun);

function slugAt(registry: ReturnType<typeof matchSegments>['registry'], index: number): string {
  return registry.segments.find((e) => e.index === index)!.slug;
}

describe('matchSegments', () => {
  it('makes every segment new on the first run, with a valid registry', () => {
    expect(first.registry.segments.map((e) => e.status)).toEqual(['new', 'new', 'new', 'new', 'new']);
    expect(first.table.every((r) => r.previousIndex === null && r.similarity === null)).toBe(true);
    expect(RegistrySchema.safeParse(first.registry).success).toBe(true);
    expect(new Set(first.registry.segments.map((e) => e.slug)).size).toBe(5);
  });

  it('keeps every slug when a re-run permutes and slightly perturbs the segments', () => {
    const order = [3, 0, 4, 1, 2]; // new index i holds the old segment order[i]
    const rerun = makeSegmentation(
      order.map((old, i) => ({ lift: perturb(profiles[old], 0.03, 100 + i), size: sizes[old] + 1 })),
    );
    const { registry, table } = matchSegments(first.registry, rerun);
    expect(table.every((r) => r.status === 'active')).toBe(true);
    for (const [i, old] of order.entries()) expect(slugAt(registry, i)).toBe(slugAt(first.registry, old));
    for (const row of table) {
      expect(row.previousIndex).toBe(order[row.index!]);
      expect(row.similarity!).toBeGreaterThan(0.9);
    }
  });

  it("keeps an editor's rename and its former slugs over a re-run", () => {
    const renamedSlug = 'renamed-by-an-editor';
    const old = slugAt(first.registry, 0);
    const edited = {
      ...first.registry,
      segments: first.registry.segments.map((e) =>
        e.index === 0 ? { ...e, slug: renamedSlug, formerSlugs: [old] } : e,
      ),
    };
    const rerun = makeSegmentation(
      profiles.slice(0, 5).map((lift, i) => ({ lift: perturb(lift, 0.03, 300 + i), size: sizes[i] })),
    );
    const { registry } = matchSegments(edited, rerun);
    expect(registry.segments.find((e) => e.index === 0)).toMatchObject({
      slug: renamedSlug,
      formerSlugs: [old],
      status: 'active',
    });
    expect(registry.segments.filter((e) => e.index !== 0).every((e) => e.formerSlugs === undefined)).toBe(true);
    expect(RegistrySchema.safeParse(registry).success).toBe(true);
  });

  it('gives one new and one retired slug when one segment is replaced', () => {
    const lifts = profiles.slice(0, 5);
    lifts[2] = profiles[5];
    const { registry, table } = matchSegments(
      first.registry,
      makeSegmentation(lifts.map((lift, i) => ({ lift, size: sizes[i] }))),
    );
    const newRows = table.filter((r) => r.status === 'new');
    const retiredRows = table.filter((r) => r.status === 'retired');
    expect(newRows.map((r) => r.index)).toEqual([2]);
    expect(retiredRows.map((r) => r.slug)).toEqual([slugAt(first.registry, 2)]);
    expect(retiredRows[0].previousIndex).toBe(2);
    const retired = registry.segments.find((e) => e.status === 'retired')!;
    expect(retired.index).toBeNull();
    expect(retired.signature).toEqual(first.registry.segments.find((e) => e.index === 2)!.signature);
    expect(table.filter((r) => r.status === 'active')).toHaveLength(4);
  });

  it('brings a retired slug back when a later run matches it again', () => {
    const lifts = profiles.slice(0, 5);
    lifts[2] = profiles[5];
    const second = matchSegments(first.registry, makeSegmentation(lifts.map((lift, i) => ({ lift, size: sizes[i] }))));
    const third = matchSegments(second.registry, firstRun);
    const returning = third.table.find((r) => r.slug === slugAt(first.registry, 2))!;
    expect(returning.status).toBe('active');
    expect(returning.index).toBe(2);
    expect(returning.previousIndex).toBeNull();
    const replacement = slugAt(second.registry, 2);
    expect(third.registry.segments.find((e) => e.slug === replacement)!.status).toBe('retired');
  });

  it('adds exactly one new slug when k goes from 5 to 6', () => {
    const six = makeSegmentation(profiles.map((lift, i) => ({ lift: perturb(lift, 0.02, i), size: sizes[i] })));
    const { registry, table } = matchSegments(first.registry, six);
    expect(table.filter((r) => r.status === 'new').map((r) => r.index)).toEqual([5]);
    expect(table.filter((r) => r.status === 'retired')).toHaveLength(0);
    for (let i = 0; i < 5; i++) expect(slugAt(registry, i)).toBe(slugAt(first.registry, i));
  });

  it('respects the threshold', () => {
    const rerun = makeSegmentation(
      profiles.slice(0, 5).map((lift, i) => ({ lift: perturb(lift, 0.15, 50 + i), size: sizes[i] })),
    );
    const loose = matchSegments(first.registry, rerun, { threshold: 0.3 });
    const sims = loose.table.map((r) => r.similarity!);
    expect(loose.table.every((r) => r.status === 'active')).toBe(true);
    // A threshold just above the weakest match's similarity must turn exactly that one into new + retired.
    const weakest = Math.min(...sims);
    const strict = matchSegments(first.registry, rerun, { threshold: weakest + 1e-9 });
    const below = sims.filter((s) => s < weakest + 1e-9).length;
    expect(strict.table.filter((r) => r.status === 'new')).toHaveLength(below);
    expect(strict.table.filter((r) => r.status === 'retired')).toHaveLength(below);
    expect(strict.registry.threshold).toBe(weakest + 1e-9);
    expect(() => matchSegments(null, rerun, { threshold: 2 })).toThrow(/threshold must be in \[-1, 1\]/);
  });

  it('is deterministic and does not change its inputs', () => {
    const rerun = makeSegmentation([4, 2, 0, 1, 3].map((old) => ({ lift: profiles[old], size: sizes[old] })));
    const before = JSON.stringify(first.registry);
    const a = serializeRegistry(matchSegments(first.registry, rerun).registry);
    const b = serializeRegistry(matchSegments(structuredClone(first.registry), structuredClone(rerun)).registry);
    expect(a).toBe(b);
    expect(JSON.stringify(first.registry)).toBe(before);
    expect(serializeRegistry(matchSegments(null, firstRun).registry)).toBe(serializeRegistry(first.registry));
  });

  it('refuses a registry of another year', () => {
    const other = makeSegmentation([{ lift: profiles[0], size: 5 }], { year: 2022 });
    expect(() => matchSegments(first.registry, other)).toThrow(/registry is for 2021 but the segmentation is for 2022/);
  });
});

describe('formatMatchTable', () => {
  it('aligns columns and prints similarities with 2 decimals', () => {
    const text = formatMatchTable([
      { slug: 'python-sql', index: 0, previousIndex: 2, similarity: 0.98765, status: 'active', size: 120 },
      { slug: 'r', index: 1, previousIndex: null, similarity: null, status: 'new', size: 8 },
      { slug: 'aws-tensorflow-keras', index: null, previousIndex: 1, similarity: 0.4, status: 'retired', size: 33 },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^slug\s+index\s+previous\s+similarity\s+status\s+size$/);
    expect(lines[1]).toContain('0.99');
    expect(lines[3]).toContain('0.40');
    // Same position of the status column on every row.
    const statusColumn = lines[0].indexOf('status');
    expect(lines.slice(1, 4).map((l) => l.indexOf(/active|new|retired/.exec(l)![0]))).toEqual([
      statusColumn,
      statusColumn,
      statusColumn,
    ]);
    expect(lines[4]).toBe('1 active, 1 new, 1 retired');
  });

  it('names its measure and threshold and says what "previous" is, when given the registry', () => {
    const row = { slug: 'r', index: 0, previousIndex: 1, similarity: 0.7, status: 'active' as const, size: 8 };
    const members = formatMatchTable([row], { measure: 'members', threshold: 0.5 }).split('\n');
    expect(members[0]).toMatch(/Jaccard overlap of members.*0\.5 or more/);
    expect(members[1]).toMatch(/previous: in the registry before this run/);
    expect(members[2]).toMatch(/^slug\s+index\s+previous/);
    expect(formatMatchTable([row], { measure: 'lift', threshold: 0.3 })).toMatch(
      /cosine of lift profiles.*0\.3 or more/,
    );
    expect(formatMatchTable([row]).split('\n')[0]).toMatch(/^slug/);
  });
});

describe('matchSegments on the same respondents (a re-run)', () => {
  it('leaves the registry exactly as it was when the re-run found the very same segmentation', () => {
    const again = matchSegments(first.registry, firstRun);
    expect(again.registry).toBe(first.registry);
    expect(serializeRegistry(again.registry)).toBe(serializeRegistry(first.registry));
    expect(again.table.map((r) => r.status)).toEqual(['new', 'new', 'new', 'new', 'new']);
    // Another threshold is a real re-match.
    expect(
      matchSegments(first.registry, firstRun, { threshold: 0.6 }).registry.segments.every((e) => e.status === 'active'),
    ).toBe(true);
  });

  /** The first run's document with its segments' members moved: `moves` rows of each segment go to the next. */
  function withMovedMembers(moves: number) {
    const segment = [...firstRun.map.segment];
    const starts = sizes.slice(0, 5).map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    starts.forEach((start, s) => {
      for (let r = 0; r < moves; r++) segment[start + r] = (s + 1) % 5;
    });
    return { ...firstRun, map: { ...firstRun.map, segment } };
  }

  it('matches on the Jaccard overlap of members, the scale of the stability report', () => {
    const rerun = withMovedMembers(10);
    const { registry, table } = matchSegments(first.registry, rerun);
    expect(registry.measure).toBe('members');
    expect(table.every((r) => r.status === 'active')).toBe(true);
    // Segment 0 (120 rows) lost 10 rows and gained 10 of segment 4's: 110 shared of 130.
    expect(table.find((r) => r.index === 0)!.similarity).toBeCloseTo(110 / 130, 10);
  });

  it('retires a slug whose members scattered below half overlap, even with the same lifts', () => {
    const { table } = matchSegments(first.registry, withMovedMembers(40));
    // Segment 4 (40 rows) gave all its rows away; its lifts in the document did not change.
    expect(table.find((r) => r.slug === slugAt(first.registry, 4) && r.status === 'retired')).toBeDefined();
  });

  it('falls back to lift profiles when the respondents differ', () => {
    const other = {
      ...withMovedMembers(40),
      metadata: { ...firstRun.metadata, input: { ...firstRun.metadata.input, sha256: 'f'.repeat(64) } },
    };
    const { registry, table } = matchSegments(first.registry, other);
    expect(registry.measure).toBe('lift');
    expect(table.every((r) => r.status === 'active')).toBe(true);
    expect(table.every((r) => r.similarity! > 0.99)).toBe(true);
  });
});
