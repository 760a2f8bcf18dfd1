/**
 * Stage 8, profile: what makes each segment itself. For every feature, the segment's response rate, the
 * overall rate among clustered professionals, and the lift (their difference); for every profile question,
 * the answer counts per segment. Segments are published in ascending share of members new to ML, as the
 * notebook orders them.
 */
import type { Breakdown, SegmentResult } from '../document/segmentation-schema.js';
import { round } from '../infra/round.js';
import type { BinaryMatrix, Embedding, ProfileAnswers, ProfileInputs, Profiles } from './types.js';

/** Decimals of rates, shares and lifts in the document. */
export const RATE_DECIMALS = 6;

/** Per component of `labels`: its size and how many of its rows chose each answer; `totals` over all rows. */
export interface AnswerCounts {
  cols: number;
  sizes: Int32Array;
  /** k * cols. */
  sums: Float64Array;
  totals: Float64Array;
}

export function answerCounts(matrix: BinaryMatrix, labels: Int32Array, k: number): AnswerCounts {
  const { cols } = matrix;
  const sums = new Float64Array(k * cols);
  const totals = new Float64Array(cols);
  const sizes = new Int32Array(k);
  for (let r = 0; r < matrix.rows; r++) {
    const c = labels[r];
    sizes[c]++;
    const base = r * cols;
    for (let f = 0; f < cols; f++) {
      if (matrix.data[base + f]) {
        sums[c * cols + f]++;
        totals[f]++;
      }
    }
  }
  return { cols, sizes, sums, totals };
}

/** Component `c`'s response rate per answer and its lift over `baseRates`, both rounded as documents hold them. */
export function ratesAndLift(
  counts: AnswerCounts,
  c: number,
  baseRates: readonly number[],
): { rates: number[]; lift: number[] } {
  const rates = Array.from({ length: counts.cols }, (_, f) => counts.sums[c * counts.cols + f] / counts.sizes[c]);
  return {
    rates: rates.map((r) => round(r, RATE_DECIMALS)),
    lift: rates.map((r, f) => round(r - baseRates[f], RATE_DECIMALS)),
  };
}

export function profileSegments(inputs: ProfileInputs): Profiles {
  const { matrix, components, k } = inputs;
  const counts = answerCounts(matrix, components, k);
  const { sizes } = counts;
  const overallRates = Array.from(counts.totals, (t) => t / matrix.rows);
  const newToML = newToMLShares(inputs);
  const order = Array.from({ length: k }, (_, c) => c)
    .filter((c) => sizes[c] > 0)
    .sort((a, b) => newToML[a] - newToML[b] || sizes[b] - sizes[a] || a - b);
  const indexOfComponent = new Int32Array(k).fill(-1);
  order.forEach((c, index) => {
    indexOfComponent[c] = index;
  });

  const segments = order.map((c, index): SegmentResult => {
    const { rates, lift } = ratesAndLift(counts, c, overallRates);
    return {
      index,
      component: c,
      size: sizes[c],
      share: round(sizes[c] / matrix.rows, RATE_DECIMALS),
      newToMLShare: round(newToML[c], RATE_DECIMALS),
      center: centerOf(inputs.map, components, c),
      rates,
      lift,
      breakdowns: breakdownsOf(inputs.profile, (row) => components[row] === c),
      stability: null,
    };
  });
  return {
    overall: {
      rates: overallRates.map((r) => round(r, RATE_DECIMALS)),
      breakdowns: breakdownsOf(inputs.profile, () => true),
    },
    segments,
    indexOfComponent,
  };
}

function newToMLShares({ profile, mlYears, newToML, components, k }: ProfileInputs): Float64Array {
  const answers = profile.get(mlYears);
  const shares = new Float64Array(k);
  if (!answers) return shares;
  const isNew = new Set(answers.answers.flatMap((a, i) => (newToML.includes(a) ? [i] : [])));
  // Only members who answered count: a blank is not "not new to ML" (a segment of people who quit before
  // the question would otherwise be published as the most experienced).
  const answered = new Float64Array(k);
  components.forEach((c, row) => {
    if (answers.values[row] < 0) return;
    answered[c]++;
    if (isNew.has(answers.values[row])) shares[c]++;
  });
  return shares.map((s, c) => (answered[c] ? s / answered[c] : 0));
}

function centerOf(map: Embedding, components: Int32Array, c: number) {
  let x = 0;
  let y = 0;
  let n = 0;
  components.forEach((component, row) => {
    if (component !== c) return;
    x += map.data[row * map.dims];
    y += map.data[row * map.dims + 1];
    n++;
  });
  return { x: round(x / n, 3), y: round(y / n, 3) };
}

function breakdownsOf(
  profile: Map<string, ProfileAnswers>,
  include: (row: number) => boolean,
): Record<string, Breakdown> {
  const result: Record<string, Breakdown> = {};
  for (const [code, { answers, values }] of profile) {
    const counts = new Array<number>(answers.length).fill(0);
    let missing = 0;
    values.forEach((value, row) => {
      if (!include(row)) return;
      if (value < 0) missing++;
      else counts[value]++;
    });
    result[code] = { counts, missing };
  }
  return result;
}
