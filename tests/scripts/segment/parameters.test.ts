import { describe, expect, it } from 'vitest';
import { SEGMENT_DEFAULTS } from '../../../scripts/document/segment-command.js';
import {
  CLUSTER_EMBED_PARAMS,
  embeddingFor,
  MIXTURE_SETTINGS,
  resolveParameters,
} from '../../../scripts/segment/parameters.js';

describe('resolveParameters', () => {
  it("gives every choice left out `npm run segment`'s default", () => {
    const p = resolveParameters();
    expect(p).toMatchObject({
      seed: SEGMENT_DEFAULTS.seed,
      clusters: SEGMENT_DEFAULTS.clusters,
      init: SEGMENT_DEFAULTS.init,
      reruns: SEGMENT_DEFAULTS.reruns,
      selectK: false,
      synthetic: false,
      publish: 'consensus',
    });
    expect(p.mixture).toEqual({ ...MIXTURE_SETTINGS, init: SEGMENT_DEFAULTS.mixtureInit });
    expect(p.threads).toBeGreaterThanOrEqual(1);
  });

  it('keeps what was chosen', () => {
    const p = resolveParameters({
      seed: 4,
      clusters: 3,
      init: 'random',
      mixtureInit: 'k-means++',
      reruns: 2,
      singleRun: true,
      threads: 2,
      selectK: true,
      synthetic: true,
    });
    expect(p).toEqual({
      seed: 4,
      clusters: 3,
      init: 'random',
      mixture: { ...MIXTURE_SETTINGS, init: 'k-means++' },
      reruns: 2,
      publish: 'single-run',
      threads: 2,
      selectK: true,
      synthetic: true,
    });
  });

  it('publishes the single run when there are no re-runs to build a consensus of', () => {
    expect(resolveParameters({ reruns: 0 }).publish).toBe('single-run');
    expect(resolveParameters({ reruns: 1 }).publish).toBe('consensus');
  });
});

describe('embeddingFor', () => {
  it("sets the epochs by UMAP's rule for the rows embedded, and the run's start", () => {
    expect(embeddingFor(CLUSTER_EMBED_PARAMS, 10_000, 'spectral')).toEqual({
      ...CLUSTER_EMBED_PARAMS,
      nEpochs: 500,
      init: 'spectral',
    });
    expect(embeddingFor(CLUSTER_EMBED_PARAMS, 10_001, 'random')).toEqual({
      ...CLUSTER_EMBED_PARAMS,
      nEpochs: 200,
      init: 'random',
    });
  });
});
