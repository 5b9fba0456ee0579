// A real anvil with the real compiled contracts, seeded like the demo, for the dApp's tests.
// TODO(sdk): switch to `startAnvil`/`deployContracts` from `@commonguard/sdk/testing` and `seedDemo`
// from `@commonguard/scripts` once they are on main; until then this file deploys and seeds itself.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAddress, createPublicClient, createTestClient, createWalletClient, http, parseEther, parseUnits, zeroAddress, keccak256, toHex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MNEMONIC = 'test test test test test test test test test test test junk';
export const accounts = Array.from({ length: 10 }, (_, i) => mnemonicToAccount(MNEMONIC, { addressIndex: i }));
export const DAY = 86_400n;

export const settings = { votingDelay: 60n, votingPeriod: 3_600n, lateQuorumExtension: 600n, timelockDelay: 300n, quorumNumerator: 4n };

function artifact(file, name = file) {
  const json = JSON.parse(readFileSync(join(root, 'contracts', 'out', `${file}.sol`, `${name}.json`), 'utf8'));
  return { abi: json.abi, bytecode: json.bytecode.object };
}

export const artifacts = {
  timelock: artifact('TimelockController'),
  token: artifact('CommunityToken'),
  governor: artifact('CommunityGovernor'),
  policy: artifact('PaymentPolicy'),
  treasury: artifact('Treasury'),
  stablecoin: artifact('DemoStablecoin'),
};

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts anvil on a free 127.0.0.1 port; resolves once it answers. */
export async function startAnvil() {
  const port = await freePort();
  const bin = join(root, 'node_modules', '.bin', 'anvil');
  const child = spawn(bin, ['--host', '127.0.0.1', '--port', String(port), '--silent', '--chain-id', '31337'], { stdio: 'ignore' });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }) });
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error('anvil did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { rpcUrl, port, stop: () => child.kill('SIGTERM') };
}

export function clients(rpcUrl) {
  const transport = http(rpcUrl);
  const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } };
  return {
    publicClient: createPublicClient({ chain, transport }),
    testClient: createTestClient({ chain, transport, mode: 'anvil' }),
    wallet: (account) => createWalletClient({ chain, transport, account }),
  };
}

async function send(c, account, address, abi, functionName, args = [], value) {
  const hash = await c.wallet(account).writeContract({ address, abi, functionName, args, value });
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
  return receipt;
}

async function deploy(c, account, { abi, bytecode }, args) {
  const hash = await c.wallet(account).deployContract({ abi, bytecode, args });
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
  return getAddress(receipt.contractAddress);
}

export async function warp(c, seconds) {
  await c.testClient.increaseTime({ seconds: Number(seconds) });
  await c.testClient.mine({ blocks: 1 });
}

