import { describe, expect, it } from 'vitest';
import type { Segmentation } from '../../../scripts/document/segmentation-schema.js';
import type { SubSegmentations } from '../../../scripts/document/subsegments-schema.js';
import type { Reviewed } from '../../../scripts/document/summary-schema.js';
import { DRIFT_THRESHOLD, reviewedSnapshot } from '../../../scripts/identity/drift.js';
import { buildYearModel, type SummaryInfo } from '../../../src/lib/model.js';
import { reviewDate, reviewNote } from '../../../src/lib/review.js';
import { slugTable } from '../../../src/lib/slugs.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';
import { fixtureSubSegments, REGISTRY_2020 } from '../../helpers/site-build.js';

const doc = makeSegmentationFixture();
const slugs = slugTable(3, null); // segment-1 .. segment-3

function summary(
  segment: string,
  reviewed: Reviewed | null | undefined,
  extra: Partial<SummaryInfo> = {},
): SummaryInfo {
  return {
    id: `2020/${segment}`,
    filePath: `${segment}.mdx`,
    segment,
    title: segment,
    shortName: segment,
    merge: [],
    reviewed,
    ...extra,
  };
}

/** The same document with segment `index` given other lifts (as a re-run that changed the segment would). */
function withLift(base: Segmentation, index: number, lift: number[]): Segmentation {
  return { ...base, segments: base.segments.map((s) => (s.index === index ? { ...s, lift } : s)) };
}

describe('reviewNote', () => {
  it('says nothing for a summary without `reviewed`, or for a page without a summary', () => {
    const model = buildYearModel(doc, slugs, [summary('segment-1', undefined), summary('segment-2', null)]);
    expect(reviewNote(model, 0)).toBeNull();
    expect(reviewNote(model, 1)).toBeNull();
    expect(reviewNote(model, 2)).toBeNull();
  });

  it('says nothing while the lifts are those the editor reviewed', () => {
    const model = buildYearModel(doc, slugs, [summary('segment-2', reviewedSnapshot(doc, 1, '2024-05-01'))]);
    expect(reviewNote(model, 1)).toBeNull();
  });

  it('flags a summary whose segment drifted, listing the answers whose lift moved most', () => {
    const reviewed = reviewedSnapshot(doc, 1, '2024-05-01');
    const changed = withLift(
      doc,
      1,
      doc.segments[1].lift.map((l) => -l),
    );
    const note = reviewNote(buildYearModel(changed, slugs, [summary('segment-2', reviewed)]), 1)!;
    expect(note).not.toBeNull();
    expect(note.date).toBe('2024-05-01');
    expect(note.similarity).toBeLessThan(DRIFT_THRESHOLD);
    expect(note.changes.length).toBeGreaterThan(0);
    expect(note.changes.length).toBeLessThanOrEqual(3);
    // Largest move first; each change names its question and answer from the document.
    const moves = note.changes.map((c) => Math.abs((c.current ?? 0) - (c.reviewed ?? 0)));
    expect([...moves].sort((a, b) => b - a)).toEqual(moves);
    const top = note.changes[0];
    const feature = doc.features.find((f) => f.id === top.feature)!;
    expect(top.answer).toBe(feature.label);
    expect(top.question).toBe(doc.questions.find((q) => q.code === feature.question)!.label);
    expect(top.current).toBeCloseTo(-top.reviewed!, 3);
  });

  it("checks the summary's own segment of a merged page, and honours a threshold", () => {
    const reviewed = reviewedSnapshot(doc, 2, '2024-05-01');
    // segment-3's summary merges segment-2 in: the page is at position 1 but carries index 2.
    const model = buildYearModel(doc, slugs, [summary('segment-3', reviewed, { merge: ['segment-2'] })]);
    expect(model.segments[1]).toMatchObject({ slug: 'segment-3', index: 2 });
    expect(reviewNote(model, 1)).toBeNull();
    // Segment 0's lifts without its stability class: only the lift threshold decides here.
    const { stability: _class, ...ofSegment0 } = reviewedSnapshot(doc, 0, '2024-05-01');
    const other = buildYearModel(doc, slugs, [summary('segment-3', ofSegment0, { merge: ['segment-2'] })]);
    const note = reviewNote(other, 1, { threshold: 1.01 });
    expect(note?.threshold).toBe(1.01);
    expect(reviewNote(other, 1, { threshold: -1.01 })).toBeNull();
  });

  it('lists an answer that is gone from the data without a question or answer text', () => {
    const reviewed: Reviewed = { date: new Date('2024-03-02T00:00:00Z'), top: [{ feature: 'Q99_Part_1', lift: 0.6 }] };
    const note = reviewNote(buildYearModel(doc, slugs, [summary('segment-1', reviewed)]), 0)!;
    expect(note.date).toBe('2024-03-02');
    const gone = note.changes.find((c) => c.feature === 'Q99_Part_1')!;
    expect(gone).toMatchObject({ question: null, answer: null, reviewed: 0.6, current: null });
  });
});

describe('reviewDate', () => {
  it('writes a YAML date as YYYY-MM-DD and keeps a string as written', () => {
    expect(reviewDate(new Date('2025-01-31T00:00:00Z'))).toBe('2025-01-31');
    expect(reviewDate('2025-02-01')).toBe('2025-02-01');
  });
});

describe('reviewNote for a summary with sub-segments', () => {
  const regSlugs = slugTable(3, REGISTRY_2020);
  const split = fixtureSubSegments(doc);
  const reviewed = reviewedSnapshot(doc, 0, '2024-05-01', undefined, split.segments[0]);
  const model = (data: SubSegmentations) =>
    buildYearModel(doc, regSlugs, [summary('tabular', reviewed, { subSegments: 2 })], {
      data,
      file: 'data/subsegments-2020.json',
      command: 'npm run segment',
      whenMissing: 'throw',
    });

  it('says nothing while the split is the one reviewed', () => {
    expect(reviewNote(model(split), 0)).toBeNull();
  });

  it('puts the page under review when the split changed, with the sizes then and now', () => {
    const [a, b] = split.segments[0].parts;
    const members = a.size + b.size;
    const moved = Math.round(members * 0.75);
    const resplit = {
      ...split,
      segments: [
        {
          ...split.segments[0],
          parts: [
            { ...a, size: moved, share: moved / members },
            { ...b, size: members - moved, share: (members - moved) / members },
          ],
        },
      ],
    };
    const note = reviewNote(model(resplit), 0)!;
    expect(note.subSegmentChange).toEqual({ reviewed: [a.size, b.size], current: [moved, members - moved] });
    // The segment's own lifts did not move: the note lists no lift changes.
    expect(note.changes).toEqual([]);
  });
});
