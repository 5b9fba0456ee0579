import { defineConfig } from 'vitest/config';

// The extension's browser tests: one real Chromium, one real anvil, run one test after another.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.e2e.test.mjs'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
