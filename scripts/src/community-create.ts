// `npm run community:create -- --config <file.json> --rpc-url <url> --private-key <key> [--broadcast]`:
// see community/arguments.ts for the options. The community's addresses are the only thing on stdout.
import { runCreateCommunity } from './community/run.js';

process.exitCode = await runCreateCommunity(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
