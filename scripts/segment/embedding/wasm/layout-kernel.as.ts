// AssemblyScript (compiled to WebAssembly by ../wasm-kernels.ts, not by tsc): the layout's epochs for 2 and 4
// dimensions with the pull and the negative samples of one edge sample in float32 lanes (f32x4). Every
// floating-point operation is lane-epochs.ts's and lane-curve.ts's, in the same order, so both give the same
// bits; tests/scripts/segment/embedding/layout-wasm.test.ts compares them.
//
// Per edge sample: lane 0 is the edge's tail (the pull), lanes 1..count its negative samples (the pushes),
// four at a time; every lane is measured from the moving point as the edge sample found it, so no lane waits
// for another. The lanes' gradients are summed per coordinate in a fixed order, ((l0 + l1) + (l2 + l3))
// after adding group by group, and added to the point once; the tail moves back by its lane's gradient.

// Where the JavaScript side put each array in this module's memory, and the scalars of the run.
let embedding: usize = 0; // f32 coordinates, row-major
let head: usize = 0;
let tail: usize = 0;
let edgeCount: i32 = 0;
let epochsPerSample: usize = 0;
let epochOfNextSample: usize = 0;
let epochsPerNegativeSample: usize = 0;
let epochOfNextNegativeSample: usize = 0;
let dueEdges: usize = 0; // i32 per edge: this epoch's due edges, ascending
let laneCounts: usize = 0;
let vertexCount: u64 = 0;
let sentinel: i32 = 0; // the far point's row: vertexCount
let rngState: u32 = 1;
let updates: f64 = 0; // edge samples and negative samples so far, for the benchmark's profile

// The curve's float32 constants (laneConstants in lane-curve.ts) and the kernel's own, each splatted to four
// lanes in a table at a fixed address: a splat of a global, or a vector literal, inside the loops cost
// V8 two or three instructions each time, a load from the table one.
const LANES: usize = memory.data(32 << 4, 16);
const CURVE_A = 0;
const EXPONENT_B = 1;
const ATTRACTION_SCALE = 2;
const REPULSION_SCALE = 3;
const SMALLEST = 4;
const SQRT2 = 5;
const LOG_0 = 6;
const LOG_1 = 7;
const LOG_2 = 8;
const LOG_3 = 9;
const LOG_4 = 10;
const TWO_POWER_0 = 11;
const TWO_POWER_1 = 12;
const TWO_POWER_2 = 13;
const TWO_POWER_3 = 14;
const TWO_POWER_4 = 15;
const ROUNDING_SHIFT = 16;
const REPULSION_FLOOR = 17;
const ONE = 18;
const HALF = 19;
const MINUS_FOUR = 20;
const FOUR = 21;
const EXPONENT_BIAS = 22; // i32 lanes from here on
const MANTISSA_MASK = 23;
const ONE_BITS = 24;

@inline function lane(constant: i32): v128 {
  return v128.load(LANES + (<usize>constant << 4));
}

export function allocate(bytes: i32): usize {
  return heap.alloc(<usize>bytes);
}

export function setArrays(embeddingAt: usize, headAt: usize, tailAt: usize, edges: i32, perSample: usize, nextSample: usize, perNegative: usize, nextNegative: usize, dueAt: usize, lanesAt: usize): void {
  dueEdges = dueAt;
  laneCounts = lanesAt;
  embedding = embeddingAt;
  head = headAt;
  tail = tailAt;
  edgeCount = edges;
  epochsPerSample = perSample;
  epochOfNextSample = nextSample;
  epochsPerNegativeSample = perNegative;
  epochOfNextNegativeSample = nextNegative;
}

export function setSampling(vertices: i32, state: u32): void {
  vertexCount = <u64>vertices;
  sentinel = vertices;
  rngState = state;
}

