import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yearsToPublish } from '../../../src/lib/load.js';
import { siteInputs } from '../../../src/settings/env.js';
import { fixtureDocs } from '../../helpers/site-build.js';

describe('which years a build publishes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'publish-years-'));
  const [doc2019, doc2020] = fixtureDocs();
  // 2019 real, 2020 the synthetic demo: the situation of an analyst who ran the demo and then a real year.
  writeFileSync(join(dir, 'segmentation-2019.json'), JSON.stringify({ ...doc2019, synthetic: false }));
  writeFileSync(join(dir, 'segmentation-2020.json'), JSON.stringify({ ...doc2020, synthetic: true }));

  it('never shows the synthetic demo in a real build, and says why it left it out', () => {
    const { years, skipped } = yearsToPublish(dir, 'real');
    expect(years).toEqual([2019]);
    expect(skipped).toEqual([
      {
        year: 2020,
        reason: expect.stringMatching(/segmentation-2020\.json is the synthetic demo; a real build never shows it/),
      },
    ]);
  });

  it('shows only the demo in a demo build', () => {
    const { years, skipped } = yearsToPublish(dir, 'demo');
    expect(years).toEqual([2020]);
    expect(skipped.map((s) => s.year)).toEqual([2019]);
  });

  it('reads the mode from SITE_MODE, real unless told otherwise', () => {
    expect(siteInputs({}).mode).toBe('real');
    expect(siteInputs({ SITE_MODE: 'demo' }).mode).toBe('demo');
    expect(() => siteInputs({ SITE_MODE: 'both' })).toThrow(/SITE_MODE=both: expected "real" .* or "demo"/);
  });
});
