import { defineContentScript } from '#imports';
import { startBridge } from '../bridge/relay.js';

// ISOLATED world: the only page-facing script with extension APIs. It checks every message.
// It starts once the DOM is parsed, so it adds nothing to the page's DOMContentLoaded; the provider
// (document_start) holds any earlier request until the bridge says it is ready.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_end',
  allFrames: false,
  main() {
    startBridge({ window });
  },
});
