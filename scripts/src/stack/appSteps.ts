import { join } from 'node:path';
import { repositoryRoot } from '@commonguard/sdk/testing';
import type { ChainContext } from './chainSteps.js';
import { processStep } from './processStep.js';
import { runOnce } from './runOnce.js';
import type { StackStep } from './runStack.js';

/** Fixed ports: the seed trusts the shop's origin (http://localhost:5174), so it cannot move. */
export const DAPP_PORT = 5173;
export const SHOP_PORT = 5174;

/** Where `wxt build` puts the Chromium build of the wallet. */
const EXTENSION_BUILD = join('extension', '.output', 'chrome-mv3');

/** The parts people use on top of the chain: the wallet extension, the demo shop, the dApp. */
export function appSteps<context extends ChainContext>(): StackStep<context>[] {
  return [
    {
      title: `Build the wallet extension (${EXTENSION_BUILD})`,
      start: async (context) => {
        await runOnce(['pnpm', '--dir', 'extension', 'run', 'build']);
        context.summary.push({
          title: 'Wallet extension (Chromium)',
          lines: [
            `1. open chrome://extensions and switch on "Developer mode"`,
            `2. "Load unpacked" → choose ${EXTENSION_BUILD} in this repository`,
            `3. in the wallet, import the shopper's key (account 6 above) and set the RPC URL to ${context.rpcUrl ?? 'the chain above'} if it is not the default`,
          ],
        });
      },
    },
    processStep<context>({
      title: `Serve the demo shop on http://localhost:${SHOP_PORT}`,
      command: () => ['node', join('examples', 'shop', 'serve.mjs'), '--port', String(SHOP_PORT)],
      cwd: repositoryRoot,
      port: SHOP_PORT,
      summary: () => ({
        title: 'Demo shop',
        lines: [`http://localhost:${SHOP_PORT}  (trusted by the seeded policy; http://scam.localhost:${SHOP_PORT} is the blocked copy)`],
      }),
    }),
    processStep<context>({
      title: `Serve the dApp on http://localhost:${DAPP_PORT}`,
      command: () => ['pnpm', '--dir', 'dapp', 'run', 'dev'],
      cwd: repositoryRoot,
      env: (context) => ({ ...process.env, PUBLIC_RPC_URL: context.rpcUrl, PUBLIC_CHAIN_ID: String(context.deployment?.chainId ?? 31337) }),
      port: DAPP_PORT,
      timeout: 120_000,
      summary: () => ({ title: 'dApp', lines: [`http://localhost:${DAPP_PORT}`] }),
    }),
  ];
}
