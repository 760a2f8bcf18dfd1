/**
 * The two inner loops of EM for one mixture component over all points: the squared Mahalanobis distance
 * (E-step) and the responsibility-weighted mean and scatter (M-step).
 *
 * Each has a generic version and one written out for 4 dimensions, the clustering space's size. Loops
 * of 2–4 trips around every multiply cost V8 more than the arithmetic; with the component's parameters
 * held in locals the 4-D versions run several times faster. Tests check the two versions agree.
 */

/** Flat arrays and offsets of one component: its mean (d values) and precision Cholesky factor (d·d). */
export interface ComponentView {
  means: Float64Array;
  meanOffset: number;
  /** Upper-triangular P with Σ⁻¹ = P Pᵀ, row-major, as scikit-learn's precisions_cholesky_. */
  precisionCholesky: Float64Array;
  factorOffset: number;
}

/** out[i] = |(xᵢ − μ)ᵀ P|² for every row of `data` (n × d, row-major). */
export function squaredMahalanobis(
  data: Float64Array,
  n: number,
  d: number,
  view: ComponentView,
  out: Float64Array,
): void {
  if (d === 4) squaredMahalanobis4(data, n, view, out);
  else squaredMahalanobisGeneric(data, n, d, view, out);
}

export function squaredMahalanobisGeneric(
  data: Float64Array,
  n: number,
  d: number,
  { means, meanOffset, precisionCholesky: P, factorOffset }: ComponentView,
  out: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < d; c++) {
      let y = 0;
      for (let a = 0; a <= c; a++) y += (data[i * d + a] - means[meanOffset + a]) * P[factorOffset + a * d + c];
      sum += y * y;
    }
    out[i] = sum;
  }
}

export function squaredMahalanobis4(
  data: Float64Array,
  n: number,
  { means, meanOffset: m, precisionCholesky: P, factorOffset: f }: ComponentView,
  out: Float64Array,
): void {
  const m0 = means[m],
    m1 = means[m + 1],
    m2 = means[m + 2],
    m3 = means[m + 3];
  const p00 = P[f],
    p01 = P[f + 1],
    p02 = P[f + 2],
    p03 = P[f + 3];
  const p11 = P[f + 5],
    p12 = P[f + 6],
    p13 = P[f + 7];
  const p22 = P[f + 10],
    p23 = P[f + 11];
  const p33 = P[f + 15];
  for (let i = 0; i < n; i++) {
    const row = i * 4;
    const x0 = data[row] - m0,
      x1 = data[row + 1] - m1,
      x2 = data[row + 2] - m2,
      x3 = data[row + 3] - m3;
    const y0 = x0 * p00;
    const y1 = x0 * p01 + x1 * p11;
    const y2 = x0 * p02 + x1 * p12 + x2 * p22;
    const y3 = x0 * p03 + x1 * p13 + x2 * p23 + x3 * p33;
    out[i] = y0 * y0 + y1 * y1 + y2 * y2 + y3 * y3;
  }
}

/** Where weightedMoments writes one component's mean (d values) and scatter (d·d, full). */
export interface MomentsTarget {
  meanOut: Float64Array;
  meanOffset: number;
  scatterOut: Float64Array;
  scatterOffset: number;
}

/**
 * Weighted moments of all rows with weights `resp[respOffset + i]`: writes the weighted mean μ and the centred
 * scatter Σ rᵢ (xᵢ − μ)(xᵢ − μ)ᵀ into `target`; returns the total weight plus
 * `massFloor`. Two passes (mean, then centred scatter), as scikit-learn, so tight clusters far from the
 * origin lose no precision to cancellation.
 */
export function weightedMoments(
  data: Float64Array,
  n: number,
  d: number,
  resp: Float64Array,
  respOffset: number,
  massFloor: number,
  target: MomentsTarget,
): number {
  return d === 4
    ? weightedMoments4(data, n, resp, respOffset, massFloor, target)
    : weightedMomentsGeneric(data, n, d, resp, respOffset, massFloor, target);
}

export function weightedMomentsGeneric(
  data: Float64Array,
  n: number,
  d: number,
  resp: Float64Array,
  respOffset: number,
  massFloor: number,
  { meanOut, meanOffset: m, scatterOut, scatterOffset: s }: MomentsTarget,
): number {
  let mass = massFloor;
  meanOut.fill(0, m, m + d);
  for (let i = 0; i < n; i++) {
    const r = resp[respOffset + i];
    mass += r;
    for (let a = 0; a < d; a++) meanOut[m + a] += r * data[i * d + a];
  }
  for (let a = 0; a < d; a++) meanOut[m + a] /= mass;

  scatterOut.fill(0, s, s + d * d);
  for (let i = 0; i < n; i++) {
    const r = resp[respOffset + i];
    for (let a = 0; a < d; a++) {
      const weighted = r * (data[i * d + a] - meanOut[m + a]);
      for (let b = a; b < d; b++) scatterOut[s + a * d + b] += weighted * (data[i * d + b] - meanOut[m + b]);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) scatterOut[s + a * d + b] = scatterOut[s + b * d + a];
  return mass;
}

export function weightedMoments4(
  data: Float64Array,
  n: number,
  resp: Float64Array,
  respOffset: number,
  massFloor: number,
  { meanOut, meanOffset: m, scatterOut, scatterOffset: s }: MomentsTarget,
): number {
  let mass = massFloor;
  let t0 = 0,
    t1 = 0,
    t2 = 0,
    t3 = 0;
  for (let i = 0; i < n; i++) {
    const r = resp[respOffset + i];
    const row = i * 4;
    mass += r;
    t0 += r * data[row];
    t1 += r * data[row + 1];
    t2 += r * data[row + 2];
    t3 += r * data[row + 3];
  }
  const m0 = t0 / mass,
    m1 = t1 / mass,
    m2 = t2 / mass,
    m3 = t3 / mass;

  let s00 = 0,
    s01 = 0,
    s02 = 0,
    s03 = 0,
    s11 = 0,
    s12 = 0,
    s13 = 0,
    s22 = 0,
    s23 = 0,
    s33 = 0;
  for (let i = 0; i < n; i++) {
    const r = resp[respOffset + i];
    const row = i * 4;
    const x0 = data[row] - m0,
      x1 = data[row + 1] - m1,
      x2 = data[row + 2] - m2,
      x3 = data[row + 3] - m3;
    const r0 = r * x0,
      r1 = r * x1,
      r2 = r * x2,
      r3 = r * x3;
    s00 += r0 * x0;
    s01 += r0 * x1;
    s02 += r0 * x2;
    s03 += r0 * x3;
    s11 += r1 * x1;
    s12 += r1 * x2;
    s13 += r1 * x3;
    s22 += r2 * x2;
    s23 += r2 * x3;
    s33 += r3 * x3;
  }
  meanOut[m] = m0;
  meanOut[m + 1] = m1;
  meanOut[m + 2] = m2;
  meanOut[m + 3] = m3;
  scatterOut.set([s00, s01, s02, s03, s01, s11, s12, s13, s02, s12, s22, s23, s03, s13, s23, s33], s);
  return mass;
}
