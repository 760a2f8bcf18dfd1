import { describe, expect, it } from 'vitest';
import type { Registry } from '../../../scripts/document/registry-schema.js';
import type { Segmentation } from '../../../scripts/document/segmentation-schema.js';
import { compareYears } from '../../../src/lib/changes.js';
import { seriesChart, trendChart } from '../../../src/lib/charts.js';
import { buildLineages, neighboursInLineage } from '../../../src/lib/lineages.js';
import { buildYearModel, type SummaryInfo } from '../../../src/lib/model.js';
import { slugTable } from '../../../src/lib/slugs.js';
import { buildTrends } from '../../../src/lib/trends.js';
import {
  DEFAULT_QUESTIONS,
  distinctProfiles,
  makeSegmentation,
  type SyntheticQuestion,
} from '../../helpers/synthetic-segmentation.js';

const profiles = distinctProfiles(5, 31);
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
const model = (doc: Segmentation, slugs: string[], summaries: SummaryInfo[] = []) =>
  buildYearModel(doc, slugTable(doc.segments.length, registry(doc.survey.year, slugs)), summaries);
// 2019 has no ML-algorithms question; the 2021 survey words "None" of the cloud question as 2018 did.
const without = (topic: string) => DEFAULT_QUESTIONS.filter((q) => q.topic !== topic);
const reworded: SyntheticQuestion[] = DEFAULT_QUESTIONS.map((q) =>
  q.topic === 'cloud'
    ? {
        ...q,
        label: 'cloud platforms used',
        answers: q.answers.map((a) => (a === 'None' ? 'I have not used any cloud providers' : a)),
      }
    : q,
);
const keep = (lift: number[], questions: SyntheticQuestion[]) => {
  // The lifts of the answers the year asks, in its order.
  const all = DEFAULT_QUESTIONS.flatMap((q) => q.answers.map(() => q.topic));
  return lift.filter((_, i) => questions.some((q) => q.topic === all[i]));
};
const y2019 = model(
  makeSegmentation(
    [0, 1, 2].map((p) => ({ lift: keep(profiles[p], without('ml-algorithms')), size: 100 })),
    { year: 2019, questions: without('ml-algorithms') },
  ),
  ['a19', 'b19', 'c19'],
);
const y2020 = model(
  makeSegmentation(
    [1, 0, 3].map((p) => ({ lift: profiles[p], size: 100 })),
    { year: 2020 },
  ),
  ['b20', 'a20', 'd20'],
  [{ id: '2020/a20', filePath: 'a20.mdx', segment: 'a20', title: 'Edited A', shortName: 'A', merge: [] }],
);
const y2021 = model(
  makeSegmentation(
    [0, 3, 4].map((p) => ({ lift: profiles[p], size: 100 })),
    { year: 2021, questions: reworded },
  ),
  ['a21', 'd21', 'e21'],
);
const models = [y2019, y2020, y2021];
const aliases = new Map([['cloud|i have not used any cloud providers', 'cloud|none']]);
const comparisons = [compareYears(y2019, y2020, { aliases }), compareYears(y2020, y2021, { aliases })];

