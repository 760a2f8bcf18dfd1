/**
 * Seeded randomness for every stochastic stage. Stages take a `Random` (a function returning a float in
 * [0, 1)) instead of calling Math.random, so tests and runs with the same seed give the same output.
 */
export type Random = () => number;

/** mulberry32: a small, fast 32-bit generator; good enough for initialisation and sampling. */
export function createRandom(seed: number): Random {
  let state = (seed ^ 0x9e3779b9) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A derived, independent stream for a named sub-stage, so adding a stage does not shift another's draws. */
export function deriveRandom(seed: number, stage: string): Random {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < stage.length; i++) h = Math.imul(h ^ stage.charCodeAt(i), 16777619);
  return createRandom(h >>> 0);
}

/** A standard normal draw (Box–Muller from two uniforms; 1 − u keeps the logarithm's argument in (0, 1]). */
export function standardNormal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}
