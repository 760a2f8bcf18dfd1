import { describe, expect, it } from 'vitest';
import type { Registry } from '../../../scripts/document/registry-schema.js';
import type { Segmentation } from '../../../scripts/document/segmentation-schema.js';
import { type ChangeRow, compareYears, describeCounts, previousYear, statusCounts } from '../../../src/lib/changes.js';
import { buildYearModel, type SummaryInfo } from '../../../src/lib/model.js';
import { slugTable } from '../../../src/lib/slugs.js';
import {
  DEFAULT_QUESTIONS,
  distinctProfiles,
  makeSegmentation,
  type SyntheticQuestion,
} from '../../helpers/synthetic-segmentation.js';

const profiles = distinctProfiles(5, 7);
// 2020 has profiles P0..P3 (100 each); 2021 renumbers them: 0 <- P2 (150, grows), 1 <- P0 (100, persists),
// 2 <- P4 (appears), 3 <- P1 (50, shrinks); P3 disappears. Shares: 0.25 each in 2020; 0.375/0.25/0.25/0.125 in 2021.
const prevDoc = makeSegmentation(
  profiles.slice(0, 4).map((lift) => ({ lift, size: 100 })),
  { year: 2020 },
);
const nextDoc = makeSegmentation(
  [
    { lift: profiles[2], size: 150 },
    { lift: profiles[0], size: 100 },
    { lift: profiles[4], size: 100 },
    { lift: profiles[1], size: 50 },
  ],
  { year: 2021 },
);

function registry(year: number, slugs: string[]): Registry {
  return {
    year,
    threshold: 0.5,
    measure: 'lift',
    respondents: { inputSha256: 'x', configHash: 'x', kept: 0 },
    segmentationHash: 'x',
    segments: slugs.map((slug, index) => ({
      slug,
      index,
      status: 'active' as const,
      similarity: 1,
      size: 1,
      signature: {},
      members: null,
    })),
  };
}

function model(doc: Segmentation, slugs: string[], summaries: SummaryInfo[] = []) {
  return buildYearModel(doc, slugTable(doc.segments.length, registry(doc.survey.year, slugs)), summaries);
}

const prev = model(prevDoc, ['p-zero', 'p-one', 'p-two', 'p-three']);
const next = model(nextDoc, ['n-two', 'n-zero', 'n-four', 'n-one']);

describe('previousYear', () => {
  it('is the latest earlier year with data, skipping gaps, and null for the first', () => {
    expect(previousYear([2018, 2020, 2021], 2021)).toBe(2020);
    expect(previousYear([2018, 2020, 2021], 2020)).toBe(2018);
    expect(previousYear([2018, 2020, 2021], 2018)).toBeNull();
    expect(previousYear([2021, 2018], 2021)).toBe(2018);
  });
});

describe('compareYears', () => {
  const comparison = compareYears(prev, next);

  it('states what the comparison rests on: the shared topic+answer keys and their topics', () => {
    const answers = DEFAULT_QUESTIONS.reduce((n, q) => n + q.answers.length, 0);
    expect(comparison).toMatchObject({ prevYear: 2020, nextYear: 2021, sharedKeys: answers });
    expect(comparison.sharedTopics).toEqual([...new Set(DEFAULT_QUESTIONS.map((q) => q.topic!))].sort());
  });

  it('classifies every segment and carries slugs, sizes and shares of both years', () => {
    const bySlug = (rows: ChangeRow[]) => rows.map((r) => [r.status, r.prev?.slug ?? null, r.next?.slug ?? null]);
    expect(bySlug(comparison.rows)).toEqual([
      ['grows', 'p-two', 'n-two'],
      ['persists', 'p-zero', 'n-zero'],
      ['appears', null, 'n-four'],
      ['shrinks', 'p-one', 'n-one'],
      ['disappears', 'p-three', null],
    ]);
    expect(comparison.rows[0].prev).toMatchObject({ year: 2020, position: 2, size: 100, share: 0.25 });
    expect(comparison.rows[0].prev!.title).toMatch(/^Segment 3: /);
    expect(comparison.rows[0].next).toMatchObject({ year: 2021, position: 0, size: 150, share: 0.375 });
    // The same profile in both years; the weighting reads each year's spread, which differs a little.
    expect(comparison.rows[0].similarity).toBeGreaterThan(0.95);
    expect(comparison.rows[2].similarity).toBeNull();
  });

  it('compares the published pages: merged segments as one, under the slug of their summary', () => {
    const summary: SummaryInfo = {
      id: '2021/n-zero',
      filePath: 'n-zero.mdx',
      segment: 'n-zero',
      title: 'Zero and four',
      shortName: 'Zero+4',
      merge: ['n-four'],
    };
    const merged = model(nextDoc, ['n-two', 'n-zero', 'n-four', 'n-one'], [summary]);
    const rows = compareYears(prev, merged).rows;
    const zero = rows.find((r) => r.next?.slug === 'n-zero')!;
    expect(zero.next).toMatchObject({ title: 'Zero and four', size: 200, share: 0.5 });
    expect(rows.some((r) => r.next?.slug === 'n-four')).toBe(false);
    // Every published page of 2021 has one row; half of the merged page is P4, which 2020 lacks.
    expect(
      rows
        .filter((r) => r.next)
        .map((r) => r.next!.slug)
        .sort(),
    ).toEqual(['n-one', 'n-two', 'n-zero']);
  });

  it('says the years cannot be compared, instead of failing, when they share no topic', () => {
    const untopical: SyntheticQuestion[] = DEFAULT_QUESTIONS.map((q) => ({ ...q, topic: null }));
    const bare = model(
      makeSegmentation(
        profiles.slice(0, 2).map((lift) => ({ lift, size: 10 })),
        { year: 2019, questions: untopical },
      ),
      ['a', 'b'],
    );
    const result = compareYears(bare, next);
    expect(result).toEqual({ prevYear: 2019, nextYear: 2021, sharedKeys: 0, sharedTopics: [], rows: [], refused: [] });
  });
});

describe('statusCounts and describeCounts', () => {
  const rows = compareYears(prev, next).rows;

  it('count every status, zero included', () => {
    expect(statusCounts(rows)).toEqual({
      persists: 1,
      grows: 1,
      shrinks: 1,
      splits: 0,
      merges: 0,
      appears: 1,
      disappears: 1,
    });
    expect(statusCounts([])).toEqual({
      persists: 0,
      grows: 0,
      shrinks: 0,
      splits: 0,
      merges: 0,
      appears: 0,
      disappears: 0,
    });
    // A split counts once for the segment that splits, however many rows show its branches.
    const split = (slug: string): ChangeRow => ({ ...rows[0], status: 'splits', next: { ...rows[0].next!, slug } });
    expect(statusCounts([split('a'), split('b')]).splits).toBe(1);
  });

  it('reads as a sentence with singular and plural verbs', () => {
    expect(describeCounts(rows)).toBe('1 persists, 1 grows, 1 shrinks, 1 appears and 1 disappears');
    const two = rows.filter((r) => r.status === 'persists' || r.status === 'appears');
    expect(describeCounts([...two, ...two])).toBe('2 persist and 2 appear');
    expect(describeCounts(rows.slice(0, 1))).toBe('1 grows');
  });
});
