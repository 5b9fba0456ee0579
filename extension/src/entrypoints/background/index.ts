import { defineBackground } from '#imports';
import { startWallet } from '../../background/wallet.js';

export default defineBackground({
  type: 'module',
  main() {
    startWallet();
  },
});
