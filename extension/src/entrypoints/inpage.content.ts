import { defineContentScript } from '#imports';
import { installProvider } from '../inpage/install.js';

// MAIN world at document_start: the provider exists before any page script runs.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  world: 'MAIN',
  allFrames: false,
  main() {
    installProvider(window);
  },
});
