/**
 * One epoch of UMAP's layout SGD (umap-js's optimizeLayoutStep), over flat typed arrays. The 2-D and 4-D
 * loops (the map and the clustering space) keep the moving point's coordinates in locals, measured ~25%
 * faster than the generic loop; all three perform umap-js's floating-point operations in its order, which
 * the bit-for-bit comparison with umap-js in tests/scripts/segment/embedding/embed.test.ts checks for 2, 3 and 4 dimensions.
 *
 * Per edge due this epoch: pull `head` towards `tail` (and `tail` back), then push `head` away from
 * `negativeSamples` random points. A sampled point equal to `head` is skipped, as umap-js does (its
 * distance is 0 and it is the point itself); other coincident points get the maximal push of 4.
 * The pushes are chained as in umap-js: each is measured from where the previous one left the point.
 * These loops run umap-js's settings (EmbedOptions.reproduceUmapJs); the fast settings' loop is
 * lane-epochs.ts.
 */
import type { CurveGradients } from './curve.js';
import type { LayoutEdges } from './graph.js';

export interface EpochState {
  embedding: Float64Array;
  edges: LayoutEdges;
  dims: number;
  curve: CurveGradients;
  negatives: { next(): number };
  epochsPerSample: Float64Array;
  epochOfNextSample: Float64Array;
  epochsPerNegativeSample: Float64Array;
  epochOfNextNegativeSample: Float64Array;
  /** Edge samples and negative samples so far (the benchmark's profile reports them). */
  updates: number;
}

export function runEpoch(state: EpochState, epoch: number, alpha: number): void {
  if (state.dims === 2) runEpoch2D(state, epoch, alpha);
  else if (state.dims === 4) runEpoch4D(state, epoch, alpha);
  else runEpochAnyDims(state, epoch, alpha);
}

/** The sampling schedule's state, which both epoch loops (this file's and lane-epochs.ts's) keep. */
export type ScheduleState = Pick<
  EpochState,
  'epochsPerSample' | 'epochOfNextSample' | 'epochsPerNegativeSample' | 'epochOfNextNegativeSample' | 'updates'
>;

/** How many negative samples edge e owes this epoch, and the bookkeeping for the next (umap-js's schedule). */
export function negativeSamplesDue(state: ScheduleState, e: number, epoch: number): number {
  const count = Math.floor((epoch - state.epochOfNextNegativeSample[e]) / state.epochsPerNegativeSample[e]);
  state.epochOfNextNegativeSample[e] += count * state.epochsPerNegativeSample[e];
  state.epochOfNextSample[e] += state.epochsPerSample[e];
  state.updates += 1 + count;
  return count;
}

function runEpoch2D(state: EpochState, epoch: number, alpha: number): void {
  const { embedding, curve, negatives, epochOfNextSample } = state;
  const { head, tail } = state.edges;
  for (let e = 0; e < head.length; e++) {
    if (epochOfNextSample[e] > epoch) continue;
    const moving = head[e];
    const current = moving * 2;
    const other = tail[e] * 2;
    let x = embedding[current];
    let y = embedding[current + 1];
    const dx = x - embedding[other];
    const dy = y - embedding[other + 1];
    const distSquared = dx * dx + dy * dy;
    const attraction = distSquared > 0 ? curve.attraction(distSquared) : 0;
    const gx = clip(attraction * dx);
    const gy = clip(attraction * dy);
    x += gx * alpha;
    embedding[other] += -gx * alpha;
    y += gy * alpha;
    embedding[other + 1] += -gy * alpha;

    const samples = negativeSamplesDue(state, e, epoch);
    for (let p = 0; p < samples; p++) {
      const sampled = negatives.next();
      if (sampled === moving) continue;
      const far = sampled * 2;
      const fx = x - embedding[far];
      const fy = y - embedding[far + 1];
      const farSquared = fx * fx + fy * fy;
      const repulsion = farSquared > 0.0 ? curve.repulsion(farSquared) : 0.0;
      if (repulsion > 0.0) {
        x += clip(repulsion * fx) * alpha;
        y += clip(repulsion * fy) * alpha;
      } else {
        x += 4.0 * alpha;
        y += 4.0 * alpha;
      }
    }
    embedding[current] = x;
    embedding[current + 1] = y;
  }
}