/** Reads the curve's 18 float32 constants from `at` (laneConstants in lane-curve.ts) into the table, with the kernel's own. */
export function setCurve(at: usize): void {
  for (let k = 0; k < 18; k++) v128.store(LANES + (<usize>k << 4), f32x4.splat(load<f32>(at + (<usize>k << 2))));
  v128.store(LANES + (<usize>ONE << 4), f32x4.splat(1.0));
  v128.store(LANES + (<usize>HALF << 4), f32x4.splat(0.5));
  v128.store(LANES + (<usize>MINUS_FOUR << 4), f32x4.splat(-4.0));
  v128.store(LANES + (<usize>FOUR << 4), f32x4.splat(4.0));
  v128.store(LANES + (<usize>EXPONENT_BIAS << 4), i32x4.splat(127));
  v128.store(LANES + (<usize>MANTISSA_MASK << 4), i32x4.splat(0x7fffff));
  v128.store(LANES + (<usize>ONE_BITS << 4), i32x4.splat(0x3f800000));
}

/** xorshift32, mapped to [0, vertices) as floor(x · vertices / 2^32) (NegativeSamples in layout.ts). */
@inline function nextSample(): i32 {
  let x = rngState;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  rngState = x;
  return <i32>((<u64>x * vertexCount) >> 32);
}

/**
 * Lists the edges due this epoch (epoch of next sample <= epoch), in ascending order, without a branch:
 * whether an edge is due follows its weight, not a pattern, so testing it inside the edge loop was a
 * mispredicted branch on most edges.
 */
@inline function listDueEdges(epoch: f64): i32 {
  let due = 0;
  for (let e = 0; e < edgeCount; e++) {
    store<i32>(dueEdges + (<usize>due << 2), e);
    due += i32(load<f64>(epochOfNextSample + (<usize>e << 3)) <= epoch);
  }
  for (let i = 0; i < due; i++) {
    const e = load<i32>(dueEdges + (<usize>i << 2));
    store<i32>(laneCounts + (<usize>i << 2), 1 + samplesDue(<usize>e << 3, epoch));
  }
  return due;
}

/** Negative samples due for edge e this epoch, with the bookkeeping of negativeSamplesDue (epochs.ts). */
@inline function samplesDue(at: usize, epoch: f64): i32 {
  const perNegative = load<f64>(epochsPerNegativeSample + at);
  const count = Math.floor((epoch - load<f64>(epochOfNextNegativeSample + at)) / perNegative);
  store<f64>(epochOfNextNegativeSample + at, load<f64>(epochOfNextNegativeSample + at) + count * perNegative);
  store<f64>(epochOfNextSample + at, load<f64>(epochOfNextSample + at) + load<f64>(epochsPerSample + at));
  updates += 1.0 + count;
  return <i32>count;
}

export function updateCount(): f64 {
  return updates;
}

/** x^b in each lane (LaneCurve.power): twoPower2(b · log2 x), x at least the smallest normal float32. */
@inline function powerLanes(x: v128): v128 {
  let exponent = i32x4.sub(i32x4.shr_s(x, 23), lane(EXPONENT_BIAS));
  let m = v128.or(v128.and(x, lane(MANTISSA_MASK)), lane(ONE_BITS));
  const above = f32x4.gt(m, lane(SQRT2));
  m = v128.bitselect(f32x4.mul(m, lane(HALF)), m, above);
  exponent = i32x4.sub(exponent, above); // a true lane is -1
  const u = f32x4.sub(m, lane(ONE));
  const u2 = f32x4.mul(u, u);
  const u4 = f32x4.mul(u2, u2);
  const low = f32x4.add(
    f32x4.add(lane(LOG_0), f32x4.mul(lane(LOG_1), u)),
    f32x4.mul(f32x4.add(lane(LOG_2), f32x4.mul(lane(LOG_3), u)), u2),
  );
  const logarithm = f32x4.add(f32x4.convert_i32x4_s(exponent), f32x4.mul(u, f32x4.add(low, f32x4.mul(lane(LOG_4), u4))));
  const y = f32x4.mul(lane(EXPONENT_B), logarithm);
  const shift = lane(ROUNDING_SHIFT);
  const whole = f32x4.sub(f32x4.add(y, shift), shift);
  const r = f32x4.sub(y, whole);
  const r2 = f32x4.mul(r, r);
  const r4 = f32x4.mul(r2, r2);
  const poly = f32x4.add(
    f32x4.add(
      f32x4.add(lane(TWO_POWER_0), f32x4.mul(lane(TWO_POWER_1), r)),
      f32x4.mul(f32x4.add(lane(TWO_POWER_2), f32x4.mul(lane(TWO_POWER_3), r)), r2),
    ),
    f32x4.mul(lane(TWO_POWER_4), r4),
  );
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(whole), lane(EXPONENT_BIAS)), 23);
  return f32x4.mul(poly, scale);
}

