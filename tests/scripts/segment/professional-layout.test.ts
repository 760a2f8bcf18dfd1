import { describe, expect, it } from 'vitest';
import { professionalLayout } from '../../../scripts/segment/professional-layout.js';

/** Points spread mostly along a known direction in 4-D, a little along a second, barely along the rest. */
function space(): { rows: number; dims: number; data: Float64Array } {
  const rows = 200;
  const data = new Float64Array(rows * 4);
  const main = [0.5, 0.5, 0.5, 0.5];
  const second = [0.5, -0.5, 0.5, -0.5];
  for (let i = 0; i < rows; i++) {
    const a = Math.sin(i * 1.7) * 10;
    const b = Math.cos(i * 2.3) * 3;
    const noise = Math.sin(i * 5.1) * 0.01;
    for (let d = 0; d < 4; d++) data[i * 4 + d] = 7 + a * main[d] + b * second[d] + noise * (d === 0 ? 1 : 0);
  }
  return { rows, dims: 4, data };
}

describe('professionalLayout', () => {
  it('projects onto the two axes of largest spread, centred, first axis widest', () => {
    const layout = professionalLayout(space());
    expect(layout.dims).toBe(2);
    const xs = Array.from({ length: layout.rows }, (_, i) => layout.data[i * 2]);
    const ys = Array.from({ length: layout.rows }, (_, i) => layout.data[i * 2 + 1]);
    const variance = (v: number[]) => v.reduce((s, x) => s + x * x, 0) / v.length;
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length)).toBeLessThan(1e-9);
    expect(variance(xs)).toBeGreaterThan(variance(ys));
    // Nearly all the spread (the two planted directions) survives the projection.
    let total = 0;
    const s = space();
    for (let d = 0; d < 4; d++) {
      const col = Array.from({ length: s.rows }, (_, i) => s.data[i * 4 + d]);
      const m = col.reduce((a, b) => a + b, 0) / col.length;
      total += col.reduce((a, x) => a + (x - m) ** 2, 0) / col.length;
    }
    expect((variance(xs) + variance(ys)) / total).toBeGreaterThan(0.999);
  });

  it('is deterministic: the same space gives the same bytes', () => {
    const a = professionalLayout(space());
    const b = professionalLayout(space());
    expect(Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer))).toBe(true);
  });

  it('refuses a space with fewer than two dimensions', () => {
    expect(() => professionalLayout({ rows: 3, dims: 1, data: new Float64Array(3) })).toThrow(/at least 2 dimensions/);
  });
});
