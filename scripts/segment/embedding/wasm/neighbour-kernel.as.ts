// AssemblyScript (compiled to WebAssembly by ../neighbour-wasm.ts, not by tsc): the pair loops of the
// neighbour search (nn-descent.ts's leaf and local-join loops, neighbours.ts's exact search) with the
// Jaccard distance of bitset.ts and the heap push of neighbour-heap.ts. Every comparison and every
// floating-point operation is the JavaScript code's, in the same order, so both keep the same heaps;
// tests/scripts/segment/embedding/neighbour-wasm.test.ts compares them. What WebAssembly adds is i64.popcnt,
// which JavaScript lacks (bitset.ts counts bits with shifts and masks, ~3x slower).

// Where the JavaScript side put each array in this module's memory.
let bits: usize = 0; // rows * words 64-bit words
let words: i32 = 0;
let counts: usize = 0; // i32 per row: set bits
let indices: usize = 0; // i32 per heap slot, -1 when empty
let distances: usize = 0; // f64 per heap slot, +Infinity when empty
let flags: usize = 0; // u8 per heap slot: 1 while "new"
let worsts: usize = 0; // f64 per row: the heap's root distance
let size: i32 = 0; // heap slots per row

export function allocate(bytes: i32): usize {
  return heap.alloc(<usize>bytes);
}

export function setRows(bitsAt: usize, wordsPerRow: i32, countsAt: usize): void {
  bits = bitsAt;
  words = wordsPerRow;
  counts = countsAt;
}

export function setHeaps(indicesAt: usize, distancesAt: usize, flagsAt: usize, worstsAt: usize, slots: i32): void {
  indices = indicesAt;
  distances = distancesAt;
  flags = flagsAt;
  worsts = worstsAt;
  size = slots;
}

@inline function count(row: i32): i32 {
  return load<i32>(counts + (<usize>row << 2));
}

@inline function worst(row: i32): f64 {
  return load<f64>(worsts + (<usize>row << 3));
}

@inline function distance(a: i32, b: i32): f64 {
  const rowA = bits + ((<usize>a * <usize>words) << 3);
  const rowB = bits + ((<usize>b * <usize>words) << 3);
  let intersection: i64 = 0;
  for (let w = 0; w < words; w++) {
    intersection += popcnt<i64>(load<i64>(rowA + (<usize>w << 3)) & load<i64>(rowB + (<usize>w << 3)));
  }
  const shared = <i32>intersection;
  const union = count(a) + count(b) - shared;
  return union == 0 ? 0 : <f64>(union - shared) / <f64>union;
}

@inline function lowerBound(a: i32, b: i32): f64 {
  const countA = count(a);
  const countB = count(b);
  const larger = countA > countB ? countA : countB;
  if (larger == 0) return 0;
  const smaller = countA > countB ? countB : countA;
  return <f64>(larger - smaller) / <f64>larger;
}

@inline function isWorse(distanceA: f64, indexA: i32, distanceB: f64, indexB: i32): bool {
  return distanceA > distanceB || (distanceA == distanceB && indexA > indexB);
}

@inline function slotDistance(slot: i32): f64 {
  return load<f64>(distances + (<usize>slot << 3));
}

@inline function slotIndex(slot: i32): i32 {
  return load<i32>(indices + (<usize>slot << 2));
}

/** Whether the heap at slot `base` already holds `index`: four slots at a time, the rest one by one. */
@inline function holds(base: i32, index: i32): bool {
  const wanted = i32x4.splat(index);
  let found = i32x4.splat(0);
  let s = base;
  for (; s + 4 <= base + size; s += 4) found = v128.or(found, i32x4.eq(v128.load(indices + (<usize>s << 2)), wanted));
  if (v128.any_true(found)) return true;
  for (; s < base + size; s++) if (slotIndex(s) == index) return true;
  return false;
}

export function push(row: i32, dist: f64, index: i32, isNew: u8): i32 {
  const base = row * size;
  const rootDistance = worst(row);
  if (dist > rootDistance || (dist == rootDistance && index >= slotIndex(base))) return 0;
  if (holds(base, index)) return 0;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    if (right < size && isWorse(slotDistance(base + right), slotIndex(base + right), slotDistance(base + left), slotIndex(base + left))) {
      child = right;
    }
    if (!isWorse(slotDistance(base + child), slotIndex(base + child), dist, index)) break;
    store<f64>(distances + (<usize>(base + i) << 3), slotDistance(base + child));
    store<i32>(indices + (<usize>(base + i) << 2), slotIndex(base + child));
    store<u8>(flags + <usize>(base + i), load<u8>(flags + <usize>(base + child)));
    i = child;
  }
  store<f64>(distances + (<usize>(base + i) << 3), dist);
  store<i32>(indices + (<usize>(base + i) << 2), index);
  store<u8>(flags + <usize>(base + i), isNew);
  store<f64>(worsts + (<usize>row << 3), slotDistance(base));
  return 1;
}

