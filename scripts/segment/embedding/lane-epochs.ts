/**
 * One epoch of the layout with each edge sample's pull and pushes in lanes (LayoutSettings.pushes 'lanes'),
 * in float32, one lane at a time: the specification of the WebAssembly kernel's epochs
 * (wasm/layout-kernel.as.ts), which computes four lanes at once with the same operations in the same order,
 * so the two give the same bits (tests/scripts/segment/embedding/layout-wasm.test.ts). It runs where the
 * kernel is not compiled, and for dimensions other than 2 and 4.
 *
 * Per edge due this epoch, lane 0 is its tail and lanes 1..count its negative samples, all measured from the
 * moving point as the edge sample found it (a negative sample equal to that point is skipped, as umap-js
 * does, by measuring it against the far point instead; any other point at distance 0 gets the maximal push
 * of 4 in every coordinate, umap-learn's rule). The lanes are
 * summed per coordinate in groups of four, lane-wise across groups, then ((l0 + l1) + (l2 + l3)); the point
 * moves by alpha times that sum, the tail by minus alpha times its own lane's pull.
 */

import type { Random } from '../../infra/random.js';
import { negativeSamplesDue } from './epochs.js';
import type { LayoutEdges } from './graph.js';
import type { LaneCurve } from './lane-curve.js';

const f = Math.fround;

export interface LaneState {
  /** Float32 coordinates, row-major. */
  embedding: Float32Array;
  edges: LayoutEdges;
  dims: number;
  curve: LaneCurve;
  negatives: { next(): number };
  epochsPerSample: Float64Array;
  epochOfNextSample: Float64Array;
  epochsPerNegativeSample: Float64Array;
  epochOfNextNegativeSample: Float64Array;
  updates: number;
}

export function runLaneEpoch(state: LaneState, epoch: number, alpha: number): void {
  const { embedding, dims, curve, negatives, epochOfNextSample } = state;
  const far = farPoint(embedding, dims);
  const { head, tail } = state.edges;
  const step = f(alpha);
  const point = new Float32Array(dims);
  const difference = new Float32Array(dims);
  const gradient = new Float32Array(dims);
  const tailGradient = new Float32Array(dims);
  // sums[d * 4 + lane]: coordinate d's gradients of lane `lane`, added group by group.
  const sums = new Float32Array(dims * 4);
  for (let e = 0; e < head.length; e++) {
    if (epochOfNextSample[e] > epoch) continue;
    const moving = head[e];
    for (let d = 0; d < dims; d++) point[d] = embedding[moving * dims + d];
    const lanes = 1 + negativeSamplesDue(state, e, epoch);
    sums.fill(0);
    for (let base = 0; base < lanes; base += 4) {
      for (let lane = 0; lane < 4; lane++) {
        const index = base + lane;
        const other = index >= lanes ? far : index === 0 ? tail[e] : sampleOtherThan(negatives, moving, far);
        const pull = index === 0;
        let distSquared = 0;
        for (let d = 0; d < dims; d++) {
          difference[d] = f(point[d] - embedding[other * dims + d]);
          const squared = f(difference[d] * difference[d]);
          distSquared = d === 0 ? squared : f(distSquared + squared);
        }
        const coefficient = curve.coefficient(distSquared, pull);
        const pushAll = !pull && distSquared === 0;
        for (let d = 0; d < dims; d++) gradient[d] = pushAll ? 4 : clip(f(coefficient * difference[d]));
        for (let d = 0; d < dims; d++) sums[d * 4 + lane] = f(sums[d * 4 + lane] + gradient[d]);
        if (pull) tailGradient.set(gradient);
      }
    }
    const tailAt = tail[e] * dims;
    for (let d = 0; d < dims; d++) embedding[tailAt + d] = f(embedding[tailAt + d] - f(step * tailGradient[d]));
    for (let d = 0; d < dims; d++) {
      const total = f(f(sums[d * 4] + sums[d * 4 + 1]) + f(sums[d * 4 + 2] + sums[d * 4 + 3]));
      embedding[moving * dims + d] = f(point[d] + f(step * total));
    }
  }
}

/** A negative sample, or the far point where it is the moving point itself (which umap-js skips). */
function sampleOtherThan(negatives: { next(): number }, moving: number, far: number): number {
  const sampled = negatives.next();
  return sampled === moving ? far : sampled;
}

/**
 * The far point: the embedding's extra last row, FAR_COORDINATE in every coordinate. Every lane past an edge
 * sample's last, and every skipped sample, is measured against it: its squared distance is ~1e36, so the
 * coefficient's denominator overflows to infinity and the coefficient is exactly 0. The lane moves nothing,
 * and the kernel needs no masks for it.
 */
function farPoint(embedding: Float32Array, dims: number): number {
  return embedding.length / dims - 1;
}

/** The far point's coordinate: far beyond any layout, its square still a finite float32 in four dimensions. */
export const FAR_COORDINATE = 1e18;

/** The layout's float32 coordinates with the far point's row after the last (see farPoint). */
export function laneCoordinates(embedding: Float64Array, dims: number): Float32Array {
  const coordinates = new Float32Array(embedding.length + dims);
  coordinates.set(embedding);
  coordinates.fill(FAR_COORDINATE, embedding.length);
  return coordinates;
}

/** clip to [-4, 4] as the kernel's pmax then pmin (NaN passes through). */
function clip(value: number): number {
  const raised = value < -4.0 ? -4.0 : value;
  return 4.0 < raised ? 4.0 : raised;
}

/** The xorshift32 generator's start, drawn once from the run's stream (never 0, which xorshift cannot leave). */
export function xorshiftSeed(random: Random): number {
  return Math.floor(random() * 4294967296) | 1;
}
