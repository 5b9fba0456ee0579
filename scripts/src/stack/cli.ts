// Argument parsing and failure messages of the dev command. Node built-ins only: this must work even
// when the workspace's dependencies are not installed.

export const usage = `Usage: npm run dev [-- --port <port>] [--dapp-port <port>] [--shop-port <port>]

Starts a local chain with CommonGuard deployed and seeded, builds the wallet extension, serves the
demo shop and the dApp, and keeps it all running until Ctrl-C.

Options:
  --port <port>       the port anvil listens on (default 8545)
  --dapp-port <port>  the port the dApp is served on (default 5173)
  --shop-port <port>  the port the demo shop is served on (default 5174; the seeded policy trusts
                      http://localhost:5174, so on another port the shop is an unknown site)
  --help              show this help`;

export type Options = { port: number; dappPort: number; shopPort: number };

/** Each option and the field it sets. */
const portOptions = { '--port': 'port', '--dapp-port': 'dappPort', '--shop-port': 'shopPort' } as const;

export function parseArguments(argv: readonly string[]): Options | string {
  const options: Options = { port: 8545, dappPort: 5173, shopPort: 5174 };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    if (argument === '--help' || argument === '-h') return usage;
    if (argument === '--') continue;
    const [flag, inline] = argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    if (!Object.hasOwn(portOptions, flag)) return `Unknown option "${argument}".\n\n${usage}`;
    const value = inline ?? argv[++i];
    const port = Number(value);
    if (!value || !Number.isInteger(port) || port < 1 || port > 65_535) {
      return `${flag} must be a port number from 1 to 65535, got ${value === undefined ? 'nothing' : `"${value}"`}.`;
    }
    options[portOptions[flag as keyof typeof portOptions]] = port;
  }
  const ports = [options.port, options.dappPort, options.shopPort];
  if (new Set(ports).size !== ports.length) return `The chain, the dApp and the shop need three different ports, got ${ports.join(', ')}.`;
  return options;
}

export function describeFailure(error: unknown, options: Options): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'PortInUseError') {
    const busy = (error as { port?: number }).port ?? options.port;
    // Name the option that moves the part whose port is taken.
    const flag = (Object.keys(portOptions) as (keyof typeof portOptions)[]).find((key) => options[portOptions[key]] === busy);
    const taken = new Set([options.port, options.dappPort, options.shopPort]);
    let next = busy + 1;
    while (taken.has(next)) next++;
    return flag
      ? `port ${busy} is in use — stop the other process or run with ${flag} ${next}`
      : `port ${busy} is in use — stop the other process that uses it`;
  }
  if ((error as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND') {
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec((error as Error).message)?.[1] ?? 'a package';
    return `A dependency is missing (${missing}). Run \`npm run dev\` at the repository root: it installs what is needed.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Expected failures are explained in their message; a stack trace only helps with a bug.
  return process.env.COMMONGUARD_DEBUG && error instanceof Error && error.stack ? error.stack : message;
}