describe('buildLineages', () => {
  const { lineages, problems } = buildLineages(models, comparisons, [
    {
      id: 'story-of-a',
      filePath: 'content/lineages/story-of-a.mdx',
      title: 'The story of A',
      segments: ['2020/a20', '2021/a21'],
    },
  ]);

  it('follows each segment through the years by the pairings that continue it', () => {
    expect(problems).toEqual([]);
    const chains = lineages.map((l) => l.members.map((m) => `${m.year}/${m.slug}`));
    expect(chains).toContainEqual(['2019/a19', '2020/a20', '2021/a21']);
    expect(chains).toContainEqual(['2019/b19', '2020/b20']);
    expect(chains).toContainEqual(['2020/d20', '2021/d21']);
    expect(chains).toContainEqual(['2019/c19']);
    // Every published segment is in exactly one lineage.
    expect(chains.flat().sort()).toEqual(models.flatMap((m) => m.segments.map((s) => `${m.year}/${s.slug}`)).sort());
  });

  it('names a lineage by its summary, else by the latest edited segment, else generated', () => {
    const a = lineages.find((l) => l.id === '2019-a19')!;
    expect(a).toMatchObject({ name: 'The story of A', namedBy: 'lineage summary' });
    const { lineages: plain } = buildLineages(models, comparisons);
    expect(plain.find((l) => l.id === '2019-a19')).toMatchObject({ name: 'Edited A', namedBy: 'segment summary' });
    expect(plain.find((l) => l.id === '2020-d20')).toMatchObject({
      namedBy: 'generated',
      name: y2021.segments[1].title,
    });
  });

  it('refuses a lineage summary whose segments fall in two lineages', () => {
    const { problems: wrong } = buildLineages(models, comparisons, [
      { id: 'x', filePath: 'x.mdx', title: 'X', segments: ['2020/a20', '2021/d21'] },
    ]);
    expect(wrong).toEqual([expect.stringMatching(/^x\.mdx: 2020\/a20, 2021\/d21 are not one lineage/)]);
    const { problems: missing } = buildLineages(models, comparisons, [
      { id: 'y', filePath: 'y.mdx', title: 'Y', segments: ['2021/nope'] },
    ]);
    expect(missing).toEqual(['y.mdx: 2021/nope is not a published segment']);
  });

  it('leaves out of a lineage summary the segments of a year with no segmentation here, and attaches it by the rest', () => {
    const { problems, lineages: list } = buildLineages(models, comparisons, [
      { id: 'z', filePath: 'z.mdx', title: 'Z', segments: ['2019/a19', '2031/unsegmented'] },
    ]);
    expect(problems).toEqual([]);
    expect(list.find((l) => l.id === '2019-a19')).toMatchObject({ name: 'Z', namedBy: 'lineage summary' });
  });

  it('gives a segment page its predecessor and successor', () => {
    const place = neighboursInLineage(lineages, 2020, 'a20')!;
    expect(place.previous!.member.slug).toBe('a19');
    expect(place.next!.member.slug).toBe('a21');
    expect(place.next!.link.evidence.length).toBeGreaterThan(0);
    expect(neighboursInLineage(lineages, 2019, 'c19')).toMatchObject({ previous: null, next: null });
  });

  it('charts every lineage with its share per year and a table row per segment', () => {
    const chart = seriesChart([2019, 2020, 2021], lineages);
    expect(chart.table.rows).toHaveLength(9);
    expect(chart.table.rows.find((r) => r[0] === 'The story of A' && r[1] === 2021)).toEqual([
      'The story of A',
      2021,
      y2021.segments[0].title,
      100,
      0.3333,
      'Persists',
    ]);
    expect(JSON.stringify(chart.spec)).toContain('"on":"pointerover"');
  });
});

describe('buildTrends', () => {
  const { lineages } = buildLineages(models, comparisons);
  const trends = buildTrends(models, aliases, lineages);

  it('has a trend per topic that two years ask, over only those years', () => {
    expect(trends.map((t) => t.topic)).toEqual(['cloud', 'languages', 'ml-algorithms', 'ml-frameworks']);
    const algorithms = trends.find((t) => t.topic === 'ml-algorithms')!;
    expect(algorithms.years).toEqual([2020, 2021]);
    const chart = trendChart(algorithms);
    expect(JSON.stringify(chart.spec)).toContain('"domain":["2020","2021"]');
    expect(chart.table.columns).toEqual(['answer', 'who', 'share 2020', 'share 2021']);
  });

  it('carries a reworded answer through the answer map and says that the wording changed', () => {
    const cloud = trends.find((t) => t.topic === 'cloud')!;
    const none = cloud.answers.find((a) => a.key === 'cloud|none')!;
    expect(none.overall.map((p) => p.year)).toEqual([2019, 2020, 2021]);
    expect(none.wordings.map((w) => w.label)).toEqual(['None', 'None', 'I have not used any cloud providers']);
    expect(cloud.wordingChanged).toEqual([2021]);
    expect(trends.find((t) => t.topic === 'languages')!.wordingChanged).toEqual([]);
  });

  it('gives each answer its share overall and within each lineage', () => {
    const python = trends.find((t) => t.topic === 'languages')!.answers.find((a) => a.key === 'languages|python')!;
    const doc2020 = y2020.view;
    const i = doc2020.features.findIndex((f) => f.label === 'Python');
    expect(python.overall.find((p) => p.year === 2020)!.share).toBe(doc2020.overall.rates[i]);
    const a = python.lineages.find((l) => l.lineage === '2019-a19')!;
    expect(a.points.map((p) => p.year)).toEqual([2019, 2020, 2021]);
    expect(a.points[1].share).toBe(doc2020.segments[1].rates[i]);
  });
});