/** Each lane's gradient coefficient (LaneCurve.coefficient): the pull where `pull` is set, else a push. */
@inline function coefficientLanes(distSquared: v128, pull: v128): v128 {
  const x = f32x4.pmax(distSquared, lane(SMALLEST));
  const powered = powerLanes(x);
  const q = f32x4.add(f32x4.mul(lane(CURVE_A), powered), lane(ONE));
  const numerator = v128.bitselect(f32x4.mul(lane(ATTRACTION_SCALE), powered), lane(REPULSION_SCALE), pull);
  const denominator = v128.bitselect(f32x4.mul(x, q), f32x4.mul(f32x4.add(lane(REPULSION_FLOOR), x), q), pull);
  return f32x4.div(numerator, denominator);
}

/**
 * coefficientLanes where no lane is the pull (a group past the first): the same operations for the pushes,
 * without the pull's, which the compiler keeps (it does not fold a select on a constant mask).
 */
@inline function pushCoefficientLanes(distSquared: v128): v128 {
  const x = f32x4.pmax(distSquared, lane(SMALLEST));
  const q = f32x4.add(f32x4.mul(lane(CURVE_A), powerLanes(x)), lane(ONE));
  return f32x4.div(lane(REPULSION_SCALE), f32x4.mul(f32x4.add(lane(REPULSION_FLOOR), x), q));
}

/**
 * One coordinate's gradients across the lanes: clip(coefficient · difference). A pull at distance 0 has a
 * finite coefficient (the distance is raised to the smallest normal float first) times a difference of 0.
 */
@inline function gradientLanes(coefficient: v128, difference: v128): v128 {
  return f32x4.pmin(f32x4.pmax(f32x4.mul(coefficient, difference), lane(MINUS_FOUR)), lane(FOUR));
}

/**
 * A push at distance 0 moves by 4 in every coordinate (umap-learn's and umap-js's rule for coincident
 * points): the gradient where `pushAll` is set. Rare, so the epochs test for it once a block.
 */
@inline function coincident(gradient: v128, pushAll: v128): v128 {
  return v128.bitselect(lane(FOUR), gradient, pushAll);
}

/**
 * The point of lane `index` of an edge sample: its tail (lane 0) or a new negative sample (lanes 1 to
 * lanes - 1); the far point (`sentinel`, a row past the last, 1e18 in every coordinate) past the last lane
 * and where the sample is the moving point itself, which umap-js skips. A lane on the far point computes
 * a coefficient of exactly 0 (its denominator overflows to infinity), so it moves nothing, without masks.
 */
@inline function lanePoint(index: i32, lanes: i32, tailPoint: i32, moving: i32): i32 {
  if (index >= lanes) return sentinel;
  if (index == 0) return tailPoint;
  const sampled = nextSample();
  return sampled == moving ? sentinel : sampled;
}

/** Two points' coordinates (2-D rows of two float32) side by side in one vector: [x_a, y_a, x_b, y_b]. */
@inline function rowPair(a: i32, b: i32): v128 {
  return v128.load64_lane(embedding + (<usize>b << 3), v128.load64_zero(embedding + (<usize>a << 3)), 1);
}

