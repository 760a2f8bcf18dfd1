// AssemblyScript (compiled to WebAssembly by ../wasm-kernels.ts, not by tsc): the layout's epochs for 2 and 4
// dimensions with the pull and the negative samples of one edge sample in float32 lanes (f32x4). Every
// floating-point operation is lane-epochs.ts's and lane-curve.ts's, in the same order, so both give the same
// bits; tests/scripts/segment/embedding/layout-wasm.test.ts compares them.
//
// Per edge sample: lane 0 is the edge's tail (the pull), lanes 1..count its negative samples (the pushes),
// four at a time; every lane is measured from the moving point as the edge sample found it, so no lane waits
// for another. The lanes' gradients are summed per coordinate in a fixed order, ((l0 + l1) + (l2 + l3))
// after adding group by group, and added to the point once; the tail moves back by its lane's gradient.
//
// An edge sample of six lanes (five negative samples, the usual count) fills one group and half of a second.
// So two consecutive edge samples of at most six lanes are computed at once in three groups, the second
// group's far half holding the next sample's last lanes (pair2, pair4): 82% of the edge samples on real
// 2021's clustering space, for 6.4 lanes computed per sample instead of 8. That is the serial order's
// result only if the second sample reads no point the first moves; where it does (0.2% of pairs), the two
// are computed one after the other.

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
const PULL_LANE = 25; // -1 in lane 0: the edge sample's pull
const LOW_PAIR = 26; // -1 in lanes 0 and 1: a shared group's first edge sample

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
  v128.store(LANES + (<usize>PULL_LANE << 4), i32x4(-1, 0, 0, 0));
  v128.store(LANES + (<usize>LOW_PAIR << 4), i32x4(-1, -1, 0, 0));
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

/**
 * Whether the due edge samples i and i + 1 have at most six lanes each: then the first four lanes of each
 * are a group of its own and the last two of both share a third (pair2, pair4), three groups where each alone
 * takes two. With five negative samples an edge sample has six lanes, so most pairs qualify.
 */
@inline function pairable(i: i32): bool {
  const at = laneCounts + (<usize>i << 2);
  return (load<i32>(at) <= 6) & (load<i32>(at, 4) <= 6);
}

/**
 * Whether edge sample B reads or moves a point that edge sample A, before it, moves (A's moving point or
 * tail): then B must be computed after A's stores, as one at a time would. The round-by-round edge order
 * makes this rare.
 */
@inline function conflicts(movingA: i32, tailA: i32, movingB: i32, tailB: i32, b1: i32, b2: i32, b3: i32, b4: i32, b5: i32): bool {
  return (
    (movingB == movingA) | (movingB == tailA) | (tailB == movingA) | (tailB == tailA) |
    (b1 == movingA) | (b1 == tailA) | (b2 == movingA) | (b2 == tailA) | (b3 == movingA) | (b3 == tailA) |
    (b4 == movingA) | (b4 == tailA) | (b5 == movingA) | (b5 == tailA)
  );
}

export function epoch2(epoch: f64, alpha: f64): void {
  const due = listDueEdges(epoch);
  const step = <f32>alpha;
  let i = 0;
  while (i < due) {
    if (i + 1 < due && pairable(i)) {
      pair2(i, step);
      i += 2;
    } else {
      edgeSample2(i, step);
      i++;
    }
  }
}

/** Due edge sample i alone, its lanes drawn here. */
@inline function edgeSample2(i: i32, step: f32): void {
  const e = load<i32>(dueEdges + (<usize>i << 2));
  const moving = load<i32>(head + (<usize>e << 2));
  const tailPoint = load<i32>(tail + (<usize>e << 2));
  const lanes = load<i32>(laneCounts + (<usize>i << 2));
  const p1 = lanePoint(1, lanes, tailPoint, moving);
  const p2 = lanePoint(2, lanes, tailPoint, moving);
  const p3 = lanePoint(3, lanes, tailPoint, moving);
  const p4 = lanePoint(4, lanes, tailPoint, moving);
  const p5 = lanePoint(5, lanes, tailPoint, moving);
  const p6 = lanePoint(6, lanes, tailPoint, moving);
  const p7 = lanePoint(7, lanes, tailPoint, moving);
  drawnSample2(moving, tailPoint, lanes, step, p1, p2, p3, p4, p5, p6, p7);
}

