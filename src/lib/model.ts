/**
 * The year as the site publishes it: which segments get pages, under which slug and name, which editors'
 * summary each shows, and the merged view of the segmentation that every figure is computed from.
 */

import { subSegmentsPath } from '../../scripts/document/paths.js';
import { segmentCommand } from '../../scripts/document/segment-command.js';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import type { SubSegmentation, SubSegmentations } from '../../scripts/document/subsegments-schema.js';
import type { Reviewed, SummaryFrontMatter } from '../../scripts/document/summary-schema.js';
import type { LiftChartInput } from '../charts/specs.js';
import { topAnswers } from './figures.js';
import { mergedView, normalizeGroups } from './merge.js';
import type { SlugTable } from './slugs.js';

/**
 * What the site needs from an editor's MDX file: its front matter as SummarySchema gives it, but the
 * `reviewed` block may be null (never recorded), and where the file lives.
 */
export type SummaryInfo = Omit<SummaryFrontMatter, 'reviewed'> & {
  /** Content entry id, used to render it. */
  id: string;
  /** Path shown in messages. */
  filePath: string;
  /** What the editor saw when they last checked the summary; absent or null when they never recorded it. */
  reviewed?: Reviewed | null;
};

export interface PublishedSegment {
  /** Position in the published order (0-based), also its index in the merged view. */
  position: number;
  slug: string;
  /** Index in the segmentation document of the segment whose slug the page carries (the summary's one). */
  index: number;
  /** Slugs merged into this one: their URLs redirect here. */
  aliases: string[];
  /** Slugs an editor renamed its segments from (the registry's formerSlugs): their URLs redirect here too. */
  formerSlugs: string[];
  /** Published indices in the segmentation document that this page covers. */
  indices: number[];
  title: string;
  shortName: string;
  isNew: boolean;
  summary: SummaryInfo | null;
  /** The segment split again, when its summary asks for sub-segments. */
  subSegments: SubSegmentation | null;
  /** When its summary asks for sub-segments that the data does not have (or has stale): what the page says instead. */
  subSegmentsMissing: SubSegmentsMissing | null;
}

export type { SubSegmentation };

/** Sub-segments a summary asks for but the data cannot show: the page names the file and the command. */
export interface SubSegmentsMissing {
  /** The summary that asks (`subSegments: N`). */
  file: string;
  count: number;
  /** Why they cannot be shown, e.g. `data/subsegments-2021.json has no sub-segments of "bi-analytics"`. */
  reason: string;
  /** The command that computes them, with the run's real arguments. */
  command: string;
}

/** The year's sub-segments as the site found them, and what to do when a summary's are missing. */
export interface SubSegmentInputs {
  /** `data/subsegments-<year>.json`, or null when there is none (or it is of an older schema: `unreadable`). */
  data: SubSegmentations | null;
  /** Its path, for messages. */
  file: string;
  /** Why a file that is there cannot be used (an older schema version), or null. */
  unreadable?: string | null;
  /** The `npm run segment` command that computes them (scripts/document/segment-command.ts). */
  command: string;
  /**
   * 'notice' (the dev server): a summary whose sub-segments are missing or stale gets a notice on its own page
   * and the rest of the year works. 'throw' (a build that publishes): it stops, naming the file and the command.
   */
  whenMissing: 'notice' | 'throw';
}

export interface YearModel {
  year: number;
  doc: Segmentation;
  /** The document with merged groups combined; positions match `segments`. */
  view: Segmentation;
  segments: PublishedSegment[];
  /** Problems that do not stop the build (e.g. a summary for a retired segment). */
  warnings: string[];
}