@inline function compareAndPush(p: i32, q: i32): i32 {
  const limit = max<f64>(worst(p), worst(q));
  if (lowerBound(p, q) > limit) return 0;
  const dist = distance(p, q);
  if (dist > limit) return 0;
  return push(p, dist, q, 1) + push(q, dist, p, 1);
}

/** Every pair of rows within each leaf of an rp-tree, as nn-descent.ts's initialiseFromTrees: leaf l is order[bounds[l] .. bounds[l + 1]). */
export function joinLeaves(orderAt: usize, boundsAt: usize, leaves: i32): void {
  for (let leaf = 0; leaf < leaves; leaf++) {
    const from = load<i32>(boundsAt + (<usize>leaf << 2));
    const to = load<i32>(boundsAt + (<usize>(leaf + 1) << 2));
    for (let a = from; a < to; a++) {
      const p = load<i32>(orderAt + (<usize>a << 2));
      for (let b = a + 1; b < to; b++) compareAndPush(p, load<i32>(orderAt + (<usize>b << 2)));
    }
  }
}

/** nn-descent.ts's localJoin over candidate lists already sampled (start and count per row, then the list). */
export function localJoin(rows: i32, freshStart: usize, freshCount: usize, freshList: usize, oldStart: usize, oldCount: usize, oldList: usize): i32 {
  let updates = 0;
  for (let row = 0; row < rows; row++) {
    const at = <usize>row << 2;
    const freshFrom = load<i32>(freshStart + at);
    const freshEnd = freshFrom + load<i32>(freshCount + at);
    const oldFrom = load<i32>(oldStart + at);
    const oldEnd = oldFrom + load<i32>(oldCount + at);
    for (let a = freshFrom; a < freshEnd; a++) {
      const p = load<i32>(freshList + (<usize>a << 2));
      for (let b = a + 1; b < freshEnd; b++) updates += compareAndPush(p, load<i32>(freshList + (<usize>b << 2)));
      for (let b = oldFrom; b < oldEnd; b++) {
        const q = load<i32>(oldList + (<usize>b << 2));
        if (q != p) updates += compareAndPush(p, q);
      }
    }
  }
  return updates;
}

/**
 * rp-tree.ts's HyperplaneSides.classify: for the rows of order[start, end), the sign of
 * |x∩p|²·|q| - |x∩q|²·|p| into sides (an i8 per row), the overlaps by popcount.
 */
export function classifySides(orderAt: usize, start: i32, end: i32, p: i32, q: i32, sidesAt: usize): void {
  const rowP = bits + ((<usize>p * <usize>words) << 3);
  const rowQ = bits + ((<usize>q * <usize>words) << 3);
  const sizeP = <i64>count(p);
  const sizeQ = <i64>count(q);
  for (let i = start; i < end; i++) {
    const row = load<i32>(orderAt + (<usize>i << 2));
    const rowX = bits + ((<usize>row * <usize>words) << 3);
    let withP: i64 = 0;
    let withQ: i64 = 0;
    for (let w = 0; w < words; w++) {
      const x = load<i64>(rowX + (<usize>w << 3));
      withP += popcnt<i64>(x & load<i64>(rowP + (<usize>w << 3)));
      withQ += popcnt<i64>(x & load<i64>(rowQ + (<usize>w << 3)));
    }
    const sideP = withP * withP * sizeQ;
    const sideQ = withQ * withQ * sizeP;
    store<i8>(sidesAt + <usize>row, <i8>(i32(sideP > sideQ) - i32(sideP < sideQ)));
  }
}

/** The exact search's row a against every later row, as neighbours.ts's exactFromPacked (flag 0). */
export function exactRow(a: i32, rows: i32): void {
  for (let b = a + 1; b < rows; b++) {
    const dist = distance(a, b);
    push(a, dist, b, 0);
    push(b, dist, a, 0);
  }
}
