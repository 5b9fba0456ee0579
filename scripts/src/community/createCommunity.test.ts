// community:create against a real anvil (from npm) and the real compiled contracts; the config goes
// through the deploy script's own reader (forge). The deployment files go to a temporary folder, so
// the committed deployments/ is never touched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, type Address, createPublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { communityFactoryAbi, parseDeployment } from '@commonguard/sdk';
import { anvilDeployerPrivateKey, findFreePort, repositoryRoot, startAnvil } from '@commonguard/sdk/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCreateCommunity } from './run.js';

const example = JSON.parse(readFileSync(join(repositoryRoot, 'contracts/config/example.json'), 'utf8'));
let folder: string;
let deploymentsDir: string;
let rpcUrl: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'community-create-'));
  deploymentsDir = join(folder, 'deployments');
  const anvil = await startAnvil();
  rpcUrl = anvil.rpcUrl;
  stop = anvil.stop;
});

afterAll(async () => {
  await stop?.();
  rmSync(folder, { recursive: true, force: true });
});

/** Writes a config (the example with `change` applied) and returns its path. */
function config(name: string, change: (json: typeof example) => void = () => {}): string {
  const json = structuredClone(example);
  change(json);
  const path = join(folder, `${name}.json`);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCreateCommunity(['--deployments', deploymentsDir, ...argv], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  const failure = stderr.split('\n').find((line) => line.startsWith('✖ '))?.slice(2);
  return { code, stdout, stderr, failure };
}

const client = () => createPublicClient({ transport: http(rpcUrl) });
const deployer = privateKeyToAccount(anvilDeployerPrivateKey).address;

// These run in order: the first creates the factory the later ones find.
describe('community:create', () => {
  test('creates a community on a fresh chain, deploying the factory first; a second one reuses the factory', async () => {
    const first = await run('--config', config('riverside', (json) => (json.governor.name = 'Riverside Food Co-op')), '--rpc-url', rpcUrl, '--private-key', anvilDeployerPrivateKey, '--broadcast');
    expect(first.failure).toBeUndefined();
    expect(first.code).toBe(0);
    const created = JSON.parse(first.stdout);
    expect(created).toMatchObject({ chainId: 31337, name: 'Riverside Food Co-op', creator: deployer });
    expect(first.stderr).toContain('no factory on this chain yet');

    const second = await run('--config', config('hillside', (json) => (json.governor.name = 'Hillside Garden')), '--rpc-url', rpcUrl, '--private-key', anvilDeployerPrivateKey, '--broadcast', '--chain-id', '31337');
    expect(second.code).toBe(0);
    const again = JSON.parse(second.stdout);
    expect(again.communityFactory).toBe(created.communityFactory);
    expect(again.communityGovernor).not.toBe(created.communityGovernor);
    expect(second.stderr).not.toContain('deploying the CommunityFactory');

    const factory = created.communityFactory as Address;
    expect(await client().readContract({ address: factory, abi: communityFactoryAbi, functionName: 'communityCount' })).toBe(2n);
    const made = await client().readContract({ address: factory, abi: communityFactoryAbi, functionName: 'communityOf', args: [again.communityGovernor] });
    expect(made).toMatchObject({ token: again.communityToken, timelock: again.timelock, treasury: again.treasury, policy: again.paymentPolicy, creator: deployer });

    const file = parseDeployment(JSON.parse(readFileSync(join(deploymentsDir, '31337.json'), 'utf8')));
    expect(file.contracts.communityFactory).toBe(factory);
    // The first community is the chain's default one; both are listed, oldest first.
    expect(file.contracts.communityGovernor).toBe(created.communityGovernor);
    expect(file.communities?.map((community) => community.name)).toEqual(['Riverside Food Co-op', 'Hillside Garden']);
    expect(file.communities?.[1]).toEqual({
      name: 'Hillside Garden',
      communityGovernor: again.communityGovernor,
      communityToken: again.communityToken,
      timelock: again.timelock,
      treasury: again.treasury,
      paymentPolicy: again.paymentPolicy,
      deploymentBlock: again.deploymentBlock,
      creator: deployer,
    });
  });

  test('a dry run sends nothing and says what it would create', async () => {
    const nonce = await client().getTransactionCount({ address: deployer });
    const before = readFileSync(join(deploymentsDir, '31337.json'), 'utf8');
    const dry = await run('--config', config('dry', (json) => (json.governor.name = 'Dry Run Club')), '--rpc-url', rpcUrl, '--private-key', anvilDeployerPrivateKey);
    expect(dry.code).toBe(0);
    const planned = JSON.parse(dry.stdout);
    expect(planned).toMatchObject({ dryRun: true, chainId: 31337, name: 'Dry Run Club', creator: deployer });
    expect(planned.community.communityGovernor).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(dry.stderr).toContain('dry run: nothing was sent');
    expect(await client().getTransactionCount({ address: deployer })).toBe(nonce);
    expect(readFileSync(join(deploymentsDir, '31337.json'), 'utf8')).toBe(before);
  });

  test('an unsafe value is refused with the factory’s own error in words, naming the field and the safe range', async () => {
    const nonce = await client().getTransactionCount({ address: deployer });
    const refused = await run('--config', config('late', (json) => (json.governor.lateQuorumExtension = 700_000)), '--rpc-url', rpcUrl, '--private-key', anvilDeployerPrivateKey, '--broadcast');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.failure).toMatch(/^The factory refuses the config \(governor\.lateQuorumExtension\): .*7 days.*; change it in the config and run again\.$/);
    const limits = await run('--config', config('limits', (json) => {
      json.policy.tokenLimits = [{ token: '0x0000000000000000000000000000000000000000', maxSinglePayment: '1000', dailyCap: '500', maxFirstPayment: '0' }];
    }), '--rpc-url', rpcUrl, '--private-key', anvilDeployerPrivateKey, '--broadcast');
    expect(limits.code).toBe(1);
    expect(limits.failure).toMatch(/^The factory refuses the config \(policy\.tokenLimits\): /);
    expect(await client().getTransactionCount({ address: deployer })).toBe(nonce);
  });

  test('an unsafe value is refused before the factory exists too (dry run on a chain without one)', async () => {
    const other = await startAnvil({ chainId: 31338 });
    try {
      const refused = await run('--config', config('late2', (json) => (json.governor.lateQuorumExtension = 700_000)), '--rpc-url', other.rpcUrl, '--private-key', anvilDeployerPrivateKey);
      expect(refused.code).toBe(1);
      expect(refused.failure).toMatch(/^The factory refuses the config \(governor\.lateQuorumExtension\): /);
    } finally {
      await other.stop();
    }
  });

  test('a config that cannot be read, is not JSON, lacks a field or breaks a rule gets one sentence naming it', async () => {
    const missing = await run('--config', join(folder, 'nowhere.json'), '--rpc-url', rpcUrl, '--private-key', anvilDeployerPrivateKey);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.failure).toBe(`Cannot read the config file ${join(folder, 'nowhere.json')} (there is no such file); check the path given to --config.`);

    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{ "token": ');
    const notJson = await run('--config', broken, '--rpc-url', rpcUrl, '--private-key', anvilDeployerPrivateKey);
    expect(notJson.code).toBe(1);
    expect(notJson.failure).toMatch(new RegExp(`^The config file ${broken} is not valid JSON \\(.+\\); fix it, starting from contracts/config/example\\.json\\.$`));

    const lacking = await run('--config', config('lacking', (json) => delete json.governor.votingPeriod), '--rpc-url', rpcUrl, '--private-key', anvilDeployerPrivateKey);
    expect(lacking.code).toBe(1);
    expect(lacking.failure).toContain('lacks .governor.votingPeriod or gives it the wrong type');

    const quorum = await run('--config', config('quorum', (json) => (json.governor.quorumNumerator = 0)), '--rpc-url', rpcUrl, '--private-key', anvilDeployerPrivateKey);
    expect(quorum.code).toBe(1);
    expect(quorum.failure).toMatch(/is refused: \.governor\.quorumNumerator must be between 1 and 100, got 0; change that value and run again\.$/);
  });

  test('an RPC that does not answer, or answers another chain, is named', async () => {
    const port = await findFreePort();
    const silent = await run('--config', config('ok'), '--rpc-url', `http://127.0.0.1:${port}`, '--private-key', anvilDeployerPrivateKey);
    expect(silent.code).toBe(1);
    expect(silent.failure).toMatch(new RegExp(`^The RPC at http://127\\.0\\.0\\.1:${port} does not answer \\(.+\\); check the URL and that the node is running\\.$`));

    const other = await run('--config', config('ok'), '--rpc-url', rpcUrl, '--private-key', anvilDeployerPrivateKey, '--chain-id', '1');
    expect(other.code).toBe(1);
    expect(other.failure).toBe(`The RPC at ${rpcUrl} serves chain 31337, not chain 1 as --chain-id says; give the RPC URL of chain 1.`);
  });

  test('a key without funds for the fee is refused before anything is sent', async () => {
    const key = generatePrivateKey();
    const address = privateKeyToAccount(key).address;
    const poor = await run('--config', config('ok'), '--rpc-url', rpcUrl, '--private-key', key, '--broadcast');
    expect(poor.code).toBe(1);
    expect(poor.stdout).toBe('');
    expect(poor.failure).toMatch(new RegExp(`^The account ${address} holds 0 ETH, not enough for about [0-9.]+ ETH; send it enough for the fee \\(or use another --private-key\\) and run again\\.$`));
    expect(await client().getTransactionCount({ address })).toBe(0);
  });

  test('a malformed key is refused without echoing it, by the real command', () => {
    const result = spawnSync('npm', ['run', '--silent', 'community:create', '--', '--config', config('ok'), '--rpc-url', rpcUrl, '--private-key', '0x1234secret'], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe('✖ The private key is malformed: it must be 0x followed by 64 hexadecimal digits; check that you copied all of it.');
    expect(result.stderr).not.toContain('secret');
  });
});
