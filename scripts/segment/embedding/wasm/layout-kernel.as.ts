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

@inline function clip(value: f64): f64 {
  return value > 4.0 ? 4.0 : value < -4.0 ? -4.0 : value;
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

export function epoch2(epoch: f64, alpha: f64): void {
  const due = listDueEdges(epoch);
  for (let i = 0; i < due; i++) {
    const e = load<i32>(dueEdges + (<usize>i << 2));
    const at = <usize>e << 3;
    const moving = load<i32>(head + (<usize>e << 2));
    const current = embedding + (<usize>moving << 4);
    const other = embedding + (<usize>load<i32>(tail + (<usize>e << 2)) << 4);
    let x = load<f64>(current);
    let y = load<f64>(current, 8);
    const dx = x - load<f64>(other);
    const dy = y - load<f64>(other, 8);
    const distSquared = dx * dx + dy * dy;
    const pull = distSquared > 0 ? attraction(distSquared) : 0;
    const gx = clip(pull * dx);
    const gy = clip(pull * dy);
    x += gx * alpha;
    store<f64>(other, load<f64>(other) + -gx * alpha);
    y += gy * alpha;
    store<f64>(other, load<f64>(other, 8) + -gy * alpha, 8);

    // Batched pushes (layout.ts, LayoutSettings.pushes): each measured from the point after its pull, so
    // they do not wait for each other and the processor overlaps them; added in sampling order.
    const samples = samplesDue(at, epoch);
    const fromX = x;
    const fromY = y;
    for (let p: f64 = 0; p < samples; p++) {
      const sampled = nextSample();
      if (sampled == moving) continue;
      const far = embedding + (<usize>sampled << 4);
      const fx = fromX - load<f64>(far);
      const fy = fromY - load<f64>(far, 8);
      const farSquared = fx * fx + fy * fy;
      const push = farSquared > 0.0 ? repulsion(farSquared) : 0.0;
      if (push > 0.0) {
        x += clip(push * fx) * alpha;
        y += clip(push * fy) * alpha;
      } else {
        x += 4.0 * alpha;
        y += 4.0 * alpha;
      }
    }
    store<f64>(current, x);
    store<f64>(current, y, 8);
  }
}

export function epoch4(epoch: f64, alpha: f64): void {
  const due = listDueEdges(epoch);
  for (let i = 0; i < due; i++) {
    const e = load<i32>(dueEdges + (<usize>i << 2));
    const at = <usize>e << 3;
    const moving = load<i32>(head + (<usize>e << 2));
    const current = embedding + (<usize>moving << 5);
    const other = embedding + (<usize>load<i32>(tail + (<usize>e << 2)) << 5);
    let x0 = load<f64>(current);
    let x1 = load<f64>(current, 8);
    let x2 = load<f64>(current, 16);
    let x3 = load<f64>(current, 24);
    const d0 = x0 - load<f64>(other);
    const d1 = x1 - load<f64>(other, 8);
    const d2 = x2 - load<f64>(other, 16);
    const d3 = x3 - load<f64>(other, 24);
    const distSquared = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
    const pull = distSquared > 0 ? attraction(distSquared) : 0;
    const g0 = clip(pull * d0);
    const g1 = clip(pull * d1);
    const g2 = clip(pull * d2);
    const g3 = clip(pull * d3);
    x0 += g0 * alpha;
    store<f64>(other, load<f64>(other) + -g0 * alpha);
    x1 += g1 * alpha;
    store<f64>(other, load<f64>(other, 8) + -g1 * alpha, 8);
    x2 += g2 * alpha;
    store<f64>(other, load<f64>(other, 16) + -g2 * alpha, 16);
    x3 += g3 * alpha;
    store<f64>(other, load<f64>(other, 24) + -g3 * alpha, 24);

    const samples = samplesDue(at, epoch);
    const from0 = x0;
    const from1 = x1;
    const from2 = x2;
    const from3 = x3;
    for (let p: f64 = 0; p < samples; p++) {
      const sampled = nextSample();
      if (sampled == moving) continue;
      const far = embedding + (<usize>sampled << 5);
      const f0 = from0 - load<f64>(far);
      const f1 = from1 - load<f64>(far, 8);
      const f2 = from2 - load<f64>(far, 16);
      const f3 = from3 - load<f64>(far, 24);
      const farSquared = f0 * f0 + f1 * f1 + f2 * f2 + f3 * f3;
      const push = farSquared > 0.0 ? repulsion(farSquared) : 0.0;
      if (push > 0.0) {
        x0 += clip(push * f0) * alpha;
        x1 += clip(push * f1) * alpha;
        x2 += clip(push * f2) * alpha;
        x3 += clip(push * f3) * alpha;
      } else {
        x0 += 4.0 * alpha;
        x1 += 4.0 * alpha;
        x2 += 4.0 * alpha;
        x3 += 4.0 * alpha;
      }
    }
    store<f64>(current, x0);
    store<f64>(current, x1, 8);
    store<f64>(current, x2, 16);
    store<f64>(current, x3, 24);
  }
}
