import { join } from 'node:path';
import { repositoryRoot, runCommand } from '@commonguard/sdk/testing';
import type { ChainContext } from './chainSteps.js';
import { processStep } from './processStep.js';
import type { StackStep } from './runStack.js';

/** The ports the dApp and the demo shop are served on (`--dapp-port`, `--shop-port`). */
export type AppContext = ChainContext & { dappPort: number; shopPort: number };

/** Where `wxt build` puts the Chromium build of the wallet. */
const EXTENSION_BUILD = join('extension', '.output', 'chrome-mv3');

/** The parts people use on top of the chain: the wallet extension, the demo shop, the dApp. */
export function appSteps<context extends AppContext>(): StackStep<context>[] {
  return [
    {
      title: `Build the wallet extension (${EXTENSION_BUILD})`,
      start: async (context) => {
        await runCommand({ command: 'pnpm', args: ['--dir', 'extension', 'run', 'build'] });
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
      title: (context) => `Serve the demo shop on http://localhost:${context.shopPort}`,
      // With the chain's RPC, the shop also sells over x402, settled there by its local facilitator.
      command: (context) => ['node', join('examples', 'shop', 'serve.mjs'), '--port', String(context.shopPort), ...(context.rpcUrl ? ['--rpc', context.rpcUrl] : [])],
      cwd: repositoryRoot,
      port: (context) => context.shopPort,
      summary: (context) => ({
        title: 'Demo shop',
        lines: [
          `http://localhost:${context.shopPort}  and its look-alike http://scam.localhost:${context.shopPort}`,
          'the seeded policy trusts http://localhost:5174 (and the dApp on http://localhost:5173) and blocks http://scam.localhost:5174',
          `micropayments (x402): the newsletter at http://localhost:${context.shopPort}, 0.05 cgUSD an issue; the first issue asks the wallet once for a payment session, the next ones need no window`,
        ],
      }),
    }),
    processStep<context>({
      title: (context) => `Serve the dApp on http://localhost:${context.dappPort}`,
      command: (context) => ['pnpm', '--dir', 'dapp', 'exec', 'vite', 'dev', '--host', '127.0.0.1', '--port', String(context.dappPort), '--strictPort'],
      cwd: repositoryRoot,
      env: (context) => ({ ...process.env, PUBLIC_RPC_URL: context.rpcUrl, PUBLIC_CHAIN_ID: String(context.deployment?.chainId ?? 31337) }),
      port: (context) => context.dappPort,
      // The first start compiles the dApp's dependencies.
      timeout: 120_000,
      summary: (context) => ({ title: 'dApp', lines: [`http://localhost:${context.dappPort}`] }),
    }),
  ];
}
