// Argument parsing and failure messages of the dev command. Node built-ins only: this must work even
// when the workspace's dependencies are not installed.

export const usage = `Usage: npm run dev [-- --port <port>]

Starts a local chain with CommonGuard deployed and seeded, builds the wallet extension, serves the
demo shop (http://localhost:5174) and the dApp (http://localhost:5173), and keeps it all running
until Ctrl-C.

Options:
  --port <port>  the port anvil listens on (default 8545)
  --help         show this help`;

export type Options = { port: number };

export function parseArguments(argv: readonly string[]): Options | string {
  const options: Options = { port: 8545 };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    if (argument === '--help' || argument === '-h') return usage;
    let value: string | undefined;
    if (argument === '--port') value = argv[++i];
    else if (argument.startsWith('--port=')) value = argument.slice('--port='.length);
    else if (argument === '--') continue;
    else return `Unknown option "${argument}".\n\n${usage}`;
    const port = Number(value);
    if (!value || !Number.isInteger(port) || port < 1 || port > 65_535) {
      return `--port must be a port number from 1 to 65535, got ${value === undefined ? 'nothing' : `"${value}"`}.`;
    }
    options.port = port;
  }
  return options;
}

export function describeFailure(error: unknown, port: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'PortInUseError') {
    const busy = (error as { port?: number }).port ?? port;
    // Only anvil's port is chosen on the command line; other parts of the stack have fixed ports.
    return busy === port
      ? `port ${busy} is in use — stop the other process or run with --port ${busy + 1}`
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
