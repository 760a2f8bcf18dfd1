import { describe, expect, it } from 'vitest';
import type { SubSegmentations } from '../../../scripts/document/subsegments-schema.js';
import { subSegmentNames } from '../../../src/lib/charts.js';
import { topAnswers } from '../../../src/lib/figures.js';
import { buildYearModel, generatedNames, neighbours, type SummaryInfo } from '../../../src/lib/model.js';
import { slugTable } from '../../../src/lib/slugs.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';
import { fixtureSubSegments, REGISTRY_2020 } from '../../helpers/site-build.js';
import { featureCount, makeSegmentation } from '../../helpers/synthetic-segmentation.js';

const doc = makeSegmentationFixture();
// The registry the site-build fixture uses: tabular, vision and starters live, old retired.
const registry = REGISTRY_2020;
const slugs = slugTable(3, registry);
const summary = (segment: string, extra: Partial<SummaryInfo> = {}): SummaryInfo => ({
  id: `2020/${segment}`,
  filePath: `content/segments/2020/${segment}.mdx`,
  segment,
  title: `Title ${segment}`,
  shortName: `Short ${segment}`,
  merge: [],
  ...extra,
});

describe('buildYearModel', () => {
  it('names segments from their summaries, falls back to "Segment <n>: <top answer>", and marks new ones', () => {
    const model = buildYearModel(doc, slugs, [summary('vision')]);
    // The fixture's top answers are work activities, whole sentences: a name keeps their first words, not the sentence.
    expect([0, 2].map((p) => topAnswers(doc, p, 1)[0].label)).toEqual([
      'Do research that advances the state of the art of machine learning',
      'Analyze and understand data to influence product or business decisions',
    ]);
    expect(model.segments.map((s) => [s.slug, s.title, s.isNew])).toEqual([
      ['tabular', 'Segment 1: Do research that advances', false],
      ['vision', 'Title vision', true],
      ['starters', 'Segment 3: Analyze and understand data', false],
    ]);
    expect(model.segments[0].shortName.startsWith('1. ')).toBe(true);
    expect(model.segments[0].shortName.length).toBeLessThanOrEqual(30);
    expect(model.view).toBe(doc);
  });

  it('shows merged segments as one page whose other slugs become aliases', () => {
    const model = buildYearModel(doc, slugs, [summary('vision', { merge: ['starters'] })]);
    expect(model.segments).toHaveLength(2);
    expect(model.segments[1]).toMatchObject({ slug: 'vision', aliases: ['starters'], indices: [1, 2], position: 1 });
    expect(model.view.segments[1].size).toBe(doc.segments[1].size + doc.segments[2].size);
  });

  it('names the file when a summary points at an unknown segment, and only warns for a retired one', () => {
    expect(() => buildYearModel(doc, slugs, [summary('nope')])).toThrow(
      'content/segments/2020/nope.mdx: segment "nope" is not a segment of 2020',
    );
    const model = buildYearModel(doc, slugs, [summary('old')]);
    expect(model.warnings[0]).toContain('retired');
    expect(model.segments.every((s) => s.summary === null)).toBe(true);
  });

  it("redirects an editor's renamed slugs to the page, and says so when a summary still names the old one", () => {
    const renamed = {
      ...registry,
      segments: registry.segments.map((e) =>
        e.slug === 'vision' ? { ...e, slug: 'computer-vision', formerSlugs: ['vision'] } : e,
      ),
    };
    const table = slugTable(3, renamed);
    const model = buildYearModel(doc, table, [summary('computer-vision')]);
    expect(model.segments[1]).toMatchObject({ slug: 'computer-vision', formerSlugs: ['vision'], aliases: [] });
    expect(model.segments[1].summary?.segment).toBe('computer-vision');
    expect(() => buildYearModel(doc, table, [summary('vision')])).toThrow(
      'segment "vision" was renamed to "computer-vision" in the registry of 2020',
    );
  });

  it('finds the sub-segments of a renamed segment under its former slug (a rename moves no member)', () => {
    const renamed = {
      ...registry,
      segments: registry.segments.map((e) =>
        e.slug === 'tabular' ? { ...e, slug: 'tabular-ml', formerSlugs: ['tabular'] } : e,
      ),
    };
    const file = fixtureSubSegments(doc);
    expect(file.segments.map((s) => s.slug)).toEqual(['tabular']);
    const inputs = {
      data: file,
      file: 'data/subsegments-2020.json',
      command: 'npm run segment -- --survey 2020',
      whenMissing: 'throw' as const,
      unreadable: null,
    };
    const model = buildYearModel(
      doc,
      slugTable(3, renamed),
      [summary('tabular-ml', { subSegments: file.segments[0].count })],
      inputs,
    );
    expect(model.segments[0].subSegments).toBe(file.segments[0]);
    // Another segment's sub-segments are still not taken for its own.
    expect(() => buildYearModel(doc, slugTable(3, renamed), [summary('vision', { subSegments: 2 })], inputs)).toThrow(
      /has no sub-segments of "vision"/,
    );
  });

  it('rejects two summaries for one segment, and a summary for a segment merged into another', () => {
    expect(() => buildYearModel(doc, slugs, [summary('vision'), summary('vision', { filePath: 'b.mdx' })])).toThrow(
      'already has a summary',
    );
    expect(() => buildYearModel(doc, slugs, [summary('vision', { merge: ['starters'] }), summary('starters')])).toThrow(
      'cannot have its own summary',
    );
  });
});

