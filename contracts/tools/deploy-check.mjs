#!/usr/bin/env node
// Runs the deploy script, exactly as documented in contracts/script/01_Deploy.s.sol, against a fresh
// anvil, then checks that it wrote the committed deployments/31337.json (same addresses, same start
// block) and that the chain holds what the script promises: owners, timelock roles, no admin left.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, run, startAnvil } from './anvil.mjs';

// anvil's account 0 (default mnemonic); a well-known public test key.
const DEPLOYER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const DEPLOYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

const anvil = await startAnvil();
const output = `deployments/deploy-check-${anvil.port}.json`;
const failures = [];
const expect = (ok, what) => {
  console.log(`  ${ok ? '✔' : '✖'} ${what}`);
  if (!ok) failures.push(what);
};

try {
  run('forge', ['script', 'contracts/script/01_Deploy.s.sol', '--rpc-url', anvil.rpcUrl, '--private-key', DEPLOYER_KEY, '--broadcast'], {
    DEPLOY_OUTPUT: output,
    DEPLOY_CONFIG: 'contracts/config/local.json',
  });
  const written = JSON.parse(readFileSync(join(root, output), 'utf8'));
  const committed = JSON.parse(readFileSync(join(root, 'deployments', '31337.json'), 'utf8'));
  console.log('deploy script on a fresh anvil:');
  expect(JSON.stringify(written) === JSON.stringify(committed), 'wrote exactly the committed deployments/31337.json');

  const c = written.contracts;
  const call = (to, signature, ...args) =>
    run('cast', ['call', '--rpc-url', anvil.rpcUrl, to, signature, ...args]).trim().split(' ')[0];
  const role = (name) => (name === 'DEFAULT_ADMIN_ROLE' ? `0x${'0'.repeat(64)}` : run('cast', ['keccak', name]).trim());
  const hasRole = (name, account) => call(c.timelock, 'hasRole(bytes32,address)(bool)', role(name), account) === 'true';
  const same = (a, b) => a.toLowerCase() === b.toLowerCase();

  expect(same(call(c.communityToken, 'owner()(address)'), c.timelock), 'the timelock owns the token');
  expect(same(call(c.paymentPolicy, 'owner()(address)'), c.timelock), 'the timelock owns the payment policy');
  expect(same(call(c.treasury, 'owner()(address)'), c.timelock), 'the timelock owns the treasury');
  expect(same(call(c.treasury, 'policy()(address)'), c.paymentPolicy), 'the treasury checks the payment policy');
  expect(same(call(c.communityGovernor, 'timelock()(address)'), c.timelock), 'the governor queues in the timelock');
  expect(hasRole('PROPOSER_ROLE', c.communityGovernor), 'the governor is the proposer');
  expect(hasRole('CANCELLER_ROLE', c.communityGovernor), 'the governor is the canceller');
  expect(hasRole('EXECUTOR_ROLE', '0x0000000000000000000000000000000000000000'), 'anyone may execute after the delay');
  expect(!hasRole('DEFAULT_ADMIN_ROLE', DEPLOYER), 'the deployer renounced the admin role');
  expect(!hasRole('PROPOSER_ROLE', DEPLOYER), 'the deployer is no proposer');
  expect(call(c.paymentPolicy, 'version()(uint64)') === '1', 'policy version 1');
  expect(same(call(c.demoStablecoin, 'owner()(address)'), DEPLOYER), 'the deployer owns the demo stablecoin');
} catch (error) {
  failures.push(error.message);
  console.error(error.message);
} finally {
  rmSync(join(root, output), { force: true });
  anvil.stop();
}

if (failures.length > 0) {
  console.error(`\n✖ deploy check failed: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log('✔ deploy check passed');
