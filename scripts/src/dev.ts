// The local stack: anvil on 127.0.0.1:8545 (or --port), the contracts deployed, the demo seeded through
// governance, the wallet extension built, the demo shop on 5174 and the dApp on 5173, a summary of
// what is where; it stays up until Ctrl-C. Run from the repository root with
// `npm run dev` (which installs what is missing first) or `pnpm --dir scripts dev`.
//
// Only Node built-ins are imported at the top, so a missing dependency gets a sentence, not a trace.

import { describeFailure, parseArguments, usage } from './stack/cli.js';

async function main(): Promise<number> {
  const parsed = parseArguments(process.argv.slice(2));
  if (typeof parsed === 'string') {
    const isHelp = parsed === usage;
    (isHelp ? process.stdout : process.stderr).write(`${parsed}\n`);
    return isHelp ? 0 : 2;
  }
  try {
    const { runStack } = await import('./stack/runStack.js');
    const { chainSteps } = await import('./stack/chainSteps.js');
    const { appSteps } = await import('./stack/appSteps.js');
    process.stdout.write('CommonGuard local stack\n');
    return await runStack({
      steps: [...chainSteps(), ...appSteps()],
      context: { port: parsed.port, dappPort: parsed.dappPort, shopPort: parsed.shopPort, summary: [], log: () => {} },
      describeFailure: (error) => describeFailure(error, parsed),
    });
  } catch (error) {
    process.stderr.write(`\n✖ ${describeFailure(error, parsed)}\n`);
    return 1;
  }
}

process.exitCode = await main();