/** Deploys the system the way the deploy script does, then seeds the demo state. */
export async function deploySeeded(rpcUrl) {
  const c = clients(rpcUrl);
  const [deployer, m1, m2, m3, m4, treasurer, shopper, coffee, blocked] = accounts;
  const deploymentBlock = Number(await c.publicClient.getBlockNumber());
  const timelock = await deploy(c, deployer, artifacts.timelock, [settings.timelockDelay, [], [], deployer.address]);
  const communityToken = await deploy(c, deployer, artifacts.token, [
    'CommonGuard Vote', 'CGV', timelock, [m1.address, m2.address, m3.address, m4.address],
    [parseEther('400'), parseEther('300'), parseEther('200'), parseEther('100')],
  ]);
  const communityGovernor = await deploy(c, deployer, artifacts.governor, [
    'CommonGuard Governor', communityToken, timelock,
    { votingDelay: Number(settings.votingDelay), votingPeriod: Number(settings.votingPeriod), proposalThreshold: parseEther('1'), quorumNumerator: settings.quorumNumerator, lateQuorumExtension: Number(settings.lateQuorumExtension) },
  ]);
  const paymentPolicy = await deploy(c, deployer, artifacts.policy, [timelock, 40, 80, false]);
  const treasury = await deploy(c, deployer, artifacts.treasury, [timelock, paymentPolicy]);
  const demoStablecoin = await deploy(c, deployer, artifacts.stablecoin, [deployer.address]);
  const tl = artifacts.timelock.abi;
  for (const role of ['PROPOSER_ROLE', 'CANCELLER_ROLE']) {
    await send(c, deployer, timelock, tl, 'grantRole', [keccak256(toHex(role)), communityGovernor]);
  }
  await send(c, deployer, timelock, tl, 'grantRole', [keccak256(toHex('EXECUTOR_ROLE')), zeroAddress]);
  await send(c, deployer, timelock, tl, 'renounceRole', ['0x0000000000000000000000000000000000000000000000000000000000000000', deployer.address]);

  const deployment = { chainId: 31337, deploymentBlock, contracts: { communityToken, communityGovernor, timelock, treasury, paymentPolicy, demoStablecoin } };

  for (const member of [m1, m2, m3, m4]) await send(c, member, communityToken, artifacts.token.abi, 'delegate', [member.address]);
  const usd = (n) => parseUnits(String(n), 6);
  await send(c, deployer, demoStablecoin, artifacts.stablecoin.abi, 'mint', [treasury, usd(12_000)]);
  await send(c, deployer, demoStablecoin, artifacts.stablecoin.abi, 'mint', [shopper.address, usd(2_000)]);
  await c.wallet(deployer).sendTransaction({ to: treasury, value: parseEther('5') }).then((hash) => c.publicClient.waitForTransactionReceipt({ hash }));
  await warp(c, 1);

  // The initial rules go through real governance, like the demo seed.
  const P = artifacts.policy.abi;
  const T = artifacts.treasury.abi;
  await passProposal(c, deployment, [
    { target: paymentPolicy, abi: P, functionName: 'setTokenLimits', args: [zeroAddress, parseEther('1'), parseEther('2'), parseEther('0.25')] },
    { target: paymentPolicy, abi: P, functionName: 'setTokenLimits', args: [demoStablecoin, usd(500), usd(1_000), usd(100)] },
    { target: paymentPolicy, abi: P, functionName: 'setMerchantStatus', args: [coffee.address, 1, 'Corner Coffee'] },
    { target: paymentPolicy, abi: P, functionName: 'setMerchantStatus', args: [blocked.address, 2, 'Reported for fraud'] },
    { target: paymentPolicy, abi: P, functionName: 'setOriginStatus', args: ['http://localhost:5174', 1, 'CommonGuard demo shop'] },
    { target: paymentPolicy, abi: P, functionName: 'setOriginStatus', args: ['http://scam.localhost:5174', 2, 'Fake shop'] },
    { target: treasury, abi: T, functionName: 'setBudget', args: [treasurer.address, demoStablecoin, usd(1_000), 30n * DAY] },
    { target: treasury, abi: T, functionName: 'setBudget', args: [treasurer.address, zeroAddress, parseEther('0.5'), 30n * DAY] },
  ], '# Set up the community rules\n\nLimits, merchants, shop origins and the treasurer budgets.');
  await passProposal(c, deployment, [
    { target: treasury, abi: T, functionName: 'pay', args: [demoStablecoin, coffee.address, usd(250), 'Coffee for the spring meetup'] },
  ], '# Pay Corner Coffee for the meetup\n\nThey catered the **spring meetup**.');
  return { deployment, clients: c };
}

/** propose → vote (members 1–4 for) → warp → queue → warp → execute. Returns the proposal id. */
export async function passProposal(c, deployment, calls, description, { reasons = [] } = {}) {
  const { communityGovernor } = deployment.contracts;
  const G = artifacts.governor.abi;
  const id = await createProposal(c, deployment, calls, description);
  await warp(c, settings.votingDelay + 1n);
  for (const [i, member] of accounts.slice(1, 5).entries()) {
    await send(c, member, communityGovernor, G, 'castVoteWithReason', [id, 1, reasons[i] ?? '']);
  }
  await warp(c, settings.votingPeriod + 1n);
  const args = proposalArgs(calls, description);
  await send(c, accounts[1], communityGovernor, G, 'queue', args);
  await warp(c, settings.timelockDelay + 1n);
  await send(c, accounts[1], communityGovernor, G, 'execute', args);
  return id;
}

export function proposalArgs(calls, description) {
  return [calls.map((x) => x.target), calls.map((x) => x.value ?? 0n), calls.map((x) => encodeCall(x)), keccak256(toHex(description))];
}

import { encodeFunctionData } from 'viem';
function encodeCall(x) {
  return x.data ?? encodeFunctionData({ abi: x.abi, functionName: x.functionName, args: x.args });
}

export async function createProposal(c, deployment, calls, description, proposer = accounts[1]) {
  const G = artifacts.governor.abi;
  const { communityGovernor } = deployment.contracts;
  const receipt = await send(c, proposer, communityGovernor, G, 'propose', [calls.map((x) => x.target), calls.map((x) => x.value ?? 0n), calls.map(encodeCall), description]);
  const { decodeEventLog } = await import('viem');
  for (const log of receipt.logs) {
    try {
      const ev = decodeEventLog({ abi: G, data: log.data, topics: log.topics });
      if (ev.eventName === 'ProposalCreated') return ev.args.proposalId;
    } catch {}
  }
  throw new Error('no ProposalCreated');
}
