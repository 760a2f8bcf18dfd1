/**
 * Stage 5 (clustering-space.ts): the professionals' map embeds on the clustering space's graph, each re-run
 * searches its own, and the bytes are the same whatever the number of worker threads.
 */
import { describe, expect, it } from 'vitest';
import { deriveRandom } from '../../../scripts/infra/random.js';
import { STREAMS } from '../../../scripts/infra/streams.js';
import {
  type ClusteringSpaces,
  embedClusteringSpaces,
  embeddingThreads,
} from '../../../scripts/segment/clustering-space.js';
import { SpaceWorkers } from '../../../scripts/segment/embed-parallel.js';
import { embed } from '../../../scripts/segment/embedding/embed.js';
import { jaccardNeighboursExact } from '../../../scripts/segment/embedding/neighbours.js';
import { resolveParameters } from '../../../scripts/segment/parameters.js';
import { StageTimer } from '../../../scripts/segment/stage-timer.js';
import { silentReporter } from '../../../scripts/segment/types.js';
import { plantedRows } from '../../helpers/planted-rows.js';

const professionals = plantedRows(240, 30, 3, 17, 0.3, 0.1);

async function stage5(threads: number): Promise<ClusteringSpaces<string>> {
  const parameters = resolveParameters({ seed: 3, reruns: 3, clusters: 3, threads });
  const workers = new SpaceWorkers(parameters.seed, embeddingThreads(parameters));
  try {
    return await embedClusteringSpaces(
      professionals,
      parameters,
      workers,
      new StageTimer(silentReporter),
      () => {},
      async () => 'alongside',
    ).all;
  } finally {
    await workers.close();
  }
}

describe('embedClusteringSpaces', () => {
  it('embeds the professionals map on the clustering space graph, and lets every re-run search its own', async () => {
    const spaces = await stage5(2);
    expect(spaces.alongside).toBe('alongside');
    expect(spaces.rerunLabels).toHaveLength(3);
    // The clustering space, the professionals' map, then the three re-runs.
    expect(spaces.phases.map((p) => p.searched)).toEqual([true, false, true, true, true]);
    expect(spaces.phases[1]).toMatchObject({ graphMs: 0 });
    expect(spaces.phases.every((p) => p.updates > 0)).toBe(true);
    // Under 4,000 rows the search is exact: the shared graph is the one each would have built from its own
    // search, so each keeps the bytes it gets from its own stream on the exact neighbours.
    const neighbours = jaccardNeighboursExact(professionals, 15);
    const own = (params: typeof spaces.spaceParams, stream: string) =>
      Array.from(embed(professionals, params, { random: deriveRandom(3, stream), neighbours }).data);
    expect(Array.from(spaces.professionalMap.data)).toEqual(own(spaces.professionalMapParams, STREAMS.professionalMap));
    expect(Array.from(spaces.space.data)).toEqual(
      Array.from(
        embed(professionals, spaces.spaceParams, { random: deriveRandom(3, STREAMS.clustering.embedding) }).data,
      ),
    );
  }, 60_000);

  it('gives the same bytes on one worker thread and on two', async () => {
    const [one, two] = [await stage5(1), await stage5(2)];
    expect(one.phases.map((p) => p.searched)).toEqual(two.phases.map((p) => p.searched));
    expect(Buffer.from(one.space.data.buffer).equals(Buffer.from(two.space.data.buffer))).toBe(true);
    expect(Buffer.from(one.professionalMap.data.buffer).equals(Buffer.from(two.professionalMap.data.buffer))).toBe(
      true,
    );
    expect(one.rerunLabels.map((l) => Array.from(l))).toEqual(two.rerunLabels.map((l) => Array.from(l)));
  }, 120_000);
});
