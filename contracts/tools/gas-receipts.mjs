#!/usr/bin/env node
// Measures real receipt gasUsed (21,000 intrinsic gas and calldata included) of the hot paths on a
// fresh anvil, and writes them, next to forge's section snapshots and the reference figures, into
// contracts/GAS.md between the `gas-table` markers.
//
// Usage (from the repository root, after `forge build`): node contracts/tools/gas-receipts.mjs
//
// Everything goes through real transactions: the deploy script, then the demo's governance steps
// (delegate, propose, vote, time warp, queue, execute), then treasurer payouts. A stock OpenZeppelin
// governor (contracts/test/gas/GovernorVariants.sol) is deployed next to it for a like-for-like vote.
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, run, startAnvil } from './anvil.mjs';

const { port, rpcUrl, rpc, stop } = await startAnvil();

const accounts = await rpc('eth_accounts');
const [deployer, member1, member2, member3, member4, treasurer, , merchant, newPayee, smallHolder] = accounts;

// Deploy with the project's own script (account 0 is anvil's default deployer).
const output = `deployments/gas-receipts-${port}.json`;
run('forge', ['script', 'contracts/script/01_Deploy.s.sol', '--rpc-url', rpcUrl, '--unlocked', '--sender', deployer, '--broadcast'], {
  DEPLOY_OUTPUT: output,
});
const { contracts: c } = JSON.parse(readFileSync(join(root, output), 'utf8'));
rmSync(join(root, output));

/** Sends a transaction from an unlocked anvil account; returns its receipt gasUsed. */
function send(from, to, signature, ...args) {
  const receipt = JSON.parse(run('cast', ['send', '--json', '--rpc-url', rpcUrl, '--unlocked', '--from', from, to, signature, ...args]));
  if (receipt.status !== '0x1') throw new Error(`${signature} reverted`);
  return Number(receipt.gasUsed);
}
const calldata = (signature, ...args) => run('cast', ['calldata', signature, ...args]).trim();
const call = (to, signature, ...args) => run('cast', ['call', '--rpc-url', rpcUrl, to, signature, ...args]).trim().split(' ')[0];
const warp = async (seconds) => {
  await rpc('evm_increaseTime', [seconds]);
  await rpc('evm_mine');
};
const list = (items) => `[${items.join(',')}]`;
const ETH = '0x0000000000000000000000000000000000000000';
const PROPOSE = 'propose(address[],uint256[],bytes[],string)';
const LIFECYCLE = 'address[],uint256[],bytes[],bytes32';

function proposal(governor, description, actions) {
  const targets = list(actions.map((a) => a[0]));
  const values = list(actions.map(() => '0'));
  const datas = list(actions.map((a) => a[1]));
  const descriptionHash = run('cast', ['keccak', description]).trim();
  const id = call(governor, `hashProposal(${LIFECYCLE})(uint256)`, targets, values, datas, descriptionHash);
  return {
    id,
    propose: (from) => send(from, governor, PROPOSE, targets, values, datas, description),
    queue: () => send(deployer, governor, `queue(${LIFECYCLE})`, targets, values, datas, descriptionHash),
    execute: () => send(deployer, governor, `execute(${LIFECYCLE})`, targets, values, datas, descriptionHash),
  };
}

const receipts = {};

// Members delegate; a small holder with 1,000 votes votes below quorum.
send(member4, c.communityToken, 'transfer(address,uint256)', smallHolder, '1000000000000000000000');
for (const member of [member1, member2, member3, member4, smallHolder]) {
  send(member, c.communityToken, 'delegate(address)', member);
}
// The treasury gets cgUSD (a real deposit) and ETH; the merchant already holds some cgUSD.
send(deployer, c.demoStablecoin, 'mint(address,uint256)', deployer, '100000000000');
send(deployer, c.demoStablecoin, 'approve(address,uint256)', c.treasury, '100000000000');
send(deployer, c.treasury, 'deposit(address,uint256)', c.demoStablecoin, '100000000000');
run('cast', ['send', '--rpc-url', rpcUrl, '--unlocked', '--from', deployer, c.treasury, '--value', '10ether']);
send(deployer, c.demoStablecoin, 'mint(address,uint256)', merchant, '1000000');
await warp(1);

