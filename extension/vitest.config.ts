import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['src/**/*.test.ts'],
    // Node 20 has the browser's WebSocket behind a flag (the head watcher's tests use it against anvil).
    execArgv: typeof WebSocket === 'undefined' ? ['--experimental-websocket'] : [],
    testTimeout: 30_000,
    hookTimeout: 180_000, // above the deploy step's own 120 s limit, so its error (with forge's output) is what shows
  },
});
