/**
 * Colors of the charts. The notebook colors each question group with a pair from matplotlib's 'Paired'
 * map (`qtype_map`: group i → colors 2i (light) and 2i+1 (solid)); Vega's 'paired' scheme holds the same
 * twelve colors, copied here so that building a spec does not need the Vega runtime (a test compares them).
 */
import { QUESTION_GROUPS, type QuestionGroup } from '../../scripts/config/schema.js';

export const PAIRED = [
  '#a6cee3',
  '#1f78b4',
  '#b2df8a',
  '#33a02c',
  '#fb9a99',
  '#e31a1c',
  '#fdbf6f',
  '#ff7f00',
  '#cab2d6',
  '#6a3d9a',
  '#ffff99',
  '#b15928',
] as const;

/** 'valid' (7th group) falls past the twelve colors; matplotlib would clamp it, a grey pair is clearer. */
const FALLBACK_PAIR = { light: '#cccccc', solid: '#7f7f7f' } as const;

export interface ColorPair {
  /** Overall response rate (left bars). */
  light: string;
  /** Lift (right bars). */
  solid: string;
}

export function groupColors(group: QuestionGroup): ColorPair {
  const i = QUESTION_GROUPS.indexOf(group) * 2;
  return i + 1 < PAIRED.length ? { light: PAIRED[i], solid: PAIRED[i + 1] } : { ...FALLBACK_PAIR };
}

/**
 * One color per question group where a chart needs one (the lift chart): the solid color of its pair,
 * except where that color has less than 3:1 contrast against the white or the dark page (the purple
 * nearly vanished in dark mode, the orange on white); those two are shifted to a middle lightness.
 */
const READABLE_OVERRIDES: Record<string, string> = { '#6a3d9a': '#8f5fc2', '#ff7f00': '#e66a00' };

export function groupColor(group: QuestionGroup): string {
  const solid = groupColors(group).solid;
  return READABLE_OVERRIDES[solid] ?? solid;
}

/** Categorical scheme for unordered answers (job role, gender), as the notebook's role chart. */
export const CATEGORICAL_SCHEME = 'tableau20' as const;
/** Its colors, for scales that need an explicit range (the map adds a grey for "no answer"). */
export const TABLEAU20 = [
  '#4c78a8',
  '#9ecae9',
  '#f58518',
  '#ffbf79',
  '#54a24b',
  '#88d27a',
  '#b79a20',
  '#f2cf5b',
  '#439894',
  '#83bcb6',
  '#e45756',
  '#ff9d98',
  '#79706e',
  '#bab0ac',
  '#d67195',
  '#fcbfd2',
  '#b279a2',
  '#d6a5c9',
  '#9e765f',
  '#d8b5a5',
] as const;

/** Diverging scheme of the work-activity table (matplotlib's PiYG). */
export const DIVERGING_SCHEME = 'pinkyellowgreen' as const;

/** Map: non-highlighted points on a segment page, and the highlighted segment. */
export const MUTED_POINT = '#9a9a9a';
export const HIGHLIGHT_POINT = '#d6336c';
/** Respondents who did not answer the role question. */
export const NO_ANSWER_COLOR = '#8c8c8c';
