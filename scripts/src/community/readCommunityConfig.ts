// Reads a community config with the deploy script's own reader (contracts/script/02_CommunityConfig.s.sol),
// so `community:create` and the deploy script accept exactly the same files and refuse the same settings.
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AbiParameterToPrimitiveType,
  type Hex,
  decodeAbiParameters,
  decodeErrorResult,
  parseAbi,
} from 'viem';
import { communityFactoryAbi } from '@commonguard/sdk';
import { CommandFailedError, findFoundryBinary, repositoryRoot, runCommand } from '@commonguard/sdk/testing';
import { CreateCommunityFailure } from './failure.js';

const createCommunity = communityFactoryAbi.find(
  (item): item is Extract<(typeof communityFactoryAbi)[number], { name: 'createCommunity' }> =>
    item.type === 'function' && item.name === 'createCommunity',
);
if (!createCommunity) throw new Error('communityFactoryAbi has no createCommunity: regenerate the sdk ABIs');
const configParameter = createCommunity.inputs[0];

/** The factory's `CommunityConfig`, as viem takes it for `createCommunity`. */
export type CommunityConfig = AbiParameterToPrimitiveType<typeof configParameter>;

const deployConfigError = parseAbi(['error DeployConfigInvalid(string path, string reason)']);

/**
 * Reads and checks the config file at `path` and returns the factory's config. Throws a
 * {@link CreateCommunityFailure} that says what to fix when the file cannot be read, is not JSON, or the
 * deploy script's reader refuses it.
 */
export async function readCommunityConfig(path: string): Promise<CommunityConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new CreateCommunityFailure(`Cannot read the config file ${path} (${why}); check the path given to --config.`);
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new CreateCommunityFailure(
      `The config file ${path} is not valid JSON (${(error as Error).message}); fix it, starting from contracts/config/example.json.`,
    );
  }

  // forge may read only under deployments/ (foundry.toml fs_permissions): read a copy there.
  const copy = `deployments/.config-${process.pid}-${randomBytes(4).toString('hex')}.json`;
  await writeFile(join(repositoryRoot, copy), text);
  try {
    const output = await runCommand({
      command: findFoundryBinary('forge'),
      args: ['script', 'contracts/script/02_CommunityConfig.s.sol', '--json'],
      env: { ...process.env, DEPLOY_CONFIG: copy },
      timeout: 180_000,
    }).catch((error: unknown) => {
      if (!(error instanceof CommandFailedError)) throw error;
      throw new CreateCommunityFailure(explainRefusal(error.output, path));
    });
    const result = scriptResult(output);
    const encoded = result?.returns?.['0']?.value;
    if (!encoded) throw new CreateCommunityFailure(`The config reader printed no result for ${path}; run forge build and try again.`);
    return decodeAbiParameters([configParameter], encoded)[0];
  } finally {
    await rm(join(repositoryRoot, copy), { force: true });
  }
}

type ScriptResult = { returns?: Record<string, { value?: Hex }>; returned?: Hex; success?: boolean };

/** forge's `--json` result: the one line of its output that is the JSON object. */
function scriptResult(output: string): ScriptResult | undefined {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{"logs"')) continue;
    try {
      return JSON.parse(line) as ScriptResult;
    } catch {}
  }
  return undefined;
}

/** Why the reader refused the config, in one sentence naming the field. */
function explainRefusal(output: string, path: string): string {
  const returned = scriptResult(output)?.returned;
  if (returned) {
    try {
      const { args } = decodeErrorResult({ abi: deployConfigError, data: returned });
      return `The config file ${path} is refused: ${trimDot(args[1])}; change that value and run again.`;
    } catch {}
  }
  // A missing or mistyped key: forge names the JSON path it could not read.
  const missing = /path "([^"]+)" must return exactly one JSON value/.exec(output) ?? /key "([^"]+)"/.exec(output);
  if (missing) {
    return `The config file ${path} lacks ${missing[1]} or gives it the wrong type; add it as in contracts/config/example.json.`;
  }
  const parse = /vm\.(parse\w+): ([^\n]+)/.exec(output);
  if (parse) return `The config file ${path} has a value forge cannot read (${parse[2]?.trim()}); compare it with contracts/config/example.json.`;
  const last = output.trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'no output';
  return `The config file ${path} could not be read by the deploy script's reader (${last.slice(0, 200)}); run \`forge build\` and try again.`;
}

function trimDot(text: string): string {
  return text.replace(/\.$/, '');
}