/** One edge sample of any number of lanes, its first eight (its tail, then p1 to p7) drawn by the caller. */
function drawnSample2(moving: i32, tailPoint: i32, lanes: i32, step: f32, p1: i32, p2: i32, p3: i32, p4: i32, p5: i32, p6: i32, p7: i32): void {
  const zero = f32x4.splat(0.0);
  const current = embedding + (<usize>moving << 3);
  const px = load<f32>(current);
  const py = load<f32>(current, 4);
  const pointX = f32x4.splat(px);
  const pointY = f32x4.splat(py);
  let sumX = zero;
  let sumY = zero;
  let tailX: f32 = 0;
  let tailY: f32 = 0;
  let a0 = tailPoint;
  let a1 = p1;
  let a2 = p2;
  let a3 = p3;
  let b0 = p4;
  let b1 = p5;
  let b2 = p6;
  let b3 = p7;
  // Two groups of four lanes at a time, stage by stage, so that the processor overlaps their chains (a
  // second group past the last lane is all far points, which add -0 to the sums: no change).
  for (let base = 0; base < lanes; base += 8) {
    if (base > 0) {
      a0 = lanePoint(base, lanes, tailPoint, moving);
      a1 = lanePoint(base + 1, lanes, tailPoint, moving);
      a2 = lanePoint(base + 2, lanes, tailPoint, moving);
      a3 = lanePoint(base + 3, lanes, tailPoint, moving);
      b0 = lanePoint(base + 4, lanes, tailPoint, moving);
      b1 = lanePoint(base + 5, lanes, tailPoint, moving);
      b2 = lanePoint(base + 6, lanes, tailPoint, moving);
      b3 = lanePoint(base + 7, lanes, tailPoint, moving);
    }
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
    const pull = base == 0 ? lane(PULL_LANE) : zero;
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
  move2(moving, tailPoint, step, px, py, tailX, tailY, sumX, sumY);
}

/**
 * Moves an edge sample's tail back by its pull and its point by the lanes' sum: (l0 + l1) + (l2 + l3) per
 * coordinate, lanes 0 and 2 of `total` holding x's and y's.
 */
@inline function move2(moving: i32, tailPoint: i32, step: f32, px: f32, py: f32, tailX: f32, tailY: f32, sumX: v128, sumY: v128): void {
  const pairs = f32x4.add(f32x4.shuffle(sumX, sumY, 0, 2, 4, 6), f32x4.shuffle(sumX, sumY, 1, 3, 5, 7));
  const total = f32x4.add(pairs, f32x4.shuffle(pairs, pairs, 1, 0, 3, 2));
  const other = embedding + (<usize>tailPoint << 3);
  store<f32>(other, load<f32>(other) - step * tailX);
  store<f32>(other, load<f32>(other, 4) - step * tailY, 4);
  const current = embedding + (<usize>moving << 3);
  store<f32>(current, px + step * f32x4.extract_lane(total, 0));
  store<f32>(current, py + step * f32x4.extract_lane(total, 2), 4);
}

/**
 * Due edge samples i (A) and i + 1 (B), at most six lanes each, in three groups: A's first four lanes, B's
 * first four, and A's lanes 4 and 5 beside B's. Each lane's operations are those of one edge sample at a
 * time; each sum adds the same lanes in the same order, the shared group's other half and the far lanes
 * alone would add a zero to a sum that is never -0, which changes nothing. So the bits are those of
 * edgeSample2 on A then B, unless B reads or moves a point A moves: then it is that, in that order.
 */
function pair2(i: i32, step: f32): void {
  const at = dueEdges + (<usize>i << 2);
  const edgeA = load<i32>(at);
  const edgeB = load<i32>(at, 4);
  const movingA = load<i32>(head + (<usize>edgeA << 2));
  const tailA = load<i32>(tail + (<usize>edgeA << 2));
  const movingB = load<i32>(head + (<usize>edgeB << 2));
  const tailB = load<i32>(tail + (<usize>edgeB << 2));
  const lanesA = load<i32>(laneCounts + (<usize>i << 2));
  const lanesB = load<i32>(laneCounts + (<usize>i << 2), 4);
  const a1 = lanePoint(1, lanesA, tailA, movingA);
  const a2 = lanePoint(2, lanesA, tailA, movingA);
  const a3 = lanePoint(3, lanesA, tailA, movingA);
  const a4 = lanePoint(4, lanesA, tailA, movingA);
  const a5 = lanePoint(5, lanesA, tailA, movingA);
  const b1 = lanePoint(1, lanesB, tailB, movingB);
  const b2 = lanePoint(2, lanesB, tailB, movingB);
  const b3 = lanePoint(3, lanesB, tailB, movingB);
  const b4 = lanePoint(4, lanesB, tailB, movingB);
  const b5 = lanePoint(5, lanesB, tailB, movingB);
  if (conflicts(movingA, tailA, movingB, tailB, b1, b2, b3, b4, b5)) {
    drawnSample2(movingA, tailA, lanesA, step, a1, a2, a3, a4, a5, sentinel, sentinel);
    drawnSample2(movingB, tailB, lanesB, step, b1, b2, b3, b4, b5, sentinel, sentinel);
    return;
  }
  const zero = f32x4.splat(0.0);
  const currentA = embedding + (<usize>movingA << 3);
  const currentB = embedding + (<usize>movingB << 3);
  const pxA = load<f32>(currentA);
  const pyA = load<f32>(currentA, 4);
  const pxB = load<f32>(currentB);
  const pyB = load<f32>(currentB, 4);
  const pointXA = f32x4.splat(pxA);
  const pointYA = f32x4.splat(pyA);
  const pointXB = f32x4.splat(pxB);
  const pointYB = f32x4.splat(pyB);
  const lowA = rowPair(tailA, a1);
  const highA = rowPair(a2, a3);
  const lowB = rowPair(tailB, b1);
  const highB = rowPair(b2, b3);
  const lowS = rowPair(a4, a5);
  const highS = rowPair(b4, b5);
  const dxA = f32x4.sub(pointXA, f32x4.shuffle(lowA, highA, 0, 2, 4, 6));
  const dyA = f32x4.sub(pointYA, f32x4.shuffle(lowA, highA, 1, 3, 5, 7));
  const dxB = f32x4.sub(pointXB, f32x4.shuffle(lowB, highB, 0, 2, 4, 6));
  const dyB = f32x4.sub(pointYB, f32x4.shuffle(lowB, highB, 1, 3, 5, 7));
  const dxS = f32x4.sub(f32x4.shuffle(pointXA, pointXB, 0, 1, 4, 5), f32x4.shuffle(lowS, highS, 0, 2, 4, 6));
  const dyS = f32x4.sub(f32x4.shuffle(pointYA, pointYB, 0, 1, 4, 5), f32x4.shuffle(lowS, highS, 1, 3, 5, 7));
  const distA = f32x4.add(f32x4.mul(dxA, dxA), f32x4.mul(dyA, dyA));
  const distB = f32x4.add(f32x4.mul(dxB, dxB), f32x4.mul(dyB, dyB));
  const distS = f32x4.add(f32x4.mul(dxS, dxS), f32x4.mul(dyS, dyS));
  const pull = lane(PULL_LANE);
  const pushAllA = v128.andnot(f32x4.eq(distA, zero), pull);
  const pushAllB = v128.andnot(f32x4.eq(distB, zero), pull);
  const pushAllS = f32x4.eq(distS, zero);
  const coefficientA = coefficientLanes(distA, pull);
  const coefficientB = coefficientLanes(distB, pull);
  const coefficientS = pushCoefficientLanes(distS);
  let gxA = gradientLanes(coefficientA, dxA);
  let gyA = gradientLanes(coefficientA, dyA);
  let gxB = gradientLanes(coefficientB, dxB);
  let gyB = gradientLanes(coefficientB, dyB);
  let gxS = gradientLanes(coefficientS, dxS);
  let gyS = gradientLanes(coefficientS, dyS);
  if (v128.any_true(v128.or(v128.or(pushAllA, pushAllB), pushAllS))) {
    gxA = coincident(gxA, pushAllA);
    gyA = coincident(gyA, pushAllA);
    gxB = coincident(gxB, pushAllB);
    gyB = coincident(gyB, pushAllB);
    gxS = coincident(gxS, pushAllS);
    gyS = coincident(gyS, pushAllS);
  }
  // A's sums take the shared group's lanes 0 and 1, B's its lanes 2 and 3 moved to 0 and 1; +0 elsewhere.
  const low = lane(LOW_PAIR);
  const sumXA = f32x4.add(f32x4.add(zero, gxA), v128.and(gxS, low));
  const sumYA = f32x4.add(f32x4.add(zero, gyA), v128.and(gyS, low));
  const sumXB = f32x4.add(f32x4.add(zero, gxB), f32x4.shuffle(gxS, zero, 2, 3, 4, 5));
  const sumYB = f32x4.add(f32x4.add(zero, gyB), f32x4.shuffle(gyS, zero, 2, 3, 4, 5));
  move2(movingA, tailA, step, pxA, pyA, f32x4.extract_lane(gxA, 0), f32x4.extract_lane(gyA, 0), sumXA, sumYA);
  move2(movingB, tailB, step, pxB, pyB, f32x4.extract_lane(gxB, 0), f32x4.extract_lane(gyB, 0), sumXB, sumYB);
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

/** A lane's row of differences from a point (its four coordinates in one vector). */
@inline function difference4(point: v128, row: i32): v128 {
  return f32x4.sub(point, v128.load(embedding + (<usize>row << 4)));
}

/** The squared distances of four rows of differences. */
@inline function distances4(d0: v128, d1: v128, d2: v128, d3: v128): v128 {
  return squaredDistances(f32x4.mul(d0, d0), f32x4.mul(d1, d1), f32x4.mul(d2, d2), f32x4.mul(d3, d3));
}

export function epoch4(epoch: f64, alpha: f64): void {
  const due = listDueEdges(epoch);
  const step = f32x4.splat(<f32>alpha);
  let i = 0;
  while (i < due) {
    if (i + 1 < due && pairable(i)) {
      pair4(i, step);
      i += 2;
    } else {
      edgeSample4(i, step);
      i++;
    }
  }
}

/** Due edge sample i alone, its lanes drawn here. */
@inline function edgeSample4(i: i32, step: v128): void {
  const e = load<i32>(dueEdges + (<usize>i << 2));
  const moving = load<i32>(head + (<usize>e << 2));
  const tailPoint = load<i32>(tail + (<usize>e << 2));
  const lanes = load<i32>(laneCounts + (<usize>i << 2));
  const p1 = lanePoint(1, lanes, tailPoint, moving);
  const p2 = lanePoint(2, lanes, tailPoint, moving);
  const p3 = lanePoint(3, lanes, tailPoint, moving);
  const p4 = lanePoint(4, lanes, tailPoint, moving);
  const p5 = lanePoint(5, lanes, tailPoint, moving);
  const p6 = lanePoint(6, lanes, tailPoint, moving);
  const p7 = lanePoint(7, lanes, tailPoint, moving);
  drawnSample4(moving, tailPoint, lanes, step, p1, p2, p3, p4, p5, p6, p7);
}

/** One edge sample of any number of lanes, its first eight (its tail, then p1 to p7) drawn by the caller. */
function drawnSample4(moving: i32, tailPoint: i32, lanes: i32, step: v128, p1: i32, p2: i32, p3: i32, p4: i32, p5: i32, p6: i32, p7: i32): void {
  const zero = f32x4.splat(0.0);
  const current = embedding + (<usize>moving << 4);
  const point = v128.load(current);
  // In 4-D a point is one vector, so each lane is computed as a row (its four coordinates) and only the
  // squared distances, which the curve needs four lanes to a vector, are transposed. sumK is lane K's
  // gradient summed group by group (lane-epochs.ts's sums[d * 4 + K] for every d).
  let sum0 = zero;
  let sum1 = zero;
  let sum2 = zero;
  let sum3 = zero;
  let tailGradient = zero;
  let a0 = tailPoint;
  let a1 = p1;
  let a2 = p2;
  let a3 = p3;
  let b0 = p4;
  let b1 = p5;
  let b2 = p6;
  let b3 = p7;
  // Two groups of four lanes at a time, as in drawnSample2.
  for (let base = 0; base < lanes; base += 8) {
    if (base > 0) {
      a0 = lanePoint(base, lanes, tailPoint, moving);
      a1 = lanePoint(base + 1, lanes, tailPoint, moving);
      a2 = lanePoint(base + 2, lanes, tailPoint, moving);
      a3 = lanePoint(base + 3, lanes, tailPoint, moving);
      b0 = lanePoint(base + 4, lanes, tailPoint, moving);
      b1 = lanePoint(base + 5, lanes, tailPoint, moving);
      b2 = lanePoint(base + 6, lanes, tailPoint, moving);
      b3 = lanePoint(base + 7, lanes, tailPoint, moving);
    }
    const da0 = difference4(point, a0);
    const da1 = difference4(point, a1);
    const da2 = difference4(point, a2);
    const da3 = difference4(point, a3);
    const db0 = difference4(point, b0);
    const db1 = difference4(point, b1);
    const db2 = difference4(point, b2);
    const db3 = difference4(point, b3);
    const distA = distances4(da0, da1, da2, da3);
    const distB = distances4(db0, db1, db2, db3);
    const pull = base == 0 ? lane(PULL_LANE) : zero;
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
  move4(moving, tailPoint, step, point, tailGradient, sum0, sum1, sum2, sum3);
}

/** Moves an edge sample's tail back by its pull and its point by the lanes' sum, (l0 + l1) + (l2 + l3). */
@inline function move4(moving: i32, tailPoint: i32, step: v128, point: v128, tailGradient: v128, sum0: v128, sum1: v128, sum2: v128, sum3: v128): void {
  const total = f32x4.add(f32x4.add(sum0, sum1), f32x4.add(sum2, sum3));
  const other = embedding + (<usize>tailPoint << 4);
  v128.store(other, f32x4.sub(v128.load(other), f32x4.mul(step, tailGradient)));
  v128.store(embedding + (<usize>moving << 4), f32x4.add(point, f32x4.mul(step, total)));
}

/** pair2 in four dimensions: A's first four lanes, B's first four, then A's lanes 4 and 5 beside B's. */
function pair4(i: i32, step: v128): void {
  const at = dueEdges + (<usize>i << 2);
  const edgeA = load<i32>(at);
  const edgeB = load<i32>(at, 4);
  const movingA = load<i32>(head + (<usize>edgeA << 2));
  const tailA = load<i32>(tail + (<usize>edgeA << 2));
  const movingB = load<i32>(head + (<usize>edgeB << 2));
  const tailB = load<i32>(tail + (<usize>edgeB << 2));
  const lanesA = load<i32>(laneCounts + (<usize>i << 2));
  const lanesB = load<i32>(laneCounts + (<usize>i << 2), 4);
  const a1 = lanePoint(1, lanesA, tailA, movingA);
  const a2 = lanePoint(2, lanesA, tailA, movingA);
  const a3 = lanePoint(3, lanesA, tailA, movingA);
  const a4 = lanePoint(4, lanesA, tailA, movingA);
  const a5 = lanePoint(5, lanesA, tailA, movingA);
  const b1 = lanePoint(1, lanesB, tailB, movingB);
  const b2 = lanePoint(2, lanesB, tailB, movingB);
  const b3 = lanePoint(3, lanesB, tailB, movingB);
  const b4 = lanePoint(4, lanesB, tailB, movingB);
  const b5 = lanePoint(5, lanesB, tailB, movingB);
  if (conflicts(movingA, tailA, movingB, tailB, b1, b2, b3, b4, b5)) {
    drawnSample4(movingA, tailA, lanesA, step, a1, a2, a3, a4, a5, sentinel, sentinel);
    drawnSample4(movingB, tailB, lanesB, step, b1, b2, b3, b4, b5, sentinel, sentinel);
    return;
  }
  const zero = f32x4.splat(0.0);
  const pointA = v128.load(embedding + (<usize>movingA << 4));
  const pointB = v128.load(embedding + (<usize>movingB << 4));
  const da0 = difference4(pointA, tailA);
  const da1 = difference4(pointA, a1);
  const da2 = difference4(pointA, a2);
  const da3 = difference4(pointA, a3);
  const db0 = difference4(pointB, tailB);
  const db1 = difference4(pointB, b1);
  const db2 = difference4(pointB, b2);
  const db3 = difference4(pointB, b3);
  const ds0 = difference4(pointA, a4);
  const ds1 = difference4(pointA, a5);
  const ds2 = difference4(pointB, b4);
  const ds3 = difference4(pointB, b5);
  const distA = distances4(da0, da1, da2, da3);
  const distB = distances4(db0, db1, db2, db3);
  const distS = distances4(ds0, ds1, ds2, ds3);
  const pull = lane(PULL_LANE);
  const pushAllA = v128.andnot(f32x4.eq(distA, zero), pull);
  const pushAllB = v128.andnot(f32x4.eq(distB, zero), pull);
  const pushAllS = f32x4.eq(distS, zero);
  const coefficientA = coefficientLanes(distA, pull);
  const coefficientB = coefficientLanes(distB, pull);
  const coefficientS = pushCoefficientLanes(distS);
  let ga0 = gradientLanes(i32x4.shuffle(coefficientA, coefficientA, 0, 0, 0, 0), da0);
  let ga1 = gradientLanes(i32x4.shuffle(coefficientA, coefficientA, 1, 1, 1, 1), da1);
  let ga2 = gradientLanes(i32x4.shuffle(coefficientA, coefficientA, 2, 2, 2, 2), da2);
  let ga3 = gradientLanes(i32x4.shuffle(coefficientA, coefficientA, 3, 3, 3, 3), da3);
  let gb0 = gradientLanes(i32x4.shuffle(coefficientB, coefficientB, 0, 0, 0, 0), db0);
  let gb1 = gradientLanes(i32x4.shuffle(coefficientB, coefficientB, 1, 1, 1, 1), db1);
  let gb2 = gradientLanes(i32x4.shuffle(coefficientB, coefficientB, 2, 2, 2, 2), db2);
  let gb3 = gradientLanes(i32x4.shuffle(coefficientB, coefficientB, 3, 3, 3, 3), db3);
  let gs0 = gradientLanes(i32x4.shuffle(coefficientS, coefficientS, 0, 0, 0, 0), ds0);
  let gs1 = gradientLanes(i32x4.shuffle(coefficientS, coefficientS, 1, 1, 1, 1), ds1);
  let gs2 = gradientLanes(i32x4.shuffle(coefficientS, coefficientS, 2, 2, 2, 2), ds2);
  let gs3 = gradientLanes(i32x4.shuffle(coefficientS, coefficientS, 3, 3, 3, 3), ds3);
  if (v128.any_true(v128.or(v128.or(pushAllA, pushAllB), pushAllS))) {
    ga0 = coincident(ga0, i32x4.shuffle(pushAllA, pushAllA, 0, 0, 0, 0));
    ga1 = coincident(ga1, i32x4.shuffle(pushAllA, pushAllA, 1, 1, 1, 1));
    ga2 = coincident(ga2, i32x4.shuffle(pushAllA, pushAllA, 2, 2, 2, 2));
    ga3 = coincident(ga3, i32x4.shuffle(pushAllA, pushAllA, 3, 3, 3, 3));
    gb0 = coincident(gb0, i32x4.shuffle(pushAllB, pushAllB, 0, 0, 0, 0));
    gb1 = coincident(gb1, i32x4.shuffle(pushAllB, pushAllB, 1, 1, 1, 1));
    gb2 = coincident(gb2, i32x4.shuffle(pushAllB, pushAllB, 2, 2, 2, 2));
    gb3 = coincident(gb3, i32x4.shuffle(pushAllB, pushAllB, 3, 3, 3, 3));
    gs0 = coincident(gs0, i32x4.shuffle(pushAllS, pushAllS, 0, 0, 0, 0));
    gs1 = coincident(gs1, i32x4.shuffle(pushAllS, pushAllS, 1, 1, 1, 1));
    gs2 = coincident(gs2, i32x4.shuffle(pushAllS, pushAllS, 2, 2, 2, 2));
    gs3 = coincident(gs3, i32x4.shuffle(pushAllS, pushAllS, 3, 3, 3, 3));
  }
  // A's lanes 4 and 5 are the shared group's rows 0 and 1, B's its rows 2 and 3; lanes 2 and 3 of each had
  // only far points past the first group, which add -0: nothing.
  move4(movingA, tailA, step, pointA, ga0, f32x4.add(f32x4.add(zero, ga0), gs0), f32x4.add(f32x4.add(zero, ga1), gs1), f32x4.add(zero, ga2), f32x4.add(zero, ga3));
  move4(movingB, tailB, step, pointB, gb0, f32x4.add(f32x4.add(zero, gb0), gs2), f32x4.add(f32x4.add(zero, gb1), gs3), f32x4.add(zero, gb2), f32x4.add(zero, gb3));
}