const setup = proposal(c.communityGovernor, 'Demo limits and treasurer budgets', [
  [c.paymentPolicy, calldata('setTokenLimits(address,uint256,uint256,uint256)', ETH, '1000000000000000000', '2000000000000000000', '250000000000000000')],
  [c.paymentPolicy, calldata('setTokenLimits(address,uint256,uint256,uint256)', c.demoStablecoin, '500000000', '1000000000', '100000000')],
  [c.treasury, calldata('setBudget(address,address,uint256,uint256)', treasurer, c.demoStablecoin, '1000000000', '2592000')],
  [c.treasury, calldata('setBudget(address,address,uint256,uint256)', treasurer, ETH, '500000000000000000', '2592000')],
]);
const grant = proposal(c.communityGovernor, 'Pay the grant', [
  [c.treasury, calldata('pay(address,address,uint256,string)', c.demoStablecoin, merchant, '100000000', 'GRANT-1')],
]);
const stricter = proposal(c.communityGovernor, 'Stricter thresholds', [
  [c.paymentPolicy, calldata('setThresholds(uint8,uint8)', '45', '85')],
]);

setup.propose(member1);
receipts['propose (1 action)'] = grant.propose(member1);
stricter.propose(member1);
await warp(61);
receipts['castVote (below quorum)'] = send(smallHolder, c.communityGovernor, 'castVote(uint256,uint8)', setup.id, '1');
receipts['castVote (reaches quorum)'] = send(member1, c.communityGovernor, 'castVote(uint256,uint8)', grant.id, '1');
receipts['castVote (quorum already reached)'] = send(member3, c.communityGovernor, 'castVote(uint256,uint8)', grant.id, '1');
receipts['castVoteWithReason (quorum already reached)'] = send(
  member2, c.communityGovernor, 'castVoteWithReason(uint256,uint8,string)', grant.id, '1', 'Within the policy, and long overdue.',
);
receipts['castVoteWithReason (reaches quorum)'] = send(
  member2, c.communityGovernor, 'castVoteWithReason(uint256,uint8,string)', stricter.id, '1', 'Within the policy, and long overdue.',
);
send(member1, c.communityGovernor, 'castVote(uint256,uint8)', setup.id, '1');
await warp(259200 + 1);
setup.queue();
receipts['queue (1 action)'] = grant.queue();
stricter.queue();
await warp(86400 + 1);
setup.execute();
receipts['execute (ERC-20 payout)'] = grant.execute();
receipts['execute (policy change)'] = stricter.execute();

// Treasurer payouts under the budgets and limits the vote just set.
const PAYOUT = 'payout(address,address,uint256,string)';
receipts['treasurer payout ERC-20 (first payout of a new budget)'] = send(treasurer, c.treasury, PAYOUT, c.demoStablecoin, merchant, '10000000', 'INV-1');
receipts['treasurer payout ERC-20'] = send(treasurer, c.treasury, PAYOUT, c.demoStablecoin, merchant, '120000000', 'INV-2');
receipts['treasurer payout ERC-20 (recipient holds no cgUSD yet)'] = send(treasurer, c.treasury, PAYOUT, c.demoStablecoin, newPayee, '120000000', 'INV-3');
send(treasurer, c.treasury, PAYOUT, ETH, newPayee, '10000000000000000', 'INV-4');
receipts['treasurer payout ETH'] = send(treasurer, c.treasury, PAYOUT, ETH, merchant, '100000000000000000', 'INV-5');
const payees = [];
for (let i = 0; i < 10; i++) {
  const payee = `0x${(0xba7c4000 + i).toString(16).padStart(40, '0')}`;
  send(deployer, c.demoStablecoin, 'mint(address,uint256)', payee, '1000000');
  payees.push(`(${payee},10000000,INV-${100 + i})`);
}
receipts['treasurer payoutBatch of 10 (ERC-20)'] = send(treasurer, c.treasury, 'payoutBatch(address,(address,uint256,string)[])', c.demoStablecoin, list(payees));

