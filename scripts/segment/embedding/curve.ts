/**
 * The gradient coefficients of UMAP's low-dimensional similarity 1 / (1 + a·d^(2b)), as functions of the
 * squared distance d² (umap-js / umap-learn's optimize step):
 *   attraction = -2ab·d²^(b-1) / (a·d²^b + 1),   repulsion = 2γb / ((0.001 + d²)(a·d²^b + 1)).
 * UmapJsCurve computes them with Math.pow exactly as umap-js writes it, so that the chained layout (umap-js's
 * reproduce mode) matches umap-js to the bit; the fast layout's float32 lanes have their own (lane-curve.ts).
 */

export interface CurveGradients {
  /** Coefficient of (current - other) for an edge's pull; called with d² > 0. */
  attraction(distSquared: number): number;
  /** Coefficient of (current - sampled) for a negative sample's push; called with d² > 0. */
  repulsion(distSquared: number): number;
}

export class UmapJsCurve implements CurveGradients {
  constructor(
    private readonly a: number,
    private readonly b: number,
    private readonly gamma: number,
  ) {}

  attraction(distSquared: number): number {
    const { a, b } = this;
    let coefficient = -2.0 * a * b * Math.pow(distSquared, b - 1.0);
    coefficient /= a * Math.pow(distSquared, b) + 1.0;
    return coefficient;
  }

  repulsion(distSquared: number): number {
    const { a, b } = this;
    let coefficient = 2.0 * this.gamma * b;
    coefficient /= (0.001 + distSquared) * (a * Math.pow(distSquared, b) + 1);
    return coefficient;
  }
}
