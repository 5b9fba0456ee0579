import { defineConfig } from 'vitest/config';

// The extension's browser tests: one real Chromium, one real anvil, run one test after another.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.e2e.test.mjs'],
    testTimeout: 60_000,
    hookTimeout: 180_000, // above the deploy step's own 120 s limit, so its error (with forge's output) is what shows
    fileParallelism: false,
    // A shared 2-core CI machine can be slow to open a window; waiting longer costs nothing when it is fast.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