describe('neighbours', () => {
  it('gives previous, next and the others sorted by distance between map centers', () => {
    const model = buildYearModel(doc, slugs, []);
    const { previous, next, nearest } = neighbours(model, 1, 2);
    expect(previous?.slug).toBe('tabular');
    expect(next?.slug).toBe('starters');
    const d = (i: number) =>
      Math.hypot(
        doc.segments[i].center.x - doc.segments[1].center.x,
        doc.segments[i].center.y - doc.segments[1].center.y,
      );
    expect(nearest.map((s) => s.position)).toEqual([0, 2].sort((a, b) => d(a) - d(b)));
    expect(neighbours(model, 0).previous).toBeNull();
  });
});

describe('generatedNames', () => {
  // Features of the synthetic documents: Q7 Python, R, SQL, C++, Julia, None; Q16 Scikit-learn … Huggingface;
  // Q17 four algorithms; Q27 AWS, Azure, GCP, None.
  const lifts = (entries: Record<number, number>) => Array.from({ length: featureCount() }, (_, i) => entries[i] ?? 0);

  it('names a segment defined by a non-answer such as "None" after what it lacks, and never after "Other"', () => {
    const doc = makeSegmentation([
      { lift: lifts({ 5: 0.4, 1: 0.2 }), size: 10 }, // None first, then R
      { lift: lifts({ 0: 0.3 }), size: 10 },
    ]);
    expect(generatedNames(doc, 0).title).toBe('Segment 1: No languages');
  });

  it('gives segments with the same top answer different names within the year', () => {
    const doc = makeSegmentation([
      { lift: lifts({ 16: 0.5, 6: 0.2 }), size: 10 }, // AWS, then Scikit-learn
      { lift: lifts({ 16: 0.4, 7: 0.2 }), size: 10 }, // AWS, then TensorFlow
      { lift: lifts({ 2: 0.3 }), size: 10 },
    ]);
    const names = [0, 1, 2].map((p) => generatedNames(doc, p).title);
    expect(names).toEqual(['Segment 1: AWS and Scikit-learn', 'Segment 2: AWS and TensorFlow', 'Segment 3: SQL']);
  });

  it('adds answers until the names differ, when two segments also share their second answer', () => {
    const doc = makeSegmentation([
      { lift: lifts({ 7: 0.5, 8: 0.4, 0: 0.1 }), size: 10 }, // TensorFlow, Keras, Python
      { lift: lifts({ 7: 0.5, 8: 0.4, 2: 0.1 }), size: 10 }, // TensorFlow, Keras, SQL
    ]);
    expect([0, 1].map((p) => generatedNames(doc, p).title)).toEqual([
      'Segment 1: TensorFlow and Keras and Python',
      'Segment 2: TensorFlow and Keras and SQL',
    ]);
  });
});

describe('sub-segments a summary asks for', () => {
  const tabular = summary('tabular', { subSegments: 2 });
  const command = 'npm run segment -- --survey 2020 --input surveys/2020.zip';
  const inputs = (
    data: SubSegmentations | null,
    whenMissing: 'notice' | 'throw',
    unreadable: string | null = null,
  ) => ({ data, file: 'data/subsegments-2020.json', command, whenMissing, unreadable });

  it('come from the data when it has them, each named from its own answers against the segment', () => {
    const model = buildYearModel(doc, slugs, [tabular], inputs(fixtureSubSegments(doc), 'throw'));
    const segment = model.segments.find((s) => s.slug === 'tabular')!;
    expect(segment.subSegments!.parts).toHaveLength(2);
    expect(segment.subSegmentsMissing).toBeNull();
    const names = subSegmentNames(model, segment.position);
    expect(names.map((n) => n.letter)).toEqual(['Sub-segment A', 'Sub-segment B']);
    // The larger part chose the first half of the answers more often than the segment, the smaller the second.
    const first = doc.features.slice(0, doc.features.length / 2).map((f) => f.label);
    expect(first.some((label) => names[0].title.includes(label.split(' ')[0]))).toBe(true);
    expect(names[0].title).not.toBe(names[1].title);
  });

  it('missing, become a notice on that page alone on the dev server, naming the file, why and the command', () => {
    const model = buildYearModel(doc, slugs, [tabular, summary('vision')], inputs(null, 'notice'));
    const segment = model.segments.find((s) => s.slug === 'tabular')!;
    expect(segment.subSegments).toBeNull();
    expect(segment.subSegmentsMissing).toEqual({
      file: tabular.filePath,
      count: 2,
      reason: 'there is no data/subsegments-2020.json',
      command,
    });
    expect(model.segments.filter((s) => s.subSegmentsMissing)).toHaveLength(1);
    const stale = buildYearModel(
      doc,
      slugs,
      [tabular],
      inputs(null, 'notice', 'data/subsegments-2020.json was written by an older `npm run segment`'),
    );
    expect(stale.segments.find((s) => s.slug === 'tabular')!.subSegmentsMissing!.reason).toContain('older');
  });

  it('missing or split otherwise, stop a build with the file and the command', () => {
    expect(() => buildYearModel(doc, slugs, [tabular], inputs(null, 'throw'))).toThrow(
      `${tabular.filePath}: subSegments: 2, but there is no data/subsegments-2020.json; run \`${command}\``,
    );
    expect(() =>
      buildYearModel(doc, slugs, [summary('tabular', { subSegments: 3 })], inputs(fixtureSubSegments(doc), 'throw')),
    ).toThrow('data/subsegments-2020.json splits "tabular" in 2');
  });
});
