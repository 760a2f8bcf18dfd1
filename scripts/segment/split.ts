/**
 * Stage 4, split: who counts as a professional. Where the survey asked professionals other variants of its
 * questions (`_A` vs `_B`), that structure decides; where the config writes the survey's definition as
 * conditions on answers, those decide; otherwise the 2-D map of everyone is cut in two along
 * its widest empty band, as the notebook did by hand (x < 4), and the side where fewer respondents gave
 * the config's non-professional answers (students, the unemployed) is the professional one.
 */
import type { ProfessionalRule } from '../config/schema.js';
import type { Boundary, Embedding, ProfessionalSplit } from './types.js';

export function splitProfessionals(
  rule: ProfessionalRule,
  /** `map` is read only by the map-split rule; the others decide before the map exists. */
  inputs: {
    variantAnswers: { a: Int32Array; b: Int32Array };
    nonProfessionalMarks: Uint8Array;
    meetsConditions: Uint8Array;
    questionsAnswered: Int32Array;
    map: Embedding | null;
  },
): ProfessionalSplit {
  if (rule.rule === 'variants')
    return splitByVariants(
      inputs.variantAnswers,
      rule.minAnswers,
      rule.description,
      inputs.questionsAnswered,
      rule.complete?.minAnswered ?? 0,
    );
  if (rule.rule === 'answers')
    return splitByAnswers(
      inputs.meetsConditions,
      inputs.questionsAnswered,
      rule.complete?.minAnswered ?? 0,
      rule.description,
    );
  const { map } = inputs;
  if (!map) throw new Error('the map-split rule needs the map');
  const boundary = findMapBoundary(map, inputs.nonProfessionalMarks);
  const professional = new Uint8Array(map.rows);
  const column = boundary.axis === 'x' ? 0 : 1;
  for (let i = 0; i < map.rows; i++) {
    const v = map.data[i * map.dims + column];
    professional[i] = (boundary.side === 'below' ? v < boundary.value : v > boundary.value) ? 1 : 0;
  }
  return { professional, rule: 'map-split', description: rule.description, boundary, excludedIncomplete: 0 };
}

/** Professionals answered at least `minAnswers` `_A` columns, no `_B` column, and at least `minAnswered` of the completeness questions. */
export function splitByVariants(
  counts: { a: Int32Array; b: Int32Array },
  minAnswers: number,
  description: string,
  answered?: Int32Array,
  minAnswered = 0,
): ProfessionalSplit {
  const n = counts.a.length;
  const professional = new Uint8Array(n);
  let excludedIncomplete = 0;
  for (let i = 0; i < n; i++) {
    if (counts.b[i] > 0 || counts.a[i] === 0) continue;
    if (counts.a[i] >= minAnswers && (minAnswered === 0 || answered![i] >= minAnswered)) professional[i] = 1;
    else excludedIncomplete++;
  }
  return { professional, rule: 'variants', description, boundary: null, excludedIncomplete };
}

/** Professionals meet every condition and answered at least `minAnswered` of the completeness questions. */
export function splitByAnswers(
  meets: Uint8Array,
  answered: Int32Array,
  minAnswered: number,
  description: string,
): ProfessionalSplit {
  const professional = new Uint8Array(meets.length);
  let excludedIncomplete = 0;
  meets.forEach((m, i) => {
    if (!m) return;
    if (answered[i] >= minAnswered) professional[i] = 1;
    else excludedIncomplete++;
  });
  return { professional, rule: 'answers', description, boundary: null, excludedIncomplete };
}

/** Both groups must hold at least this share of the points for a gap to count as the split. */
const MIN_GROUP_SHARE = 0.05;

/**
 * The widest empty band across either axis, between groups of at least MIN_GROUP_SHARE of the points each,
 * measured relative to the axis's interquartile range so that the two axes compare fairly.
 */
export function findMapBoundary(map: Embedding, nonProfessionalMarks: Uint8Array): Boundary {
  let best: { axis: 'x' | 'y'; value: number; score: number } | null = null;
  for (const [axis, column] of [
    ['x', 0],
    ['y', 1],
  ] as const) {
    const values = Float64Array.from({ length: map.rows }, (_, i) => map.data[i * map.dims + column]).sort();
    const lo = Math.floor(values.length * MIN_GROUP_SHARE);
    const hi = Math.ceil(values.length * (1 - MIN_GROUP_SHARE));
    const spread = values[Math.floor(values.length * 0.75)] - values[Math.floor(values.length * 0.25)] || 1;
    for (let i = Math.max(lo, 1); i < hi; i++) {
      const score = (values[i] - values[i - 1]) / spread;
      if (!best || score > best.score) best = { axis, value: (values[i] + values[i - 1]) / 2, score };
    }
  }
  if (!best) throw new Error('the map has too few points to split');
  const column = best.axis === 'x' ? 0 : 1;
  const share = { below: [0, 0], above: [0, 0] };
  for (let i = 0; i < map.rows; i++) {
    const side = map.data[i * map.dims + column] < best.value ? share.below : share.above;
    side[0] += nonProfessionalMarks[i];
    side[1]++;
  }
  const belowRate = share.below[0] / Math.max(share.below[1], 1);
  const aboveRate = share.above[0] / Math.max(share.above[1], 1);
  return { axis: best.axis, value: best.value, side: belowRate <= aboveRate ? 'below' : 'above' };
}
