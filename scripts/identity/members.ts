/**
 * Segment members as compact bitsets over a document's kept respondents (file order), and their Jaccard
 * overlap: the measure of "same segment" that the stability report uses within a run, applied across runs
 * on the same respondents.
 */

import type { RespondentSet } from '../document/registry-schema.js';
import type { Segmentation } from '../document/segmentation-schema.js';

export function respondentSet(doc: Segmentation): RespondentSet {
  return { inputSha256: doc.metadata.input.sha256, configHash: doc.metadata.configHash, kept: doc.map.segment.length };
}

export function sameRespondents(a: RespondentSet, b: RespondentSet): boolean {
  return a.inputSha256 === b.inputSha256 && a.configHash === b.configHash && a.kept === b.kept;
}

/** base64 of the bitset of kept respondents in segment `index` (bit i of byte i >> 3, least significant first). */
export function encodeMembers(doc: Segmentation, index: number): string {
  const segments = doc.map.segment;
  const bits = new Uint8Array(Math.ceil(segments.length / 8));
  segments.forEach((s, i) => {
    if (s === index) bits[i >> 3] |= 1 << (i & 7);
  });
  return Buffer.from(bits).toString('base64');
}

export function decodeMembers(encoded: string): Uint8Array {
  return new Uint8Array(Buffer.from(encoded, 'base64'));
}

/** Members in both over members in either; 0 when both are empty. */
export function memberJaccard(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    both += popcount(x & y);
    either += popcount(x | y);
  }
  return either === 0 ? 0 : both / either;
}

function popcount(byte: number): number {
  let count = 0;
  for (let v = byte; v; v &= v - 1) count++;
  return count;
}