export function epoch2(epoch: f64, alpha: f64): void {
  const due = listDueEdges(epoch);
  const step = <f32>alpha;
  const zero = f32x4.splat(0.0);
  for (let i = 0; i < due; i++) {
    const e = load<i32>(dueEdges + (<usize>i << 2));
    const moving = load<i32>(head + (<usize>e << 2));
    const tailPoint = load<i32>(tail + (<usize>e << 2));
    const current = embedding + (<usize>moving << 3);
    const px = load<f32>(current);
    const py = load<f32>(current, 4);
    const pointX = f32x4.splat(px);
    const pointY = f32x4.splat(py);
    const lanes = load<i32>(laneCounts + (<usize>i << 2));
    let sumX = zero;
    let sumY = zero;
    let tailX: f32 = 0;
    let tailY: f32 = 0;
    // Two groups of four lanes at a time, stage by stage, so that the processor overlaps their chains (a
    // second group past the last lane is all far points, which add -0 to the sums: no change).
    for (let base = 0; base < lanes; base += 8) {
      const a0 = lanePoint(base, lanes, tailPoint, moving);
      const a1 = lanePoint(base + 1, lanes, tailPoint, moving);
      const a2 = lanePoint(base + 2, lanes, tailPoint, moving);
      const a3 = lanePoint(base + 3, lanes, tailPoint, moving);
      const b0 = lanePoint(base + 4, lanes, tailPoint, moving);
      const b1 = lanePoint(base + 5, lanes, tailPoint, moving);
      const b2 = lanePoint(base + 6, lanes, tailPoint, moving);
      const b3 = lanePoint(base + 7, lanes, tailPoint, moving);
      const lowA = rowPair(a0, a1);
      const highA = rowPair(a2, a3);
      const lowB = rowPair(b0, b1);
      const highB = rowPair(b2, b3);
      const dxA = f32x4.sub(pointX, f32x4.shuffle(lowA, highA, 0, 2, 4, 6));
      const dyA = f32x4.sub(pointY, f32x4.shuffle(lowA, highA, 1, 3, 5, 7));
      const dxB = f32x4.sub(pointX, f32x4.shuffle(lowB, highB, 0, 2, 4, 6));
      const dyB = f32x4.sub(pointY, f32x4.shuffle(lowB, highB, 1, 3, 5, 7));
      const distA = f32x4.add(f32x4.mul(dxA, dxA), f32x4.mul(dyA, dyA));
      const distB = f32x4.add(f32x4.mul(dxB, dxB), f32x4.mul(dyB, dyB));
      const pull = base == 0 ? i32x4(-1, 0, 0, 0) : zero;
      const pushAllA = v128.andnot(f32x4.eq(distA, zero), pull);
      const pushAllB = f32x4.eq(distB, zero);
      const coefficientA = coefficientLanes(distA, pull);
      const coefficientB = pushCoefficientLanes(distB);
      let gxA = gradientLanes(coefficientA, dxA);
      let gyA = gradientLanes(coefficientA, dyA);
      let gxB = gradientLanes(coefficientB, dxB);
      let gyB = gradientLanes(coefficientB, dyB);
      if (v128.any_true(v128.or(pushAllA, pushAllB))) {
        gxA = coincident(gxA, pushAllA);
        gyA = coincident(gyA, pushAllA);
        gxB = coincident(gxB, pushAllB);
        gyB = coincident(gyB, pushAllB);
      }
      if (base == 0) {
        tailX = f32x4.extract_lane(gxA, 0);
        tailY = f32x4.extract_lane(gyA, 0);
      }
      sumX = f32x4.add(f32x4.add(sumX, gxA), gxB);
      sumY = f32x4.add(f32x4.add(sumY, gyA), gyB);
    }
    // (l0 + l1) + (l2 + l3) per coordinate: lanes 0 and 2 of `total` hold x's and y's.
    const pairs = f32x4.add(f32x4.shuffle(sumX, sumY, 0, 2, 4, 6), f32x4.shuffle(sumX, sumY, 1, 3, 5, 7));
    const total = f32x4.add(pairs, f32x4.shuffle(pairs, pairs, 1, 0, 3, 2));
    const other = embedding + (<usize>tailPoint << 3);
    store<f32>(other, load<f32>(other) - step * tailX);
    store<f32>(other, load<f32>(other, 4) - step * tailY, 4);
    store<f32>(current, px + step * f32x4.extract_lane(total, 0));
    store<f32>(current, py + step * f32x4.extract_lane(total, 2), 4);
  }
}