// The stock OpenZeppelin governor on the same token, for a like-for-like vote.
const created = JSON.parse(
  run('forge', ['create', 'contracts/test/gas/GovernorVariants.sol:StockGovernor', '--json', '--rpc-url', rpcUrl, '--unlocked', '--from', deployer, '--broadcast', '--constructor-args', c.communityToken, c.timelock]),
);
const stock = created.deployedTo;
const stockGrant = proposal(stock, 'Pay the grant', [
  [c.treasury, calldata('pay(address,address,uint256,string)', c.demoStablecoin, merchant, '100000000', 'GRANT-1')],
]);
receipts['propose (1 action), stock OZ governor'] = stockGrant.propose(member1);
await warp(61);
receipts['castVote (reaches quorum), stock OZ governor'] = send(member1, stock, 'castVote(uint256,uint8)', stockGrant.id, '1');
receipts['castVote (quorum already reached), stock OZ governor'] = send(member3, stock, 'castVote(uint256,uint8)', stockGrant.id, '1');
receipts['castVoteWithReason (quorum already reached), stock OZ governor'] = send(
  member2, stock, 'castVoteWithReason(uint256,uint8,string)', stockGrant.id, '1', 'Within the policy, and long overdue.',
);
stop();

// ---------------------------------------------------------------- the table

const snapshots = {};
for (const name of ['GasProposeTest', 'GasVoteTest', 'GasQueueExecuteTest', 'GasTreasuryTest', 'GasGovernorCompositionTest']) {
  const file = join(root, 'contracts', 'snapshots', `${name}.json`);
  if (existsSync(file)) Object.assign(snapshots, JSON.parse(readFileSync(file, 'utf8')));
}
const forgeName = {
  'propose (1 action), stock OZ governor': 'propose: stock OZ',
  'castVote (reaches quorum), stock OZ governor': 'castVote first vote: stock OZ',
  'castVote (quorum already reached), stock OZ governor': 'castVote after quorum: stock OZ',
};
const reference = {
  'propose (1 action)': '68,808',
  'castVote (reaches quorum)': '≈83,200',
  'castVoteWithReason (reaches quorum)': '85,427',
  'queue (1 action)': '145,450',
  'execute (ERC-20 payout)': '119,446 (cold)',
  'propose (1 action), stock OZ governor': '68,808',
  'castVote (reaches quorum), stock OZ governor': '≈83,200',
  'treasurer payout ERC-20': 'Safe transfer 99,715; goal < 80,000',
  'treasurer payout ERC-20 (first payout of a new budget)': 'goal < 80,000',
  'treasurer payout ERC-20 (recipient holds no cgUSD yet)': 'goal < 80,000',
};
const fmt = (n) => (n === undefined ? '–' : Number(n).toLocaleString('en-US'));
const rows = Object.entries(receipts).map(
  ([name, gas]) => `| ${name} | ${fmt(snapshots[forgeName[name] ?? name])} | ${fmt(gas)} | ${reference[name] ?? ''} |`,
);
const rest = ['policy change (setThresholds, by the timelock)', 'policy snapshot() read (2 token limits)', 'queue by id (GovernorStorage)'].map(
  (name) => `| ${name} | ${fmt(snapshots[name])} | – (no transaction of its own) | |`,
);
const table = [
  '| operation | forge (execution only) | receipt gasUsed on anvil | reference (TOOLCHAIN.md) |',
  '|---|---:|---:|---|',
  ...rows,
  ...rest,
].join('\n');

const gasMd = join(root, 'contracts', 'GAS.md');
const text = readFileSync(gasMd, 'utf8');
const start = '<!-- gas-table:start -->';
const end = '<!-- gas-table:end -->';
if (!text.includes(start) || !text.includes(end)) throw new Error(`contracts/GAS.md has no ${start} … ${end} markers`);
writeFileSync(gasMd, `${text.slice(0, text.indexOf(start) + start.length)}\n${table}\n${text.slice(text.indexOf(end))}`);
console.log(table);
