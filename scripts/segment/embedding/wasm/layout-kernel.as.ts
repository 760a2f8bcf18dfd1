// AssemblyScript (compiled to WebAssembly by ../layout-wasm.ts, not by tsc): the epoch loops of
// epochs.ts for 2 and 4 dimensions with the tabulated curve (curve.ts, fixed-power.ts),
// xorshift negative samples and batched pushes (layout.ts). Every floating-point operation is the JavaScript loop's, in
// the same order, so both give the same bits; tests/scripts/segment/embedding/layout-wasm.test.ts compares them.

// Where the JavaScript side put each array in this module's memory, and the scalars of the run.
let embedding: usize = 0;
let head: usize = 0;
let tail: usize = 0;
let edgeCount: i32 = 0;
let epochsPerSample: usize = 0;
let epochOfNextSample: usize = 0;
let epochsPerNegativeSample: usize = 0;
let epochOfNextNegativeSample: usize = 0;
let dueEdges: usize = 0; // i32 per edge: this epoch's due edges, ascending
let sampleScale: f64 = 0;
let rngState: u32 = 1;
let updates: f64 = 0; // edge samples and negative samples so far, for the benchmark's profile

// The curve: 1 / (1 + a·d^(2b)), its exponent b tabulated as in FixedPower.
let curveA: f64 = 0;
let attractionScale: f64 = 0;
let repulsionScale: f64 = 0;
let exponent: f64 = 0;
let c1: f64 = 0;
let c2: f64 = 0;
let c3: f64 = 0;
let c4: f64 = 0;
let powersOfTwo: usize = 0;
let inversePowersOfTwo: usize = 0;
let mantissaPowers: usize = 0;
let mantissaInverses: usize = 0;

// Outside the normal positive doubles FixedPower calls Math.pow; so does this, through the host.
@external("env", "pow")
declare function hostPow(x: f64, y: f64): f64;

export function allocate(bytes: i32): usize {
  return heap.alloc(<usize>bytes);
}

export function setArrays(embeddingAt: usize, headAt: usize, tailAt: usize, edges: i32, perSample: usize, nextSample: usize, perNegative: usize, nextNegative: usize, dueAt: usize): void {
  dueEdges = dueAt;
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
  sampleScale = <f64>vertices / 4294967296.0;
  rngState = state;
}

export function setCurve(a: f64, b: f64, gamma: f64, y: f64, k1: f64, k2: f64, k3: f64, k4: f64, twos: usize, inverseTwos: usize, mantissas: usize, inverseMantissas: usize): void {
  curveA = a;
  attractionScale = -2.0 * a * b;
  repulsionScale = 2.0 * gamma * b;
  exponent = y;
  c1 = k1;
  c2 = k2;
  c3 = k3;
  c4 = k4;
  powersOfTwo = twos;
  inversePowersOfTwo = inverseTwos;
  mantissaPowers = mantissas;
  mantissaInverses = inverseMantissas;
}

@inline function power(x: f64): f64 {
  const high = <i32>(reinterpret<i64>(x) >> 32);
  const biased = (high >>> 20) & 0x7ff;
  if (high <= 0 || biased == 0 || biased == 0x7ff) return hostPow(x, exponent);
  const index = (high >>> 10) & 1023;
  const r = x * load<f64>(inversePowersOfTwo + (<usize>biased << 3)) * load<f64>(mantissaInverses + (<usize>index << 3)) - 1.0;
  const series = 1.0 + r * (c1 + r * (c2 + r * (c3 + r * c4)));
  return load<f64>(powersOfTwo + (<usize>biased << 3)) * load<f64>(mantissaPowers + (<usize>index << 3)) * series;
}

@inline function attraction(distSquared: f64): f64 {
  const powered = power(distSquared);
  return (attractionScale * (powered / distSquared)) / (curveA * powered + 1.0);
}

@inline function repulsion(distSquared: f64): f64 {
  return repulsionScale / ((0.001 + distSquared) * (curveA * power(distSquared) + 1.0));
}

@inline function nextSample(): i32 {
  let x = rngState;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  rngState = x;
  return <i32>Math.floor(<f64>x * sampleScale);
}

/**
 * Lists the edges due this epoch (epoch of next sample <= epoch), in ascending order, without a branch:
 * whether an edge is due follows its weight, not a pattern, so testing it inside the edge loop was a
 * mispredicted branch on most edges (~7% of the layout's time). The edges and their order are unchanged.
 */
@inline function listDueEdges(epoch: f64): i32 {
  let due = 0;
  for (let e = 0; e < edgeCount; e++) {
    store<i32>(dueEdges + (<usize>due << 2), e);
    due += i32(load<f64>(epochOfNextSample + (<usize>e << 3)) <= epoch);
  }
  return due;
}

/** Negative samples due for edge e this epoch, with the bookkeeping of negativeSamplesDue. */
@inline function samplesDue(at: usize, epoch: f64): f64 {
  const perNegative = load<f64>(epochsPerNegativeSample + at);
  const count = Math.floor((epoch - load<f64>(epochOfNextNegativeSample + at)) / perNegative);
  store<f64>(epochOfNextNegativeSample + at, load<f64>(epochOfNextNegativeSample + at) + count * perNegative);
  store<f64>(epochOfNextSample + at, load<f64>(epochOfNextSample + at) + load<f64>(epochsPerSample + at));
  updates += 1.0 + count;
  return count;
}

export function updateCount(): f64 {
  return updates;
}