/** `subSegments`: the year's sub-segments (default: none, and a missing one stops, as in a build). */
export function buildYearModel(
  doc: Segmentation,
  slugs: SlugTable,
  summaries: SummaryInfo[],
  subSegments: SubSegmentInputs = {
    data: null,
    file: subSegmentsPath('', doc.survey.year),
    command: segmentCommand(doc, null),
    whenMissing: 'throw',
  },
): YearModel {
  const year = doc.survey.year;
  const warnings: string[] = [];
  const indexOf = new Map(slugs.byIndex.map((s) => [s.slug, s.index]));
  const summaryByIndex = new Map<number, SummaryInfo>();
  const resolve = (slug: string, file: string, field: string): number | null => {
    const index = indexOf.get(slug);
    if (index !== undefined) return index;
    const renamed = slugs.byIndex.find((s) => s.formerSlugs.includes(slug));
    if (renamed)
      throw new Error(
        `${file}: ${field} "${slug}" was renamed to "${renamed.slug}" in the registry of ${year}; write "${renamed.slug}" here`,
      );
    if (slugs.retired.has(slug)) {
      warnings.push(`${file}: ${field} "${slug}" is a retired segment of ${year}; it gets no page`);
      return null;
    }
    throw new Error(
      `${file}: ${field} "${slug}" is not a segment of ${year} (known: ${[...indexOf.keys()].join(', ')})`,
    );
  };
  const merges: number[][] = [];
  for (const summary of summaries) {
    const index = resolve(summary.segment, summary.filePath, 'segment');
    if (index === null) continue;
    const other = summaryByIndex.get(index);
    if (other)
      throw new Error(`${summary.filePath}: segment "${summary.segment}" already has a summary in ${other.filePath}`);
    summaryByIndex.set(index, summary);
    const members = summary.merge
      .map((slug) => resolve(slug, summary.filePath, 'merge'))
      .filter((i): i is number => i !== null);
    if (members.length > 0) merges.push([index, ...members]);
  }
  for (const group of merges) {
    for (const index of group.slice(1)) {
      const own = summaryByIndex.get(index);
      if (own)
        throw new Error(
          `${own.filePath}: segment "${own.segment}" is merged into "${slugs.byIndex[group[0]].slug}" by ${summaryByIndex.get(group[0])!.filePath}, so it cannot have its own summary`,
        );
    }
  }
  const groups = normalizeGroups(doc.segments.length, merges);
  const view = mergedView(doc, groups);
  const segments = groups.map((indices, position): PublishedSegment => {
    const lead = indices.find((i) => summaryByIndex.has(i)) ?? indices[0];
    const summary = summaryByIndex.get(lead) ?? null;
    const fallback = summary ? null : generatedNames(view, position);
    return {
      position,
      slug: slugs.byIndex[lead].slug,
      index: lead,
      aliases: indices.filter((i) => i !== lead).map((i) => slugs.byIndex[i].slug),
      formerSlugs: indices.flatMap((i) => slugs.byIndex[i].formerSlugs),
      indices,
      title: summary?.title ?? fallback!.title,
      shortName: summary?.shortName ?? fallback!.shortName,
      isNew: indices.some((i) => slugs.byIndex[i].isNew),
      summary,
      ...subSegmentsOf(
        summary,
        indices,
        doc,
        subSegments,
        indices.flatMap((i) => slugs.byIndex[i].formerSlugs),
      ),
    };
  });
  return { year, doc, view, segments, warnings };
}

/**
 * The sub-segments a summary asks for, checked against the segmentation they must have been computed from.
 * Missing or stale ones stop a build with the file and the command; on the dev server they become the page's
 * notice, so that an editor who has just added `subSegments: 2` does not take the whole year down.
 */
