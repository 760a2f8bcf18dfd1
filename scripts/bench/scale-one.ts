/**
 * One size of `npm run bench -- --scale`, in a process of its own so that its peak memory is its own:
 * generates the synthetic survey of N respondents, segments it, and prints one JSON line of stage times,
 * the peak RSS after each stage (the high-water mark so far: stages overlap) and the total.
 * usage: tsx scripts/bench/scale-one.ts <respondents> <stability re-runs>
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInConfigPath, loadConfig } from '../config/load.js';
import { writeDemoSurvey } from '../demo/generate.js';
import { resolveParameters } from '../segment/parameters.js';
import { runSegmentation } from '../segment/pipeline.js';
import type { Reporter } from '../segment/types.js';

const [respondents, stability] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
try {
  const path = join(dir, 'kaggle_survey_2020_responses.csv');
  writeSurveyFile(path, respondents);
  const peakMb: Record<string, number> = {};
  const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);
  const reporter: Reporter = { start() {}, progress: () => () => {}, end: (stage) => (peakMb[stage] = rss()) };
  const started = performance.now();
  const run = await runSegmentation(
    {
      input: path,
      config: loadConfig(builtInConfigPath(2020)),
      parameters: resolveParameters({ synthetic: true, reruns: stability }),
    },
    reporter,
  );
  const totalMs = Math.round(performance.now() - started);
  console.log(
    JSON.stringify({
      respondents,
      professionals: run.document.counts.professionals,
      timings: run.timings,
      peakMb,
      totalMs,
      peakRssMb: rss(),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The synthetic survey written in chunks as it is drawn: held whole as one string, it set this process's
 * peak RSS (1.9 GB at 250,000 respondents) before the segmentation began.
 */
function writeSurveyFile(path: string, respondents: number): void {
  const fd = openSync(path, 'w');
  try {
    let chunk: string[] = [];
    writeDemoSurvey({ seed: 0, respondents }, (line) => {
      chunk.push(line);
      if (chunk.length === 1000) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    });
    if (chunk.length > 0) writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
}