// A 4 × 4 transpose (four rows to four columns) in two steps: these interleave two rows, then a shuffle of
// two interleaved pairs gives each column.
@inline function transposeLow(r0: v128, r1: v128): v128 {
  return f32x4.shuffle(r0, r1, 0, 4, 1, 5);
}

@inline function transposeHigh(r0: v128, r1: v128): v128 {
  return f32x4.shuffle(r0, r1, 2, 6, 3, 7);
}

/**
 * Four lanes' squared distances from their rows of squared differences: the rows transposed to coordinates
 * and summed in coordinate order, ((d0² + d1²) + d2²) + d3², as lane-epochs.ts sums them.
 */
@inline function squaredDistances(s0: v128, s1: v128, s2: v128, s3: v128): v128 {
  const low01 = transposeLow(s0, s1);
  const high01 = transposeHigh(s0, s1);
  const low23 = transposeLow(s2, s3);
  const high23 = transposeHigh(s2, s3);
  const first = f32x4.add(f32x4.shuffle(low01, low23, 0, 1, 4, 5), f32x4.shuffle(low01, low23, 2, 3, 6, 7));
  return f32x4.add(f32x4.add(first, f32x4.shuffle(high01, high23, 0, 1, 4, 5)), f32x4.shuffle(high01, high23, 2, 3, 6, 7));
}

