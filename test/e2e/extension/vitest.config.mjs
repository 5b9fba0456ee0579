import { defineConfig } from 'vitest/config';

// The extension's browser tests: each file starts its own real browser, anvil and shop (free ports, a
// fresh profile), and runs its tests one after another. Two files run side by side: most of a browser
// test's time is spent waiting (for a window, a block, an auto-lock), not computing.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.e2e.test.mjs'],
    testTimeout: 60_000,
    hookTimeout: 180_000, // above the deploy step's own 120 s limit, so its error (with forge's output) is what shows
    fileParallelism: true,
    maxWorkers: 2,
    // A shared 2-core CI machine can be slow to open a window; waiting longer costs nothing when it is fast.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