// The epochs hold a point's coordinates in 128-bit vectors of two doubles (WebAssembly SIMD): each lane does
// the scalar loop's operation on its coordinate (a lane's sub, mul or add is the same IEEE operation as the
// scalar one), the squared distance is summed lane by lane in the scalar order, and the clip is pmax/pmin,
// which are defined as the comparisons of clip() in epochs.ts (pmax(v, -4) = v < -4 ? -4 : v; pmin(w, 4) = 4 < w ? 4 : w, NaN
// passing through as there). So the bits are the JavaScript loops'. Measured on the 2021 professionals (same
// edges, CPU time, each kernel in a process of its own: a second kernel module in one process ran ~30%
// slower whichever it was): 4-D 34.1 -> 24.7 ns per update, 2-D 19.1 -> 16.7 ns.

@inline function clipLanes(value: v128): v128 {
  return f64x2.pmin(f64x2.pmax(value, f64x2.splat(-4.0)), f64x2.splat(4.0));
}

/** The two lanes' sum in lane order: for (x, y) squared, x·x + y·y as the scalar loop adds it. */
@inline function laneSum(value: v128): f64 {
  return f64x2.extract_lane(value, 0) + f64x2.extract_lane(value, 1);
}

export function epoch2(epoch: f64, alpha: f64): void {
  const due = listDueEdges(epoch);
  const step = f64x2.splat(alpha);
  const pushAll = f64x2.splat(4.0 * alpha);
  for (let i = 0; i < due; i++) {
    const e = load<i32>(dueEdges + (<usize>i << 2));
    const at = <usize>e << 3;
    const moving = load<i32>(head + (<usize>e << 2));
    const current = embedding + (<usize>moving << 4);
    const other = embedding + (<usize>load<i32>(tail + (<usize>e << 2)) << 4);
    let point = v128.load(current);
    const d = f64x2.sub(point, v128.load(other));
    const distSquared = laneSum(f64x2.mul(d, d));
    const pull = distSquared > 0 ? attraction(distSquared) : 0;
    const g = clipLanes(f64x2.mul(f64x2.splat(pull), d));
    point = f64x2.add(point, f64x2.mul(g, step));
    v128.store(other, f64x2.add(v128.load(other), f64x2.mul(f64x2.neg(g), step)));

    // Batched pushes (layout.ts, LayoutSettings.pushes): each measured from the point after its pull, so
    // they do not wait for each other and the processor overlaps them; added in sampling order.
    const samples = samplesDue(at, epoch);
    const from = point;
    for (let p: f64 = 0; p < samples; p++) {
      const sampled = nextSample();
      if (sampled == moving) continue;
      const f = f64x2.sub(from, v128.load(embedding + (<usize>sampled << 4)));
      const farSquared = laneSum(f64x2.mul(f, f));
      const push = farSquared > 0.0 ? repulsion(farSquared) : 0.0;
      if (push > 0.0) point = f64x2.add(point, f64x2.mul(clipLanes(f64x2.mul(f64x2.splat(push), f)), step));
      else point = f64x2.add(point, pushAll);
    }
    v128.store(current, point);
  }
}

export function epoch4(epoch: f64, alpha: f64): void {
  const due = listDueEdges(epoch);
  const step = f64x2.splat(alpha);
  const pushAll = f64x2.splat(4.0 * alpha);
  for (let i = 0; i < due; i++) {
    const e = load<i32>(dueEdges + (<usize>i << 2));
    const at = <usize>e << 3;
    const moving = load<i32>(head + (<usize>e << 2));
    const current = embedding + (<usize>moving << 5);
    const other = embedding + (<usize>load<i32>(tail + (<usize>e << 2)) << 5);
    let low = v128.load(current); // coordinates 0 and 1
    let high = v128.load(current, 16); // coordinates 2 and 3
    const dLow = f64x2.sub(low, v128.load(other));
    const dHigh = f64x2.sub(high, v128.load(other, 16));
    const squaredLow = f64x2.mul(dLow, dLow);
    const squaredHigh = f64x2.mul(dHigh, dHigh);
    const distSquared = laneSum(squaredLow) + f64x2.extract_lane(squaredHigh, 0) + f64x2.extract_lane(squaredHigh, 1);
    const pull = f64x2.splat(distSquared > 0 ? attraction(distSquared) : 0);
    const gLow = clipLanes(f64x2.mul(pull, dLow));
    const gHigh = clipLanes(f64x2.mul(pull, dHigh));
    low = f64x2.add(low, f64x2.mul(gLow, step));
    high = f64x2.add(high, f64x2.mul(gHigh, step));
    v128.store(other, f64x2.add(v128.load(other), f64x2.mul(f64x2.neg(gLow), step)));
    v128.store(other, f64x2.add(v128.load(other, 16), f64x2.mul(f64x2.neg(gHigh), step)), 16);

    const samples = samplesDue(at, epoch);
    const fromLow = low;
    const fromHigh = high;
    for (let p: f64 = 0; p < samples; p++) {
      const sampled = nextSample();
      if (sampled == moving) continue;
      const far = embedding + (<usize>sampled << 5);
      const fLow = f64x2.sub(fromLow, v128.load(far));
      const fHigh = f64x2.sub(fromHigh, v128.load(far, 16));
      const sLow = f64x2.mul(fLow, fLow);
      const sHigh = f64x2.mul(fHigh, fHigh);
      const farSquared = laneSum(sLow) + f64x2.extract_lane(sHigh, 0) + f64x2.extract_lane(sHigh, 1);
      const push = farSquared > 0.0 ? repulsion(farSquared) : 0.0;
      if (push > 0.0) {
        const scale = f64x2.splat(push);
        low = f64x2.add(low, f64x2.mul(clipLanes(f64x2.mul(scale, fLow)), step));
        high = f64x2.add(high, f64x2.mul(clipLanes(f64x2.mul(scale, fHigh)), step));
      } else {
        low = f64x2.add(low, pushAll);
        high = f64x2.add(high, pushAll);
      }
    }
    v128.store(current, low);
    v128.store(current, high, 16);
  }
}
