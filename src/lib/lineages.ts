/**
 * Lineages: a segment followed from survey year to survey year through the pairings of the "What changed"
 * comparisons (src/lib/changes.ts). A lineage continues through each pairing that carries it on (a
 * survival, or the closest branch of a split or merge); the other branches are kept as links. Named by the
 * editors: a lineage summary's title, else the latest member with an editor's summary, else the latest
 * member's generated name.
 */
import { parseLineageSegment } from '../../scripts/document/lineage-schema.js';
import type { ChangeRow, ChangeStatus, SegmentSide, YearComparison } from './changes.js';
import type { YearModel } from './model.js';

export interface LineageMember extends SegmentSide {
  /** True when an editor wrote the segment's summary. */
  edited: boolean;
}

/** A pairing that leaves or joins a lineage: the other branches of splits and merges. */
export interface LineageBranch {
  status: ChangeStatus;
  from: SegmentSide;
  to: SegmentSide;
}

/** What the site needs from a lineage summary (content/lineages/<id>.mdx). */
export interface LineageSummaryInfo {
  id: string;
  filePath: string;
  title: string;
  segments: string[];
}

export interface Lineage {
  /** `YEAR-slug` of its first member: stable while that segment keeps its slug. */
  id: string;
  name: string;
  /** Where the name comes from. */
  namedBy: 'lineage summary' | 'segment summary' | 'generated';
  /** One member per year, in year order. */
  members: LineageMember[];
  /** Pairings between consecutive members: status and evidence. */
  links: ChangeRow[];
  branches: LineageBranch[];
  summary: LineageSummaryInfo | null;
}

const key = (year: number, slug: string) => `${year}/${slug}`;

/** Lineages over the years of `models` (ascending) and the comparisons of consecutive years. */
export function buildLineages(
  models: readonly YearModel[],
  comparisons: readonly YearComparison[],
  summaries: readonly LineageSummaryInfo[] = [],
): { lineages: Lineage[]; problems: string[] } {
  const member = new Map<string, LineageMember>();
  for (const model of models) {
    model.segments.forEach((s, position) => {
      const data = model.view.segments[position];
      member.set(key(model.year, s.slug), {
        year: model.year,
        slug: s.slug,
        title: s.title,
        shortName: s.shortName,
        position,
        size: data.size,
        share: data.share,
        edited: s.summary !== null,
      });
    });
  }
  const nextOf = new Map<string, ChangeRow>();
  const hasPrev = new Set<string>();
  const branches: LineageBranch[] = [];
  for (const comparison of comparisons) {
    for (const row of comparison.rows) {
      if (!row.prev || !row.next) continue;
      const from = key(row.prev.year, row.prev.slug);
      const to = key(row.next.year, row.next.slug);
      if (row.continues) {
        nextOf.set(from, row);
        hasPrev.add(to);
      } else branches.push({ status: row.status, from: row.prev, to: row.next });
    }
  }
  const lineages: Lineage[] = [];
  const lineageOf = new Map<string, Lineage>();
  for (const model of models) {
    for (const s of model.segments) {
      const start = key(model.year, s.slug);
      if (hasPrev.has(start)) continue;
      const members: LineageMember[] = [member.get(start)!];
      const links: ChangeRow[] = [];
      for (let row = nextOf.get(start); row; row = nextOf.get(key(row.next!.year, row.next!.slug))) {
        links.push(row);
        members.push(member.get(key(row.next!.year, row.next!.slug))!);
      }
      const latestEdited = [...members].reverse().find((m) => m.edited);
      const lineage: Lineage = {
        id: `${members[0].year}-${members[0].slug}`,
        name: latestEdited?.title ?? members.at(-1)!.title,
        namedBy: latestEdited ? 'segment summary' : 'generated',
        members,
        links,
        branches: [],
        summary: null,
      };
      lineages.push(lineage);
      for (const m of members) lineageOf.set(key(m.year, m.slug), lineage);
    }
  }
  for (const b of branches) lineageOf.get(key(b.from.year, b.from.slug))?.branches.push(b);
  const problems: string[] = [];
  const publishedYears = new Set(models.map((m) => m.year));
  for (const summary of summaries) {
    const owners = new Set<Lineage>();
    for (const segment of summary.segments) {
      const { year, slug } = parseLineageSegment(segment);
      // A year without a segmentation here (only the new year is segmented, say) is not published: its
      // segments are not checked, and the summary attaches by the others (summaries:check --all-years checks all).
      if (!publishedYears.has(year)) continue;
      const owner = lineageOf.get(key(year, slug));
      if (!owner) problems.push(`${summary.filePath}: ${segment} is not a published segment`);
      else owners.add(owner);
    }
    if (owners.size > 1) {
      problems.push(
        `${summary.filePath}: ${summary.segments.join(', ')} are not one lineage (they fall in ${[...owners].map((l) => `"${l.name}"`).join(' and ')})`,
      );
    } else if (owners.size === 1) {
      const lineage = [...owners][0];
      if (lineage.summary)
        problems.push(
          `${summary.filePath}: the lineage "${lineage.name}" already has a summary, ${lineage.summary.filePath}`,
        );
      else {
        lineage.summary = summary;
        lineage.name = summary.title;
        lineage.namedBy = 'lineage summary';
      }
    }
  }
  return { lineages, problems };
}

/** The member of `lineage` before and after `year`, for a segment page's predecessor and successor links. */
export function neighboursInLineage(
  lineages: readonly Lineage[],
  year: number,
  slug: string,
): {
  lineage: Lineage;
  previous: { member: LineageMember; link: ChangeRow } | null;
  next: { member: LineageMember; link: ChangeRow } | null;
} | null {
  for (const lineage of lineages) {
    const i = lineage.members.findIndex((m) => m.year === year && m.slug === slug);
    if (i < 0) continue;
    return {
      lineage,
      previous: i > 0 ? { member: lineage.members[i - 1], link: lineage.links[i - 1] } : null,
      next: i < lineage.members.length - 1 ? { member: lineage.members[i + 1], link: lineage.links[i] } : null,
    };
  }
  return null;
}
