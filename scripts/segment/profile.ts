/**
 * Stage 7, profile: what makes each segment itself. For every feature, the segment's response rate, the
 * overall rate among clustered professionals, and the lift (their difference); for every profile question,
 * the answer counts per segment. Segments are published in ascending share of members new to ML, as the
 * notebook orders them.
 */
import type { Breakdown, SegmentResult } from '../document/segmentation-schema.js';
import type { Embedding, ProfileAnswers, ProfileInputs, Profiles } from './types.js';
import { round } from '../infra/round.js';

/** Decimals of rates, shares and lifts in the document. */
export const RATE_DECIMALS = 6;

export function profileSegments(inputs: ProfileInputs): Profiles {
  const { matrix, components, k } = inputs;
  const sums = new Float64Array(k * matrix.cols);
  const totals = new Float64Array(matrix.cols);
  const sizes = new Int32Array(k);
  for (let r = 0; r < matrix.rows; r++) {
    const c = components[r];
    sizes[c]++;
    const base = r * matrix.cols;
    for (let f = 0; f < matrix.cols; f++) {
      if (matrix.data[base + f]) {
        sums[c * matrix.cols + f]++;
        totals[f]++;
      }
    }
  }
  const overallRates = Array.from(totals, (t) => t / matrix.rows);
  const newToML = newToMLShares(inputs);
  const order = Array.from({ length: k }, (_, c) => c)
    .filter((c) => sizes[c] > 0)
    .sort((a, b) => newToML[a] - newToML[b] || sizes[b] - sizes[a] || a - b);
  const indexOfComponent = new Int32Array(k).fill(-1);
  order.forEach((c, index) => (indexOfComponent[c] = index));

  const segments = order.map((c, index): SegmentResult => {
    const rates = Array.from({ length: matrix.cols }, (_, f) => sums[c * matrix.cols + f] / sizes[c]);
    return {
      index,
      component: c,
      size: sizes[c],
      share: round(sizes[c] / matrix.rows, RATE_DECIMALS),
      newToMLShare: round(newToML[c], RATE_DECIMALS),
      center: centerOf(inputs.map, components, c),
      rates: rates.map((r) => round(r, RATE_DECIMALS)),
      lift: rates.map((r, f) => round(r - overallRates[f], RATE_DECIMALS)),
      breakdowns: breakdownsOf(inputs.profile, (row) => components[row] === c),
      stability: null,
    };
  });
  return {
    overall: { rates: overallRates.map((r) => round(r, RATE_DECIMALS)), breakdowns: breakdownsOf(inputs.profile, () => true) },
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

function breakdownsOf(profile: Map<string, ProfileAnswers>, include: (row: number) => boolean): Record<string, Breakdown> {
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
