// The local stack: anvil on 127.0.0.1:8545 (or --port), the contracts deployed, the demo seeded through
// governance, a summary of what is where; it stays up until Ctrl-C. Run from the repository root with
// `npm run dev` (which installs what is missing first) or `pnpm --dir scripts dev`.
//
// Only Node built-ins are imported at the top, so a missing dependency gets a sentence, not a trace.

const usage = `Usage: npm run dev [-- --port <port>]

Starts a local chain with CommonGuard deployed and seeded, and keeps it running until Ctrl-C.

Options:
  --port <port>  the port anvil listens on (default 8545)
  --help         show this help`;

type Options = { port: number };

function parseArguments(argv: readonly string[]): Options | string {
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

function describeFailure(error: unknown, port: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'PortInUseError') {
    const busy = (error as { port?: number }).port ?? port;
    return `port ${busy} is in use — stop the other process or run with --port ${busy + 1}`;
  }
  if ((error as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND') {
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec((error as Error).message)?.[1] ?? 'a package';
    return `A dependency is missing (${missing}). Run \`npm run dev\` at the repository root: it installs what is needed.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Expected failures are explained in their message; a stack trace only helps with a bug.
  return process.env.COMMONGUARD_DEBUG && error instanceof Error && error.stack ? error.stack : message;
}

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
    process.stdout.write('CommonGuard local stack\n');
    return await runStack({
      steps: chainSteps(),
      context: { port: parsed.port, summary: [], log: () => {} },
      describeFailure: (error) => describeFailure(error, parsed.port),
    });
  } catch (error) {
    process.stderr.write(`\n✖ ${describeFailure(error, parsed.port)}\n`);
    return 1;
  }
}

process.exitCode = await main();
