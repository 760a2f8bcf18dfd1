/**
 * UMAP's gradient coefficients in float32, computed the way four SIMD lanes compute them (WebAssembly's
 * f32x4 in wasm/layout-kernel.as.ts): d²^b as exp2(b · log2 d²) from polynomials, with no table look-up
 * (a look-up cannot be done in lanes) and no call to Math.pow. This file is the specification, one lane at
 * a time: every operation is a float32 operation (Math.fround after each, which for + - * / gives the
 * float32 result exactly) or an integer operation on the float's bits, in the kernel's order, so the
 * JavaScript loop (lane-epochs.ts) and the kernel give the same bits.
 *
 * Accuracy: relative error of `power` below 2e-5 (tests check it against Math.pow), far below the noise of
 * the layout's sampled gradient; umap-learn's own
 * layout runs on float32 coordinates too.
 */

const scratch = new Float32Array(1);
const scratchBits = new Int32Array(scratch.buffer);
const f = Math.fround;

/**
 * The float32 constants the lanes use; the kernel receives these same values. The polynomials are
 * near-minimax fits (Lawson-weighted least squares on Chebyshev nodes) evaluated in Estrin's scheme:
 * the lanes' time is the length of their chain of dependent operations, and Estrin's is half of Horner's.
 */
export const LANE_CONSTANTS = {
  /** Smallest normal float32: a squared distance is raised from below it before its logarithm. */
  smallest: f(1.1754943508222875e-38),
  sqrt2: f(Math.SQRT2),
  /** log2(1 + u) = u · Σ c_k u^k for u in [√2/2 - 1, √2 - 1]; absolute error 1.5e-5. */
  log2: [f(1.442578), f(-0.7202418), f(0.48668617), f(-0.39457536), f(0.2526601)] as const,
  /** 2^r = Σ e_k r^k for r in [-0.5, 0.5]; relative error 2.6e-6. */
  exp2: [f(0.9999993), f(0.6931218), f(0.24024744), f(0.05591786), f(0.009570101)] as const,
  /** 1.5 · 2^23: adding and subtracting it rounds a float32 below 2^22 to the nearest integer, ties to even. */
  roundingShift: f(12582912),
  /** UMAP's 0.001 in the repulsion's denominator. */
  repulsionFloor: f(0.001),
};

/** The curve 1 / (1 + a·d^(2b)) of one layout, its constants rounded to float32 once. */
export class LaneCurve {
  readonly a: number;
  readonly b: number;
  /** -2ab and 2γb, the attraction's and the repulsion's numerators. */
  readonly attractionScale: number;
  readonly repulsionScale: number;

  constructor(a: number, b: number, gamma: number) {
    this.a = f(a);
    this.b = f(b);
    this.attractionScale = f(-2.0 * a * b);
    this.repulsionScale = f(2.0 * gamma * b);
  }

  /** x^b for a float32 x ≥ the smallest normal float32 (the lanes raise smaller squared distances to it first). */
  power(x: number): number {
    const c = LANE_CONSTANTS;
    scratch[0] = x;
    const bits = scratchBits[0];
    let exponent = (bits >> 23) - 127;
    scratchBits[0] = (bits & 0x7fffff) | 0x3f800000;
    let m = scratch[0];
    // Centre m on 1 (m in [√2/2, √2]) so that |t| stays small.
    if (m > c.sqrt2) {
      m = f(m * 0.5);
      exponent += 1;
    }
    const u = f(m - 1);
    const u2 = f(u * u);
    const u4 = f(u2 * u2);
    const l = c.log2;
    const low = f(f(l[0] + f(l[1] * u)) + f(f(l[2] + f(l[3] * u)) * u2));
    const log2 = f(exponent + f(u * f(low + f(l[4] * u4))));
    const y = f(this.b * log2);
    const whole = f(f(y + c.roundingShift) - c.roundingShift);
    const r = f(y - whole);
    const r2 = f(r * r);
    const r4 = f(r2 * r2);
    const e = c.exp2;
    const poly = f(f(f(e[0] + f(e[1] * r)) + f(f(e[2] + f(e[3] * r)) * r2)) + f(e[4] * r4));
    scratchBits[0] = (whole + 127) << 23;
    return f(poly * scratch[0]);
  }

  /**
   * The gradient coefficient of one lane at squared distance `distSquared` (float32, > 0): the pull of an
   * edge (-2ab·d²^(b-1) / (a·d²^b + 1), written -2ab·d²^b / (d² (a·d²^b + 1))) or a negative sample's push
   * (2γb / ((0.001 + d²)(a·d²^b + 1))), with one division as the lanes do it.
   */
  coefficient(distSquared: number, pull: boolean): number {
    const x = distSquared < LANE_CONSTANTS.smallest ? LANE_CONSTANTS.smallest : distSquared;
    const powered = this.power(x);
    const q = f(f(this.a * powered) + 1);
    const numerator = pull ? f(this.attractionScale * powered) : this.repulsionScale;
    const denominator = pull ? f(x * q) : f(f(LANE_CONSTANTS.repulsionFloor + x) * q);
    return f(numerator / denominator);
  }
}

/** The 18 constants in the order the kernel's setCurve reads them (wasm/layout-kernel.as.ts). */
export function laneConstants(curve: LaneCurve): Float32Array {
  const c = LANE_CONSTANTS;
  return Float32Array.of(
    curve.a,
    curve.b,
    curve.attractionScale,
    curve.repulsionScale,
    c.smallest,
    c.sqrt2,
    ...c.log2,
    ...c.exp2,
    c.roundingShift,
    c.repulsionFloor,
  );
}