function subSegmentsOf(
  summary: SummaryInfo | null,
  indices: number[],
  doc: Segmentation,
  inputs: SubSegmentInputs,
  formerSlugs: string[],
): Pick<PublishedSegment, 'subSegments' | 'subSegmentsMissing'> {
  if (!summary?.subSegments) return { subSegments: null, subSegmentsMissing: null };
  const year = doc.survey.year;
  const reason = whySubSegmentsMissing(summary, indices, doc, inputs, formerSlugs);
  if (reason === null)
    return { subSegments: findSubSegments(inputs.data!, summary.segment, formerSlugs)!, subSegmentsMissing: null };
  if (inputs.whenMissing === 'throw') {
    throw new Error(
      `${summary.filePath}: subSegments: ${summary.subSegments}, but ${reason}; run \`${inputs.command}\` to compute them (it splits the ${year} segments whose summaries ask for sub-segments, reusing the segmentation)`,
    );
  }
  return {
    subSegments: null,
    subSegmentsMissing: { file: summary.filePath, count: summary.subSegments, reason, command: inputs.command },
  };
}

/** Renaming a segment (formerSlugs) moves no member: sub-segments computed under its old slug still hold, and the checks below say so. */
function findSubSegments(file: SubSegmentations, slug: string, formerSlugs: string[]): SubSegmentation | undefined {
  return file.segments.find((s) => s.slug === slug) ?? file.segments.find((s) => formerSlugs.includes(s.slug));
}

/** Why the data cannot show the summary's sub-segments, or null when it can. */
function whySubSegmentsMissing(
  summary: SummaryInfo,
  indices: number[],
  doc: Segmentation,
  inputs: SubSegmentInputs,
  formerSlugs: string[],
): string | null {
  const { data: file, file: fileName } = inputs;
  if (inputs.unreadable) return inputs.unreadable;
  const found = file ? findSubSegments(file, summary.segment, formerSlugs) : undefined;
  if (!file) return `there is no ${fileName}`;
  if (!found) return `${fileName} has no sub-segments of "${summary.segment}"`;
  if (found.count !== summary.subSegments) return `${fileName} splits "${summary.segment}" in ${found.count}`;
  const members = indices.reduce((n, i) => n + doc.segments[i].size, 0);
  const sameIndices = found.indices.length === indices.length && found.indices.every((i) => indices.includes(i));
  if (
    file.year !== doc.survey.year ||
    !sameIndices ||
    found.members !== members ||
    found.baseRates.length !== doc.features.length
  ) {
    return `the sub-segments of "${summary.segment}" in ${fileName} were computed from another segmentation of ${doc.survey.year}`;
  }
  return null;
}

/**
 * Names for a segment no editor has described yet, from its answers of highest lift, so that readers and
 * charts can tell segments apart: "Segment 2: CNN" and "2. CNN". An answer is named by its short form
 * (an acronym in parentheses, else its first few words, never its whole text when that is long); a
 * non-answer ("None", "No", "I do not…") names what the segment lacks, "No cloud platforms", since that is
 * often what defines it; "Other" names nothing. When another segment of the year would get the same
 * name, its next answer is added to tell them apart.
 */
export function generatedNames(view: Segmentation, position: number): { title: string; shortName: string } {
  const number = position + 1;
  const label = generatedLabel(view, position);
  if (!label) return { title: `Segment ${number}`, shortName: `Segment ${number}` };
  return { title: `Segment ${number}: ${label.label}`, shortName: `${number}. ${label.short}` };
}

/**
 * The name material of the cluster at `position` of `view`, as `generatedNames` words it ("CNN and RNN", cut
 * for a short name), or null when no answer stands out. It reads what the lift chart draws, so sub-segments
 * are named with it against their segment (src/lib/charts.ts).
 */
export function generatedLabel(view: LiftChartInput, position: number): { label: string; short: string } | null {
  const label = distinctLabels(view)[position];
  return label ? { label, short: cutAtWord(label, MAX_SHORT_NAME) } : null;
}

