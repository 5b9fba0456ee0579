import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: every route renders in the browser; `index.html` answers unknown paths.
    adapter: adapter({ fallback: 'index.html', strict: false }),
    alias: { $test: 'test' },
  },
};

export default config;