export function epoch4(epoch: f64, alpha: f64): void {
  const due = listDueEdges(epoch);
  const step = f32x4.splat(<f32>alpha);
  const zero = f32x4.splat(0.0);
  for (let i = 0; i < due; i++) {
    const e = load<i32>(dueEdges + (<usize>i << 2));
    const moving = load<i32>(head + (<usize>e << 2));
    const tailPoint = load<i32>(tail + (<usize>e << 2));
    const current = embedding + (<usize>moving << 4);
    const point = v128.load(current);
    const lanes = load<i32>(laneCounts + (<usize>i << 2));
    // In 4-D a point is one vector, so each lane is computed as a row (its four coordinates) and only the
    // squared distances, which the curve needs four lanes to a vector, are transposed. sumK is lane K's
    // gradient summed group by group (lane-epochs.ts's sums[d * 4 + K] for every d).
    let sum0 = zero;
    let sum1 = zero;
    let sum2 = zero;
    let sum3 = zero;
    let tailGradient = zero;
    // Two groups of four lanes at a time, as in epoch2.
    for (let base = 0; base < lanes; base += 8) {
      const a0 = lanePoint(base, lanes, tailPoint, moving);
      const a1 = lanePoint(base + 1, lanes, tailPoint, moving);
      const a2 = lanePoint(base + 2, lanes, tailPoint, moving);
      const a3 = lanePoint(base + 3, lanes, tailPoint, moving);
      const b0 = lanePoint(base + 4, lanes, tailPoint, moving);
      const b1 = lanePoint(base + 5, lanes, tailPoint, moving);
      const b2 = lanePoint(base + 6, lanes, tailPoint, moving);
      const b3 = lanePoint(base + 7, lanes, tailPoint, moving);
      const da0 = f32x4.sub(point, v128.load(embedding + (<usize>a0 << 4)));
      const da1 = f32x4.sub(point, v128.load(embedding + (<usize>a1 << 4)));
      const da2 = f32x4.sub(point, v128.load(embedding + (<usize>a2 << 4)));
      const da3 = f32x4.sub(point, v128.load(embedding + (<usize>a3 << 4)));
      const db0 = f32x4.sub(point, v128.load(embedding + (<usize>b0 << 4)));
      const db1 = f32x4.sub(point, v128.load(embedding + (<usize>b1 << 4)));
      const db2 = f32x4.sub(point, v128.load(embedding + (<usize>b2 << 4)));
      const db3 = f32x4.sub(point, v128.load(embedding + (<usize>b3 << 4)));
      const distA = squaredDistances(f32x4.mul(da0, da0), f32x4.mul(da1, da1), f32x4.mul(da2, da2), f32x4.mul(da3, da3));
      const distB = squaredDistances(f32x4.mul(db0, db0), f32x4.mul(db1, db1), f32x4.mul(db2, db2), f32x4.mul(db3, db3));
      const pull = base == 0 ? i32x4(-1, 0, 0, 0) : zero;
      const pushAllA = v128.andnot(f32x4.eq(distA, zero), pull);
      const pushAllB = f32x4.eq(distB, zero);
      const coefficientA = coefficientLanes(distA, pull);
      const coefficientB = pushCoefficientLanes(distB);
      let ga0 = gradientLanes(i32x4.shuffle(coefficientA, coefficientA, 0, 0, 0, 0), da0);
      let ga1 = gradientLanes(i32x4.shuffle(coefficientA, coefficientA, 1, 1, 1, 1), da1);
      let ga2 = gradientLanes(i32x4.shuffle(coefficientA, coefficientA, 2, 2, 2, 2), da2);
      let ga3 = gradientLanes(i32x4.shuffle(coefficientA, coefficientA, 3, 3, 3, 3), da3);
      let gb0 = gradientLanes(i32x4.shuffle(coefficientB, coefficientB, 0, 0, 0, 0), db0);
      let gb1 = gradientLanes(i32x4.shuffle(coefficientB, coefficientB, 1, 1, 1, 1), db1);
      let gb2 = gradientLanes(i32x4.shuffle(coefficientB, coefficientB, 2, 2, 2, 2), db2);
      let gb3 = gradientLanes(i32x4.shuffle(coefficientB, coefficientB, 3, 3, 3, 3), db3);
      if (v128.any_true(v128.or(pushAllA, pushAllB))) {
        ga0 = coincident(ga0, i32x4.shuffle(pushAllA, pushAllA, 0, 0, 0, 0));
        ga1 = coincident(ga1, i32x4.shuffle(pushAllA, pushAllA, 1, 1, 1, 1));
        ga2 = coincident(ga2, i32x4.shuffle(pushAllA, pushAllA, 2, 2, 2, 2));
        ga3 = coincident(ga3, i32x4.shuffle(pushAllA, pushAllA, 3, 3, 3, 3));
        gb0 = coincident(gb0, i32x4.shuffle(pushAllB, pushAllB, 0, 0, 0, 0));
        gb1 = coincident(gb1, i32x4.shuffle(pushAllB, pushAllB, 1, 1, 1, 1));
        gb2 = coincident(gb2, i32x4.shuffle(pushAllB, pushAllB, 2, 2, 2, 2));
        gb3 = coincident(gb3, i32x4.shuffle(pushAllB, pushAllB, 3, 3, 3, 3));
      }
      // Lane 0 of the first group: the tail's gradient.
      if (base == 0) tailGradient = ga0;
      sum0 = f32x4.add(f32x4.add(sum0, ga0), gb0);
      sum1 = f32x4.add(f32x4.add(sum1, ga1), gb1);
      sum2 = f32x4.add(f32x4.add(sum2, ga2), gb2);
      sum3 = f32x4.add(f32x4.add(sum3, ga3), gb3);
    }
    // (l0 + l1) + (l2 + l3), every coordinate at once.
    const total = f32x4.add(f32x4.add(sum0, sum1), f32x4.add(sum2, sum3));
    const other = embedding + (<usize>tailPoint << 4);
    v128.store(other, f32x4.sub(v128.load(other), f32x4.mul(step, tailGradient)));
    v128.store(current, f32x4.add(point, f32x4.mul(step, total)));
  }
}
