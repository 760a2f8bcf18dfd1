/**
 * The lanes' epochs compiled to WebAssembly (wasm/layout-kernel.as.ts, AssemblyScript; compiled and cached
 * by wasm-kernels.ts): the same float32 operations as lane-epochs.ts in the same order, four lanes to a
 * vector operation, so the same bits in a fraction of the time (the loops are ~400 million SGD updates on
 * real 2021).
 */
import type { LayoutEdges } from './graph.js';
import { type LaneCurve, laneConstants } from './lane-curve.js';
import { laneCoordinates } from './lane-epochs.js';
import { kernelInstance } from './wasm-kernels.js';

interface KernelExports {
  memory: WebAssembly.Memory;
  allocate(bytes: number): number;
  setArrays(
    embedding: number,
    head: number,
    tail: number,
    edges: number,
    perSample: number,
    nextSample: number,
    perNegative: number,
    nextNegative: number,
    due: number,
    lanes: number,
  ): void;
  setSampling(vertices: number, state: number): void;
  setCurve(constants: number): void;
  epoch2(epoch: number, alpha: number): void;
  epoch4(epoch: number, alpha: number): void;
  updateCount(): number;
}

/** Runs `epochs` of the 2-D or 4-D layout in WebAssembly; `onEpoch` gets each epoch's index after it ran. */
export interface WasmLayout {
  epoch(epoch: number, alpha: number): void;
  /** Copies the moved points back into the embedding given at the start; returns the SGD updates made. */
  finish(): number;
}

export interface WasmLayoutInputs {
  embedding: Float64Array;
  dims: 2 | 4;
  edges: LayoutEdges;
  /** Fills the epochs per sample and per negative sample of each edge (layout.ts), here into the kernel's memory. */
  schedule(perSample: Float64Array, perNegative: Float64Array): void;
  curve: LaneCurve;
  /**
   * Draws the xorshift32 state the JavaScript sampler would start from; called only once the kernel is
   * there, so that without it the JavaScript loop draws the same state from the same stream.
   */
  samplerState: () => number;
}

/** A kernel instance loaded with one layout's arrays, or null when the kernel is not compiled. */
export function wasmLayout(inputs: WasmLayoutInputs): WasmLayout | null {
  const exports = kernelInstance('layout-kernel');
  if (!exports) return null;
  const kernel = exports as unknown as KernelExports;
  const { embedding, edges, curve } = inputs;
  const edgeCount = edges.head.length;
  const constants = laneConstants(curve);
  // Allocate everything first: memory may grow (and its buffer change) with each allocation.
  const at = {
    embedding: kernel.allocate((embedding.length + inputs.dims) * 4),
    head: kernel.allocate(edgeCount * 4),
    tail: kernel.allocate(edgeCount * 4),
    perSample: kernel.allocate(edgeCount * 8),
    nextSample: kernel.allocate(edgeCount * 8),
    perNegative: kernel.allocate(edgeCount * 8),
    nextNegative: kernel.allocate(edgeCount * 8),
    due: kernel.allocate(edgeCount * 4),
    lanes: kernel.allocate(edgeCount * 4),
    constants: kernel.allocate(constants.byteLength),
  };
  const buffer = kernel.memory.buffer;
  // The coordinates as float32, and the far point's row after them (lane-epochs.ts).
  new Float32Array(buffer, at.embedding, embedding.length + inputs.dims).set(laneCoordinates(embedding, inputs.dims));
  new Int32Array(buffer, at.head, edgeCount).set(edges.head);
  new Int32Array(buffer, at.tail, edgeCount).set(edges.tail);
  const perSample = new Float64Array(buffer, at.perSample, edgeCount);
  const perNegative = new Float64Array(buffer, at.perNegative, edgeCount);
  inputs.schedule(perSample, perNegative);
  new Float64Array(buffer, at.nextSample, edgeCount).set(perSample);
  new Float64Array(buffer, at.nextNegative, edgeCount).set(perNegative);
  new Float32Array(buffer, at.constants, constants.length).set(constants);
  kernel.setArrays(
    at.embedding,
    at.head,
    at.tail,
    edgeCount,
    at.perSample,
    at.nextSample,
    at.perNegative,
    at.nextNegative,
    at.due,
    at.lanes,
  );
  kernel.setSampling(embedding.length / inputs.dims, inputs.samplerState());
  kernel.setCurve(at.constants);
  const run = inputs.dims === 2 ? kernel.epoch2 : kernel.epoch4;
  return {
    epoch: (epoch, alpha) => run(epoch, alpha),
    finish: () => {
      embedding.set(new Float32Array(kernel.memory.buffer, at.embedding, embedding.length));
      return kernel.updateCount();
    },
  };
}
