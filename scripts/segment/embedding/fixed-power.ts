/**
 * x^y for one fixed exponent y and any x > 0, from tables: UMAP's layout raises squared distances to the
 * curve exponent b about 250 million times per run, and V8's Math.pow costs ~85 ns a call (measured on
 * this machine), which alone made the layout take minutes.
 *
 * Split x = 2^e · m with m in [1, 2), and m = m0 · (1 + r) with m0 = m's top TABLE_BITS mantissa bits:
 *   x^y = (2^y)^e · m0^y · (1 + r)^y,
 * where the first two factors come from tables computed with Math.pow, and (1 + r)^y, r < 2^-TABLE_BITS,
 * from its binomial series to r^4. Relative error below 1e-13 (tests/scripts/segment/embedding/embed.test.ts checks it).
 */
const TABLE_BITS = 10;
const TABLE_SIZE = 1 << TABLE_BITS;
const EXPONENT_BIAS = 1023;

// Scratch to read a double's bits (little-endian word order, as on every platform Node runs on).
const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);

export class FixedPower {
  readonly exponent: number;
  /** 2^(y·e) for biased exponents 1..2046 (index = biased exponent). */
  private readonly powersOfTwo = new Float64Array(2048);
  /** 2^-e for the same indices. */
  private readonly inversePowersOfTwo = new Float64Array(2048);
  /** m0^y and 1 / m0 for every table step m0 = 1 + i / TABLE_SIZE. */
  private readonly mantissaPowers = new Float64Array(TABLE_SIZE);
  private readonly mantissaInverses = new Float64Array(TABLE_SIZE);
  private readonly c1: number;
  private readonly c2: number;
  private readonly c3: number;
  private readonly c4: number;

  constructor(exponent: number) {
    this.exponent = exponent;
    for (let biased = 1; biased < 2047; biased++) {
      this.powersOfTwo[biased] = Math.pow(2, exponent * (biased - EXPONENT_BIAS));
      this.inversePowersOfTwo[biased] = Math.pow(2, EXPONENT_BIAS - biased);
    }
    for (let i = 0; i < TABLE_SIZE; i++) {
      const m0 = 1 + i / TABLE_SIZE;
      this.mantissaPowers[i] = Math.pow(m0, exponent);
      this.mantissaInverses[i] = 1 / m0;
    }
    const y = exponent;
    this.c1 = y;
    this.c2 = (y * (y - 1)) / 2;
    this.c3 = (y * (y - 1) * (y - 2)) / 6;
    this.c4 = (y * (y - 1) * (y - 2) * (y - 3)) / 24;
  }

  /** The tables and series coefficients, for the WebAssembly layout kernel (layout-wasm.ts), which repeats `of`. */
  tables(): {
    exponent: number;
    series: [number, number, number, number];
    powersOfTwo: Float64Array;
    inversePowersOfTwo: Float64Array;
    mantissaPowers: Float64Array;
    mantissaInverses: Float64Array;
  } {
    const { exponent, powersOfTwo, inversePowersOfTwo, mantissaPowers, mantissaInverses } = this;
    return {
      exponent,
      series: [this.c1, this.c2, this.c3, this.c4],
      powersOfTwo,
      inversePowersOfTwo,
      mantissaPowers,
      mantissaInverses,
    };
  }

  /** x^exponent; falls back to Math.pow outside the normal positive doubles (0, subnormals, Infinity, NaN). */
  of(x: number): number {
    scratch[0] = x;
    const high = scratchWords[1];
    const biased = (high >>> 20) & 0x7ff;
    if (high <= 0 || biased === 0 || biased === 0x7ff) return Math.pow(x, this.exponent);
    const index = (high >>> (20 - TABLE_BITS)) & (TABLE_SIZE - 1);
    // m = x / 2^e is exact (a power-of-two scaling); r = m / m0 - 1.
    const r = x * this.inversePowersOfTwo[biased] * this.mantissaInverses[index] - 1;
    const series = 1 + r * (this.c1 + r * (this.c2 + r * (this.c3 + r * this.c4)));
    return this.powersOfTwo[biased] * this.mantissaPowers[index] * series;
  }
}
