/** Each stage's start, end and time, told to the run's `Reporter` and kept for the run log. */
import type { Reporter, SegmentRun, Stage } from './types.js';

export class StageTimer {
  readonly timings: SegmentRun['timings'] = {};

  constructor(readonly reporter: Reporter) {}

  /** Runs `work` as `stage`: reported as started now, timed, and reported as ended with `detail` of its result. */
  async timed<T>(stage: Stage, work: () => T | Promise<T>, detail?: (result: T) => string | undefined): Promise<T> {
    this.reporter.start(stage);
    const started = performance.now();
    const result = await work();
    this.timings[stage] = Math.round(performance.now() - started);
    this.reporter.end(stage, detail?.(result));
    return result;
  }

  /** A stage's time as measured where it ran (a worker's own clock, which does not count this thread's other work). */
  record(stage: Stage, ms: number): void {
    this.timings[stage] = ms;
  }
}
