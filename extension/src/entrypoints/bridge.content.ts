import { defineContentScript } from '#imports';
import { startBridge } from '../bridge/relay.js';

// ISOLATED world: the only page-facing script with extension APIs. It checks every message.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: false,
  main() {
    startBridge({ window });
  },
});
