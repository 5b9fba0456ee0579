// Arguments of `npm run community:create`. Each mistake gets one sentence that says what to do.

export const usage = `Usage: npm run community:create -- --config <file.json> --rpc-url <url> --private-key <key> [--chain-id <id>] [--broadcast]

Creates a community (token, governor, timelock, treasury and payment rules) in one transaction
through the chain's CommunityFactory, deploying the factory first where the chain has none.
Without --broadcast it is a dry run: it checks everything, sends nothing and says what it would create.

Options:
  --config <file.json>  the community's config, in the deploy config's shape (see contracts/config/example.json)
  --rpc-url <url>       the chain's JSON-RPC URL
  --private-key <key>   the key that pays the fees and is recorded as the creator (0x and 64 hex digits)
  --chain-id <id>       refuse to run unless the RPC serves this chain
  --broadcast           send the transactions (without it nothing is sent)
  --deployments <dir>   where deployments/<chainId>.json is read and written (default deployments/)
  --help                show this help

The new community's addresses are printed as JSON on standard output; progress goes to standard error.`;

export type CreateCommunityOptions = {
  config: string;
  rpcUrl: string;
  privateKey: `0x${string}`;
  chainId?: number | undefined;
  broadcast: boolean;
  deploymentsDir?: string | undefined;
};

const valueOptions = {
  '--config': 'config',
  '--rpc-url': 'rpcUrl',
  '--private-key': 'privateKey',
  '--chain-id': 'chainId',
  '--deployments': 'deploymentsDir',
} as const;

/** The options, `{ help }` for --help, or `{ error }`: one sentence saying what to fix. */
export function parseArguments(argv: readonly string[]): CreateCommunityOptions | { help: string } | { error: string } {
  const values: Partial<Record<(typeof valueOptions)[keyof typeof valueOptions], string>> = {};
  let broadcast = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    if (argument === '--') continue;
    if (argument === '--help' || argument === '-h') return { help: usage };
    if (argument === '--broadcast') {
      broadcast = true;
      continue;
    }
    const equals = argument.indexOf('=');
    const flag = equals > 0 ? argument.slice(0, equals) : argument;
    if (!Object.hasOwn(valueOptions, flag)) return { error: `Unknown option "${argument}"; run with --help to see the options.` };
    const value = equals > 0 ? argument.slice(equals + 1) : argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) return { error: `${flag} needs a value; run with --help to see the options.` };
    values[valueOptions[flag as keyof typeof valueOptions]] = value;
  }
  for (const flag of ['--config', '--rpc-url', '--private-key'] as const) {
    if (values[valueOptions[flag]] === undefined) return { error: `${flag} is missing; run with --help to see the options.` };
  }
  const privateKey = values.privateKey ?? '';
  // Never echo the key: a mistyped key is still mostly a secret.
  if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) {
    return { error: 'The private key is malformed: it must be 0x followed by 64 hexadecimal digits; check that you copied all of it.' };
  }
  let chainId: number | undefined;
  if (values.chainId !== undefined) {
    chainId = Number(values.chainId);
    if (!Number.isSafeInteger(chainId) || chainId < 1) return { error: `--chain-id must be a whole number above 0, got "${values.chainId}".` };
  }
  return {
    config: values.config ?? '',
    rpcUrl: values.rpcUrl ?? '',
    privateKey: privateKey as `0x${string}`,
    chainId,
    broadcast,
    deploymentsDir: values.deploymentsDir,
  };
}
