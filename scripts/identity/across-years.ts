/**
 * Year-to-year comparison of segments, for the "What changed since <previous year>" pages, the lineages of
 * the "Six surveys" page and the answer trends.
 *
 * Feature ids differ between years (question codes are renumbered), so answers are compared by a cross-year
 * key: the question's topic (from the per-year config) plus the normalised answer text, with the aliases of
 * configs/answers.yaml where a year worded the same answer differently ("I have not used any cloud
 * providers" is 2018's "None"). Only answers present in both years count.
 *
 * Why the matching is more than a cosine of lifts: a cosine of 0.5 over vectors dominated by a few answers
 * paired 2018's R segment with 2021's TensorFlow one. So
 * - each answer is weighted by how much it sets segments apart in *both* years (the smaller of its two
 *   share-weighted standard deviations of lift), and lifts are read in each year's own units of spread;
 * - a pairing is refused when the defining answers disagree: at least half of one side's top defining
 *   answers are not shared by the other (R +49 points against R at +14 or below average);
 * - transitions follow MONIC (Spiliopoulou et al., 2006): a segment survives (and grows, shrinks or
 *   persists), splits, merges, emerges (appears) or disappears, each with its evidence: the shared defining
 *   answers and their rates in both years.
 */
import type { Segmentation } from '../document/segmentation-schema.js';
import { maximumAssignment } from '../infra/assignment.js';
import { segmentAt } from './similarity.js';

/** Weighted similarity at which last year's segment can count as the same as this year's. */
export const ACROSS_YEARS_THRESHOLD = 0.5;
/** Share change (a fraction) beyond which a matched segment grows or shrinks: 2 percentage points. */
export const SHARE_CHANGE = 0.02;
/** Lift (a fraction: 0.15 = 15 points above all professionals) from which an answer defines a segment. */
export const DEFINING_LIFT = 0.15;
/** At most this many defining answers per segment, highest lift first. */
export const MAX_DEFINING = 5;
/** The top defining answers checked: when the other side shares fewer than half of them, the pairing is refused. */
export const DEFINING_CHECKED = 3;
/**
 * The other side shares a defining answer when its lift on it, in points or in its year's units of spread,
 * is at least this fraction of the defining side's: 2018's R segment (R +49 points) is not continued by one with R at +14.
 */
export const DEFINING_SHARED = 1 / 2;

/**
 * Cross-year aliases: `topic|normalised text` of a worded-differently answer -> `topic|canonical text`.
 * Loaded from configs/answers.yaml (scripts/config/answer-map.ts).
 */
export type AnswerAliases = ReadonlyMap<string, string>;

export interface AcrossYearsOptions {
  /** Minimum weighted similarity of a pairing. Default ACROSS_YEARS_THRESHOLD. */
  threshold?: number;
  /** Share change (as a fraction) beyond which a matched segment grows or shrinks. Default SHARE_CHANGE. */
  shareChange?: number;
  /** Answers worded differently across years (configs/answers.yaml). Default none. */
  aliases?: AnswerAliases;
}

/** MONIC transitions; a survival is also told as persists, grows or shrinks by its change in share. */
export type AcrossYearsStatus = 'persists' | 'grows' | 'shrinks' | 'splits' | 'merges' | 'appears' | 'disappears';
export type Transition = 'survives' | 'splits' | 'merges' | 'emerges' | 'disappears';

export function transitionOf(status: AcrossYearsStatus): Transition {
  if (status === 'appears') return 'emerges';
  if (status === 'persists' || status === 'grows' || status === 'shrinks') return 'survives';
  return status;
}

/** One answer that both segments of a pairing share: its text and its rate and lift in each. */
export interface EvidenceAnswer {
  key: string;
  topic: string;
  /** The answer's text as the later year words it. */
  label: string;
  /** Its question's short label in the later year (several questions have a "None"). */
  question: string;
  prevRate: number;
  nextRate: number;
  prevLift: number;
  nextLift: number;
}

export interface AcrossYearsRow {
  prevIndex: number | null;
  nextIndex: number | null;
  /** Weighted similarity of the pair over the shared answers; null for appears/disappears. */
  similarity: number | null;
  prevSize: number | null;
  nextSize: number | null;
  prevShare: number | null;
  nextShare: number | null;
  status: AcrossYearsStatus;
  /**
   * True for the one-to-one pairing that carries a lineage on (a survival, or the closest branch of a split
   * or merge); false for the other branches and for appearing or disappearing segments.
   */
  continues: boolean;
  /** Shared defining answers (defining on either side, above average on both), strongest first. */
  evidence: EvidenceAnswer[];
}

