import { parseArguments } from './arguments.js';
import { createCommunity } from './createCommunity.js';
import { CreateCommunityFailure } from './failure.js';

export type Output = { stdout: (text: string) => void; stderr: (text: string) => void };

/** Runs the command; returns the exit code (0 done, 1 refused or failed, 2 bad arguments). */
export async function runCreateCommunity(argv: readonly string[], output: Output): Promise<number> {
  const options = parseArguments(argv);
  if ('help' in options) {
    output.stderr(`${options.help}\n`);
    return 0;
  }
  if ('error' in options) {
    output.stderr(`✖ ${options.error}\n`);
    return 2;
  }
  try {
    const result = await createCommunity(options, (line) => output.stderr(`· ${line}\n`));
    output.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CreateCommunityFailure) {
      output.stderr(`✖ ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    output.stderr(`✖ ${message.split('\n')[0]}\n`);
    return 1;
  }
}
