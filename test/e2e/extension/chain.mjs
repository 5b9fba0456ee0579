// A real anvil with the real contracts, for the extension's browser tests.
// NOTE: `seedChain` seeds the policy by impersonating the timelock on anvil. It stands in for the
// project's governance seed (`seedDemo`) until that lands; the governance test itself goes through
// `changePolicy`, which uses a real proposal when the governance helper is available.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicClient, createTestClient, createWalletClient, http, parseAbi, parseEther, parseUnits } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Anvil's default accounts used by the demo (see the brief's account table). */
export const ACCOUNTS = {
  deployer: { address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', key: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' },
  shopper: { address: '0x976EA74026E726554dB657fA54763abd0C3a0aa9', key: '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e' },
  merchant: { address: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' },
  blockedMerchant: { address: '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f' },
  spare: { address: '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720' },
};

export const policyAbi = parseAbi([
  'function setTokenLimits(address token, uint256 maxSinglePayment, uint256 dailyCap, uint256 maxFirstPayment)',
  'function setMerchantStatus(address merchant, uint8 status, string note)',
  'function setOriginStatus(string origin, uint8 status, string note)',
  'function version() view returns (uint64)',
]);
const tokenAbi = parseAbi(['function mint(address to, uint256 amount)', 'function balanceOf(address) view returns (uint256)']);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForRpc(url, child) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`anvil exited early (code ${child.exitCode})`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' });
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('anvil did not start within 10 s');
}

/** Starts anvil on a free port and deploys the contracts with the project's deploy script. */
export async function startChain() {
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const anvil = spawn(join(root, 'node_modules/.bin/anvil'), ['--port', String(port), '--host', '127.0.0.1', '--silent'], { stdio: 'ignore' });
  await waitForRpc(rpcUrl, anvil);
  const output = `deployments/.e2e-${port}.json`;
  const deploy = spawnSync(
    join(root, 'node_modules/.bin/forge'),
    ['script', 'contracts/script/01_Deploy.s.sol', '--rpc-url', rpcUrl, '--private-key', ACCOUNTS.deployer.key, '--broadcast', '--slow'],
    { cwd: root, env: { ...process.env, DEPLOY_OUTPUT: output }, encoding: 'utf8' },
  );
  if (deploy.status !== 0) {
    anvil.kill();
    throw new Error(`deploying the contracts failed:\n${deploy.stdout}\n${deploy.stderr}`);
  }
  const deployment = JSON.parse(readFileSync(join(root, output), 'utf8'));
  rmSync(join(root, output));
  const publicClient = createPublicClient({ chain: foundry, transport: http(rpcUrl) });
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(rpcUrl) });
  return {
    rpcUrl,
    port,
    deployment,
    publicClient,
    testClient,
    stop: () => {
      anvil.kill('SIGTERM');
      return new Promise((resolve) => (anvil.exitCode !== null ? resolve() : anvil.once('exit', resolve)));
    },
  };
}

/** Sends policy changes as the timelock (anvil impersonation). */
export async function asTimelock(chain, calls) {
  const { timelock, paymentPolicy } = chain.deployment.contracts;
  await chain.testClient.impersonateAccount({ address: timelock });
  await chain.testClient.setBalance({ address: timelock, value: parseEther('10') });
  const wallet = createWalletClient({ chain: foundry, transport: http(chain.rpcUrl), account: timelock });
  for (const [functionName, args] of calls) {
    const hash = await wallet.writeContract({ address: paymentPolicy, abi: policyAbi, functionName, args });
    await chain.publicClient.waitForTransactionReceipt({ hash });
  }
  await chain.testClient.stopImpersonatingAccount({ address: timelock });
}

/** The demo's initial policy and balances (see the brief), plus the test shop's own origins. */
export async function seedChain(chain, { extraOrigins = [] } = {}) {
  const { demoStablecoin } = chain.deployment.contracts;
  const eth = '0x0000000000000000000000000000000000000000';
  await asTimelock(chain, [
    ['setTokenLimits', [eth, parseEther('1'), parseEther('2'), parseEther('0.25')]],
    ['setTokenLimits', [demoStablecoin, parseUnits('500', 6), parseUnits('1000', 6), parseUnits('100', 6)]],
    ['setMerchantStatus', [ACCOUNTS.merchant.address, 1, 'Corner Coffee']],
    ['setMerchantStatus', [ACCOUNTS.blockedMerchant.address, 2, 'Reported for fraud']],
    ['setOriginStatus', ['http://localhost:5174', 1, 'CommonGuard demo shop']],
    ['setOriginStatus', ['http://scam.localhost:5174', 2, 'Copies the demo shop']],
    ...extraOrigins.map(([origin, status, note]) => ['setOriginStatus', [origin, status, note]]),
  ]);
  const deployer = createWalletClient({ chain: foundry, transport: http(chain.rpcUrl), account: privateKeyToAccount(ACCOUNTS.deployer.key) });
  const hash = await deployer.writeContract({ address: demoStablecoin, abi: tokenAbi, functionName: 'mint', args: [ACCOUNTS.shopper.address, parseUnits('2000', 6)] });
  await chain.publicClient.waitForTransactionReceipt({ hash });
}

export function tokenBalance(chain, address) {
  return chain.publicClient.readContract({ address: chain.deployment.contracts.demoStablecoin, abi: tokenAbi, functionName: 'balanceOf', args: [address] });
}
