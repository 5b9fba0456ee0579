import { defineConfig } from 'vitest/config';

// The extension's browser tests: each file starts its own real browser, anvil and shop (free ports, a
// fresh profile). Files run one after another: two side by side took 4.8 min instead of 8, but on two
// cores one run in five had a window slower than a test's 30 s wait. Only a file that mostly waits in
// real time runs beside them (see run.mjs).
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
