import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000, // above the deploy step's own 120 s limit, so its error (with forge's output) is what shows
  },
});