/** A pairing the similarity alone would have allowed, refused because a defining answer disagrees. */
export interface RefusedPair {
  prevIndex: number;
  nextIndex: number;
  similarity: number;
  /** The defining answer of one side that the other side does not share. */
  contradiction: EvidenceAnswer;
  /** Which side the contradicted answer defines. */
  definedBy: 'prev' | 'next';
}

export interface AcrossYearsComparison {
  rows: AcrossYearsRow[];
  refused: RefusedPair[];
  /** The shared cross-year keys the comparison rests on, sorted. */
  sharedKeys: string[];
}

/** Answer text comparable across years: no parenthetical remarks, lowercase, single spaces, trimmed. */
export function crossYearAnswerText(text: string): string {
  let stripped = text;
  // Repeat so nested remarks "(a (b) c)" go too.
  for (let previous = ''; previous !== stripped; ) {
    previous = stripped;
    stripped = stripped.replace(/\([^()]*\)/g, ' ');
  }
  return stripped.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The cross-year key of one answer of a question with a topic, aliases applied. */
export function crossYearKey(topic: string, label: string, aliases: AnswerAliases = new Map()): string {
  const key = `${topic}|${crossYearAnswerText(label)}`;
  return aliases.get(key) ?? key;
}

/**
 * Feature id -> cross-year key (`<topic>|<normalized answer>`) for every feature whose question has a topic.
 * When two features of one year share a key, the first in column order keeps it.
 */
export function crossYearKeys(doc: Segmentation, aliases: AnswerAliases = new Map()): Map<string, string> {
  const topics = new Map(doc.questions.map((q) => [q.code, q.topic]));
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const feature of doc.features) {
    const topic = topics.get(feature.question);
    if (!topic) continue;
    const key = crossYearKey(topic, feature.label, aliases);
    if (taken.has(key)) continue;
    taken.add(key);
    keys.set(feature.id, key);
  }
  return keys;
}

/** The cross-year keys both documents have, sorted: what the comparison is based on (for the page to state). */
export function sharedAnswerKeys(prev: Segmentation, next: Segmentation, aliases: AnswerAliases = new Map()): string[] {
  const nextKeys = new Set(crossYearKeys(next, aliases).values());
  return [...crossYearKeys(prev, aliases).values()].filter((k) => nextKeys.has(k)).sort();
}

/** One year's view of the shared answers: per segment (sorted by index) the rates and lifts, key order. */
interface YearSide {
  segments: Segmentation['segments'];
  rates: number[][];
  lifts: number[][];
  /** Share-weighted standard deviation of each answer's lift over the year's segments. */
  spread: number[];
  labels: string[];
  questions: string[];
}

function yearSide(doc: Segmentation, keys: readonly string[], aliases: AnswerAliases): YearSide {
  const column = new Map<string, number>();
  const featureKeys = crossYearKeys(doc, aliases);
  doc.features.forEach((f, i) => {
    const key = featureKeys.get(f.id);
    if (key !== undefined) column.set(key, i);
  });
  const segments = [...doc.segments].sort((a, b) => a.index - b.index);
  const at = keys.map((k) => column.get(k)!);
  const lifts = segments.map((s) => at.map((i) => segmentAt(doc, s.index).lift[i]));
  const rates = segments.map((s) => at.map((i) => s.rates[i]));
  const total = segments.reduce((n, s) => n + s.share, 0) || 1;
  const spread = at.map((_, k) => {
    const mean = segments.reduce((sum, s, j) => sum + s.share * lifts[j][k], 0) / total;
    return Math.sqrt(segments.reduce((sum, s, j) => sum + s.share * (lifts[j][k] - mean) ** 2, 0) / total);
  });
  const questionLabels = new Map(doc.questions.map((q) => [q.code, q.label]));
  return {
    segments,
    rates,
    lifts,
    spread,
    labels: at.map((i) => doc.features[i].label),
    questions: at.map((i) => questionLabels.get(doc.features[i].question) ?? doc.features[i].question),
  };
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) return 0;
  return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
}

