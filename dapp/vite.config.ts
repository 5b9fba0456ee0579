import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  // Build-time defaults; a `config.json` served next to index.html can override them at run time.
  const env = { ...loadEnv(mode, process.cwd(), 'PUBLIC_'), ...process.env };
  const publicConfig = {
    rpcUrl: env.PUBLIC_RPC_URL || 'http://127.0.0.1:8545',
    chainId: Number(env.PUBLIC_CHAIN_ID || 31337),
    subgraphUrl: env.PUBLIC_SUBGRAPH_URL || null,
  };
  return {
    plugins: [sveltekit()],
    define: { __COMMONGUARD_CONFIG__: JSON.stringify(publicConfig) },
    server: { fs: { allow: ['..'] } },
    test: {
      include: ['src/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 180_000, // above the deploy step's own 120 s limit, so its error (with forge's output) is what shows
      fileParallelism: false,
    },
  };
});
