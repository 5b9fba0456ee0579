import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommonGuardError } from '../errors/base.js';

export type FoundryTool = 'anvil' | 'forge' | 'cast';

export type FoundryNotFoundErrorType = FoundryNotFoundError & { name: 'FoundryNotFoundError' };

/** A Foundry binary (anvil, forge, cast) could not be found. */
export class FoundryNotFoundError extends CommonGuardError {
  override name = 'FoundryNotFoundError' as const;
  readonly tool: FoundryTool;

  constructor({ tool }: { tool: FoundryTool }) {
    super(`${tool} is not installed.`, {
      metaMessages: [
        `It comes from the npm package @foundry-rs/${tool}: run \`npm run dev\` or \`pnpm install\` at the repository root.`,
      ],
    });
    this.tool = tool;
  }
}

/** The repository root (this file is sdk/src/testing/foundry.ts). */
export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Finds a Foundry binary: `<TOOL>_BINARY` from the environment, then the platform package that
 * `@foundry-rs/<tool>` installs, then `node_modules/.bin`, then the PATH.
 */
export function findFoundryBinary(tool: FoundryTool): string {
  const fromEnv = process.env[`${tool.toUpperCase()}_BINARY`];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;

  const candidates: string[] = [];
  const platformPackage = `@foundry-rs/${tool}-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const binary = process.platform === 'win32' ? `${tool}.exe` : tool;
  try {
    const require = createRequire(import.meta.url);
    candidates.push(join(dirname(require.resolve(`${platformPackage}/package.json`)), 'bin', binary));
  } catch {
    // Not resolvable from here; the other places may still have it.
  }
  candidates.push(join(repositoryRoot, 'node_modules', '.bin', binary));
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder) candidates.push(join(folder, binary));
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new FoundryNotFoundError({ tool });
  return found;
}
