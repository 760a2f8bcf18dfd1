/**
 * End-to-end tests of the built site in Chromium (playwright-core, system Chromium at /usr/bin/chromium or
 * CHROMIUM_PATH). Run: npx vitest run --config tests/e2e/vitest.config.ts
 * By default they build the fixture site themselves; E2E_DIST (and E2E_BASE) test an existing build.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