/** Indices of a segment's defining answers: lift >= DEFINING_LIFT, highest first, at most MAX_DEFINING. */
function definingAnswers(lifts: number[]): number[] {
  return lifts
    .map((lift, k) => ({ lift, k }))
    .filter(({ lift }) => lift >= DEFINING_LIFT)
    .sort((x, y) => y.lift - x.lift || x.k - y.k)
    .slice(0, MAX_DEFINING)
    .map(({ k }) => k);
}

/**
 * Compares two years' segments: weighted similarity over the shared answers, refusal of pairings whose
 * defining answers disagree, one-to-one survivals by optimal assignment, then splits and merges among the
 * allowed pairings left over. Rows: next year's segments in index order (each with its pairing or as
 * appearing), then the disappearing ones and the merged-away ones by previous index.
 */
export function compareAcrossYears(
  prev: Segmentation,
  next: Segmentation,
  options: AcrossYearsOptions = {},
): AcrossYearsComparison {
  const { threshold = ACROSS_YEARS_THRESHOLD, shareChange = SHARE_CHANGE, aliases = new Map() } = options;
  const keys = sharedAnswerKeys(prev, next, aliases);
  if (keys.length === 0) {
    throw new Error(
      `segmentations ${prev.survey.year} and ${next.survey.year} share no answer on a common topic: set question topics in both configs`,
    );
  }
  const p = yearSide(prev, keys, aliases);
  const n = yearSide(next, keys, aliases);
  // Each answer counts by how much it sets segments apart in both years; lifts in each year's own units.
  const weight = keys.map((_, k) => Math.min(p.spread[k], n.spread[k]));
  const scaled = (side: YearSide, lifts: number[]) =>
    lifts.map((l, k) => (side.spread[k] === 0 ? 0 : (l / side.spread[k]) * weight[k]));
  const prevVectors = p.lifts.map((l) => scaled(p, l));
  const nextVectors = n.lifts.map((l) => scaled(n, l));
  const sims = prevVectors.map((a) => nextVectors.map((b) => cosine(a, b)));
  const prevDefining = p.lifts.map(definingAnswers);
  const nextDefining = n.lifts.map(definingAnswers);

  const evidenceAnswer = (i: number, j: number, k: number): EvidenceAnswer => ({
    key: keys[k],
    topic: keys[k].slice(0, keys[k].indexOf('|')),
    label: n.labels[k],
    question: n.questions[k],
    prevRate: p.rates[i][k],
    nextRate: n.rates[j][k],
    prevLift: p.lifts[i][k],
    nextLift: n.lifts[j][k],
  });
  /**
   * The first defining answer of one side that the other side does not share (DEFINING_SHARED), when at
   * least half of that side's checked defining answers are not shared: segments drawn from the same people
   * twice differ in one defining answer or another, while R against TensorFlow differs in all of them.
   */
  const contradiction = (i: number, j: number): Pick<RefusedPair, 'contradiction' | 'definedBy'> | null => {
    // In points, or in each year's units of spread: 2020 asked about ML frameworks more narrowly than 2018,
    // so its "None" sets segments apart by fewer points; and a year of few segments has an unsteady spread.
    const shares = (own: YearSide, ownLift: number, other: YearSide, otherLift: number, k: number) =>
      otherLift >= DEFINING_SHARED * ownLift ||
      (other.spread[k] > 0 && otherLift / other.spread[k] >= DEFINING_SHARED * (ownLift / own.spread[k]));
    const unshared = (checked: number[], own: YearSide, ownRow: number, other: YearSide, otherRow: number) => {
      const missing = checked.filter((k) => !shares(own, own.lifts[ownRow][k], other, other.lifts[otherRow][k], k));
      return missing.length > 0 && 2 * missing.length >= checked.length ? missing[0] : null;
    };
    const fromPrev = unshared(prevDefining[i].slice(0, DEFINING_CHECKED), p, i, n, j);
    if (fromPrev !== null) return { contradiction: evidenceAnswer(i, j, fromPrev), definedBy: 'prev' };
    const fromNext = unshared(nextDefining[j].slice(0, DEFINING_CHECKED), n, j, p, i);
    if (fromNext !== null) return { contradiction: evidenceAnswer(i, j, fromNext), definedBy: 'next' };
    return null;
  };
  const evidence = (i: number, j: number): EvidenceAnswer[] =>
    [...new Set([...prevDefining[i], ...nextDefining[j]])]
      .filter((k) => p.lifts[i][k] > 0 && n.lifts[j][k] > 0)
      .map((k) => evidenceAnswer(i, j, k))
      .sort((x, y) => Math.min(y.prevLift, y.nextLift) - Math.min(x.prevLift, x.nextLift) || (x.key < y.key ? -1 : 1));

  const refused: RefusedPair[] = [];
  const allowed = sims.map((row, i) =>
    row.map((s, j) => {
      if (s < threshold) return false;
      const against = contradiction(i, j);
      if (against) {
        refused.push({ prevIndex: p.segments[i].index, nextIndex: n.segments[j].index, similarity: s, ...against });
        return false;
      }
      // Two segments that are each defined by some answer must share at least one of them.
      if ((prevDefining[i].length > 0 || nextDefining[j].length > 0) && evidence(i, j).length === 0) return false;
      return true;
    }),
  );

  // Survivals: as many allowed pairs as possible, then the closest (same weighting as run-to-run matching).
  const bonus = 2 * Math.min(p.segments.length, n.segments.length) + 2;
  const pairs = maximumAssignment(sims.map((row, i) => row.map((s, j) => (allowed[i][j] ? bonus + s : 0)))).filter(
    ({ row, col }) => allowed[row][col],
  );
  const prevOfNext = new Map(pairs.map(({ row, col }) => [col, row]));
  const nextOfPrev = new Map(pairs.map(({ row, col }) => [row, col]));
  const best = (candidates: number[], score: (c: number) => number) =>
    candidates.reduce<number | null>((b, c) => (b === null || score(c) > score(b) ? c : b), null);
  // A segment left over that an assigned one of the other year also resembles is a split (or merge) of it.
  const splitFrom = new Map<number, number>();
  n.segments.forEach((_, j) => {
    if (prevOfNext.has(j)) return;
    const i = best(
      p.segments.map((_, i) => i).filter((i) => allowed[i][j] && nextOfPrev.has(i)),
      (i) => sims[i][j],
    );
    if (i !== null) splitFrom.set(j, i);
  });
  const mergedInto = new Map<number, number>();
  p.segments.forEach((_, i) => {
    if (nextOfPrev.has(i)) return;
    const j = best(
      n.segments.map((_, j) => j).filter((j) => allowed[i][j] && prevOfNext.has(j)),
      (j) => sims[i][j],
    );
    if (j !== null) mergedInto.set(i, j);
  });
  const splitting = new Set(splitFrom.values());
  const merging = new Set(mergedInto.values());

  const row = (i: number | null, j: number | null, status: AcrossYearsStatus, continues = false): AcrossYearsRow => {
    const a = i === null ? null : p.segments[i];
    const b = j === null ? null : n.segments[j];
    return {
      prevIndex: a?.index ?? null,
      nextIndex: b?.index ?? null,
      similarity: i !== null && j !== null ? sims[i][j] : null,
      prevSize: a?.size ?? null,
      nextSize: b?.size ?? null,
      prevShare: a?.share ?? null,
      nextShare: b?.share ?? null,
      status,
      continues,
      evidence: i !== null && j !== null ? evidence(i, j) : [],
    };
  };
  const survival = (i: number, j: number): AcrossYearsStatus => {
    if (splitting.has(i)) return 'splits';
    if (merging.has(j)) return 'merges';
    const change = n.segments[j].share - p.segments[i].share;
    // A tiny epsilon so that exactly ±2 points (after float noise) still counts as "persists".
    return change > shareChange + 1e-12 ? 'grows' : change < -shareChange - 1e-12 ? 'shrinks' : 'persists';
  };
  const rows: AcrossYearsRow[] = n.segments.map((_, j) => {
    const i = prevOfNext.get(j);
    if (i !== undefined) return row(i, j, survival(i, j), true);
    const from = splitFrom.get(j);
    return from === undefined ? row(null, j, 'appears') : row(from, j, 'splits');
  });
  p.segments.forEach((_, i) => {
    if (nextOfPrev.has(i)) return;
    const into = mergedInto.get(i);
    rows.push(into === undefined ? row(i, null, 'disappears') : row(i, into, 'merges'));
  });
  return { rows, refused, sharedKeys: keys };
}

/** The rows of compareAcrossYears: each segment's transition with its evidence. */
export function matchAcrossYears(
  prev: Segmentation,
  next: Segmentation,
  options: AcrossYearsOptions = {},
): AcrossYearsRow[] {
  return compareAcrossYears(prev, next, options).rows;
}
