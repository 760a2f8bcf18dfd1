/**
 * Progress on stderr: one line per stage with its time, and a bar through the embedding epochs (plain
 * percentage lines when stderr is not a terminal, so CI logs stay readable).
 */
import cliProgress from 'cli-progress';
import type { Reporter, Stage } from '../segment/types.js';

const STAGE_NAMES: Record<Stage, string> = {
  read: 'read survey',
  encode: 'encode answers',
  map: 'map everyone (UMAP 2-D)',
  split: 'split professionals',
  embed: 'embed professionals (UMAP 4-D)',
  'professional-map': 'map professionals (UMAP 2-D)',
  stability: 're-run the clustering space and mixture (stability)',
  cluster: 'fit Gaussian mixture',
  consensus: 'publish segments (consensus and stability)',
  'select-k': 'BIC for k = 2..15',
  profile: 'profile segments',
};

export function stderrReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  const started = new Map<Stage, number>();
  let bar: cliProgress.SingleBar | null = null;
  let lastPercent = -1;
  const stopBar = () => {
    bar?.stop();
    bar = null;
    lastPercent = -1;
  };
  return {
    start(stage) {
      started.set(stage, performance.now());
      if (!stream.isTTY) stream.write(`${STAGE_NAMES[stage]}...\n`);
    },
    progress(stage) {
      return (done, total) => {
        if (stream.isTTY) {
          if (!bar) {
            bar = new cliProgress.SingleBar(
              {
                stream,
                format: `${STAGE_NAMES[stage]} [{bar}] {percentage}% | {value}/{total}`,
                hideCursor: true,
                clearOnComplete: true,
              },
              cliProgress.Presets.shades_classic,
            );
            bar.start(total, 0);
          }
          bar.update(done);
          return;
        }
        const percent = Math.floor((done / total) * 10) * 10;
        if (percent !== lastPercent) {
          lastPercent = percent;
          stream.write(`  ${STAGE_NAMES[stage]}: ${percent}% (${done}/${total})\n`);
        }
      };
    },
    notice(message) {
      stopBar();
      stream.write(`! ${message}\n`);
    },
    end(stage, detail) {
      stopBar();
      const ms = performance.now() - (started.get(stage) ?? performance.now());
      stream.write(`✓ ${STAGE_NAMES[stage]} (${(ms / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}\n`);
    },
  };
}