function runEpoch4D(state: EpochState, epoch: number, alpha: number): void {
  const { embedding, curve, negatives, epochOfNextSample } = state;
  const { head, tail } = state.edges;
  for (let e = 0; e < head.length; e++) {
    if (epochOfNextSample[e] > epoch) continue;
    const moving = head[e];
    const current = moving * 4;
    const other = tail[e] * 4;
    let x0 = embedding[current];
    let x1 = embedding[current + 1];
    let x2 = embedding[current + 2];
    let x3 = embedding[current + 3];
    const d0 = x0 - embedding[other];
    const d1 = x1 - embedding[other + 1];
    const d2 = x2 - embedding[other + 2];
    const d3 = x3 - embedding[other + 3];
    const distSquared = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
    const attraction = distSquared > 0 ? curve.attraction(distSquared) : 0;
    const g0 = clip(attraction * d0);
    const g1 = clip(attraction * d1);
    const g2 = clip(attraction * d2);
    const g3 = clip(attraction * d3);
    x0 += g0 * alpha;
    embedding[other] += -g0 * alpha;
    x1 += g1 * alpha;
    embedding[other + 1] += -g1 * alpha;
    x2 += g2 * alpha;
    embedding[other + 2] += -g2 * alpha;
    x3 += g3 * alpha;
    embedding[other + 3] += -g3 * alpha;

    const samples = negativeSamplesDue(state, e, epoch);
    for (let p = 0; p < samples; p++) {
      const sampled = negatives.next();
      if (sampled === moving) continue;
      const far = sampled * 4;
      const f0 = x0 - embedding[far];
      const f1 = x1 - embedding[far + 1];
      const f2 = x2 - embedding[far + 2];
      const f3 = x3 - embedding[far + 3];
      const farSquared = f0 * f0 + f1 * f1 + f2 * f2 + f3 * f3;
      const repulsion = farSquared > 0.0 ? curve.repulsion(farSquared) : 0.0;
      if (repulsion > 0.0) {
        x0 += clip(repulsion * f0) * alpha;
        x1 += clip(repulsion * f1) * alpha;
        x2 += clip(repulsion * f2) * alpha;
        x3 += clip(repulsion * f3) * alpha;
      } else {
        x0 += 4.0 * alpha;
        x1 += 4.0 * alpha;
        x2 += 4.0 * alpha;
        x3 += 4.0 * alpha;
      }
    }
    embedding[current] = x0;
    embedding[current + 1] = x1;
    embedding[current + 2] = x2;
    embedding[current + 3] = x3;
  }
}

function runEpochAnyDims(state: EpochState, epoch: number, alpha: number): void {
  const { embedding, dims, curve, negatives, epochOfNextSample } = state;
  const { head, tail } = state.edges;
  // Where the next push is measured from: the point as the last push left it.
  const from = new Float64Array(dims);
  for (let e = 0; e < head.length; e++) {
    if (epochOfNextSample[e] > epoch) continue;
    const moving = head[e];
    const current = moving * dims;
    const other = tail[e] * dims;
    const distSquared = squaredDistance(embedding, current, other, dims);
    const attraction = distSquared > 0 ? curve.attraction(distSquared) : 0;
    for (let d = 0; d < dims; d++) {
      const grad = clip(attraction * (embedding[current + d] - embedding[other + d]));
      embedding[current + d] += grad * alpha;
      embedding[other + d] += -grad * alpha;
    }

    const samples = negativeSamplesDue(state, e, epoch);
    for (let d = 0; d < dims; d++) from[d] = embedding[current + d];
    for (let p = 0; p < samples; p++) {
      const sampled = negatives.next();
      if (sampled === moving) continue;
      const far = sampled * dims;
      let farSquared = 0.0;
      for (let d = 0; d < dims; d++) {
        const diff = from[d] - embedding[far + d];
        farSquared += diff * diff;
      }
      const repulsion = farSquared > 0.0 ? curve.repulsion(farSquared) : 0.0;
      for (let d = 0; d < dims; d++) {
        const grad = repulsion > 0.0 ? clip(repulsion * (from[d] - embedding[far + d])) : 4.0;
        embedding[current + d] += grad * alpha;
      }
      for (let d = 0; d < dims; d++) from[d] = embedding[current + d];
    }
  }
}

function squaredDistance(embedding: Float64Array, from: number, to: number, dims: number): number {
  let result = 0.0;
  for (let d = 0; d < dims; d++) {
    const diff = embedding[from + d] - embedding[to + d];
    result += diff * diff;
  }
  return result;
}

function clip(value: number): number {
  return value > 4.0 ? 4.0 : value < -4.0 ? -4.0 : value;
}