const NON_ANSWER = /^(none|no|not|never|i do not|i don't|i have not|i have never)\b/i;
const OTHER_ANSWER = /^other\b/i;
/** Answers a generated name may join ("A and B and C") before the segment number alone has to tell apart. */
const MAX_NAME_ANSWERS = 3;
/** Words of an answer a name keeps: "Local development environments (RStudio, …)" reads as its first words. */
const MAX_ANSWER_WORDS = 4;
/** Words a cut answer must not end on. */
const TRAILING_WORDS = /\s+(that|to|the|of|and|or|for|in|on|with|a|an|your|their)$/i;
/** Characters of a short name after its number (charts' legends and the segment list). */
const MAX_SHORT_NAME = 26;
const labelCache = new WeakMap<LiftChartInput, string[]>();

/** Each segment's name material: its first answer, and more while another segment's name is the same. */
function distinctLabels(view: LiftChartInput): string[] {
  const hit = labelCache.get(view);
  if (hit) return hit;
  const candidates = view.segments.map((_, position) => nameCandidates(view, position));
  const used = candidates.map((c) => Math.min(1, c.length));
  const label = (p: number) => candidates[p].slice(0, used[p]).join(' and ');
  for (let round = 1; round < MAX_NAME_ANSWERS; round++) {
    const byLabel = new Map<string, number[]>();
    candidates.forEach((_, p) => {
      if (label(p)) byLabel.set(label(p), [...(byLabel.get(label(p)) ?? []), p]);
    });
    const clashing = [...byLabel.values()].filter((group) => group.length > 1).flat();
    if (clashing.length === 0) break;
    for (const p of clashing) used[p] = Math.min(used[p] + 1, candidates[p].length);
  }
  const labels = candidates.map((_, p) => label(p));
  labelCache.set(view, labels);
  return labels;
}

/** The segment's answers above average, highest lift first, as short name material, each once. */
function nameCandidates(view: LiftChartInput, position: number): string[] {
  const names = topAnswers(view, position, 12)
    .filter((a) => a.lift > 0 && !OTHER_ANSWER.test(a.label.trim()))
    .map((a) => (NON_ANSWER.test(a.label.trim()) ? lacking(a.questionLabel) : answerName(a.label)))
    .filter((name) => name.length > 0);
  return [...new Set(names)];
}

/** "No cloud platforms" for a segment whose answer to "cloud platforms" is none ("regular" says nothing here). */
function lacking(questionLabel: string): string {
  const subject = questionLabel.replace(/\s+regular$/i, '').trim();
  return subject ? `No ${subject}` : '';
}

/** An answer's short form: its acronym in parentheses ("AWS"), else its first alternative's first words. */
function answerName(label: string): string {
  const acronym = /\(([A-Z][A-Za-z0-9]{1,7})\)/.exec(label)?.[1];
  if (acronym && acronym.replace(/[^A-Z0-9]/g, '').length >= 2) return acronym;
  const plain =
    label
      .replace(/\s*\([^)]*\)?\s*/g, ' ')
      .split(' / ')[0]
      .trim() || label.trim();
  const words = plain.split(/\s+/);
  let name = words
    .slice(0, MAX_ANSWER_WORDS)
    .join(' ')
    .replace(/[,;:]$/, '');
  if (words.length > MAX_ANSWER_WORDS) while (TRAILING_WORDS.test(name)) name = name.replace(TRAILING_WORDS, '');
  return name;
}

/** At most `max` characters, cut at a word with an ellipsis. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Previous and next in published order, and the `count` segments whose map centers are closest. */
export function neighbours(model: YearModel, position: number, count = 3) {
  const here = model.view.segments[position].center;
  const nearest = model.segments
    .filter((s) => s.position !== position)
    .map((s) => ({
      s,
      d: Math.hypot(
        model.view.segments[s.position].center.x - here.x,
        model.view.segments[s.position].center.y - here.y,
      ),
    }))
    .sort((a, b) => a.d - b.d || a.s.position - b.s.position)
    .slice(0, count)
    .map((x) => x.s);
  return { previous: model.segments[position - 1] ?? null, next: model.segments[position + 1] ?? null, nearest };
}
