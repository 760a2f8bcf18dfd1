/**
 * The gradient coefficients of UMAP's low-dimensional similarity 1 / (1 + a·d^(2b)), as functions of the
 * squared distance d² (umap-js / umap-learn's optimize step):
 *   attraction = -2ab·d²^(b-1) / (a·d²^b + 1),   repulsion = 2γb / ((0.001 + d²)(a·d²^b + 1)).
 * Two implementations of the same formulas: UmapJsCurve with Math.pow exactly as umap-js writes it (so a
 * test can compare our layout with umap-js's to the bit), and TabulatedCurve, which computes d²^b once per
 * call from tables (fixed-power.ts) and gets d²^(b-1) as d²^b / d²: the layout's speed is these powers.
 */
import { FixedPower } from './fixed-power.js';

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

export class TabulatedCurve implements CurveGradients {
  private readonly power: FixedPower;
  private readonly attractionScale: number;
  private readonly repulsionScale: number;

  constructor(
    readonly a: number,
    readonly b: number,
    readonly gamma: number,
  ) {
    this.power = new FixedPower(b);
    this.attractionScale = -2.0 * a * b;
    this.repulsionScale = 2.0 * gamma * b;
  }

  /** The power tables behind the gradients (the WebAssembly layout kernel repeats them). */
  powerTables() {
    return this.power.tables();
  }

  attraction(distSquared: number): number {
    const powered = this.power.of(distSquared);
    return (this.attractionScale * (powered / distSquared)) / (this.a * powered + 1.0);
  }

  repulsion(distSquared: number): number {
    return this.repulsionScale / ((0.001 + distSquared) * (this.a * this.power.of(distSquared) + 1));
  }
}
