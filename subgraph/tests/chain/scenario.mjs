// A real chain history for the handlers: deploys the contracts with the project's deploy script (the
// community through the factory),
// passes a proposal through the governor (votes, queue, execute: policy changes, a budget, a payout by
// vote), lets the treasurer pay across a budget period rollover, and returns every log the subgraph
// indexes plus what the chain itself says the indexed state must be.
import {
  communityFactoryAbi,
  communityGovernorAbi,
  communityTokenAbi,
  demoStablecoinAbi,
  paymentPolicyAbi,
  timelockControllerAbi,
  treasuryAbi,
} from '@commonguard/sdk';
import { deployContracts } from '@commonguard/sdk/testing';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
} from 'viem';
import { foundry } from 'viem/chains';
import { readIndexedLogs } from './history.mjs';

const DAY = 86_400n;

export async function runScenario(url) {
  const chain = { ...foundry, rpcUrls: { default: { http: [url] } } };
  const transport = http(url);
  const publicClient = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: 'anvil' });
  const [deployer, m1, m2, m3, m4, treasurer, shopper, merchant] = await publicClient.request({ method: 'eth_accounts' });
  const wallet = (account) => createWalletClient({ chain, transport, account });

  async function send(from, contract, functionName, args, value) {
    const hash = await wallet(from).writeContract({ address: contract.address, abi: contract.abi, functionName, args, value });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
    return receipt;
  }
  const read = (contract, functionName, args = []) => publicClient.readContract({ ...contract, functionName, args });
  const warp = async (seconds) => {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.mine({ blocks: 1 });
  };

  // ── deployment with the project's deploy script: the timelock owns everything, no admin remains.
  // Short voting and timelock periods, so that a late quorum extends the vote within a few warps.
  const members = [m1, m2, m3, m4];
  const deployment = await deployContracts({
    rpcUrl: url,
    config: {
      token: { name: 'CommonGuard Vote', symbol: 'CGV', holders: members.map((account) => ({ account, amount: parseEther('100').toString() })) },
      // The shortest settings the deploy script accepts; a zero proposal threshold must be asked for.
      governor: { name: 'CommonGuard', votingDelay: 60, votingPeriod: 3600, proposalThreshold: '0', allowZeroProposalThreshold: true, quorumNumerator: 4, lateQuorumExtension: 60 },
      timelock: { minDelay: 3600 },
      policy: { warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false },
      demoStablecoin: true,
    },
  });
  const c = deployment.contracts;
  const timelock = { address: c.timelock, abi: timelockControllerAbi };
  const token = { address: c.communityToken, abi: communityTokenAbi };
  const governor = { address: c.communityGovernor, abi: communityGovernorAbi };
  const policy = { address: c.paymentPolicy, abi: paymentPolicyAbi };
  const treasury = { address: c.treasury, abi: treasuryAbi };
  const stablecoin = { address: c.demoStablecoin, abi: demoStablecoinAbi };
  const fromBlock = BigInt(deployment.deploymentBlock);

  // ── members delegate; the treasury is funded
  for (const member of [m1, m2, m3]) await send(member, token, 'delegate', [member]);
  await send(m4, token, 'delegate', [m1]);
  await wallet(shopper).sendTransaction({ to: treasury.address, value: parseEther('2') }).then((hash) => publicClient.waitForTransactionReceipt({ hash }));
  await send(deployer, stablecoin, 'mint', [shopper, 5_000_000_000n]);
  await send(shopper, stablecoin, 'approve', [treasury.address, 3_000_000_000n]);
  await send(shopper, treasury, 'deposit', [stablecoin.address, 3_000_000_000n]);

  // ── one proposal with seven actions: thresholds, ETH limits, a merchant, an origin, a domain rule, a
  // budget, a payout
  const call = (contract, functionName, args) => ({ target: contract.address, data: encodeFunctionData({ abi: contract.abi, functionName, args }) });
  const actions = [
    call(policy, 'setThresholds', [30, 70]),
    call(policy, 'setTokenLimits', [zeroAddress, parseEther('1'), parseEther('2'), parseEther('0.25')]),
    call(policy, 'setMerchantStatus', [merchant, 1, 'Corner Coffee']),
    call(policy, 'setOriginStatus', ['http://localhost:5174', 1, 'CommonGuard demo shop']),
    call(policy, 'setDomainStatus', ['Scam.Example.', 2, 'Phishing look-alike']),
    call(treasury, 'setBudget', [treasurer, stablecoin.address, 1_000_000_000n, 30n * DAY]),
    call(treasury, 'pay', [zeroAddress, merchant, parseEther('0.1'), 'festival stall']),
  ];
  const targets = actions.map((a) => a.target);
  const values = actions.map(() => 0n);
  const calldatas = actions.map((a) => a.data);
  const description = '# Open the shop\nTighter thresholds, ETH limits, trust Corner Coffee and the demo shop, a budget for the treasurer, and pay the festival stall.';
  await send(m1, governor, 'propose', [targets, values, calldatas, description]);
  const proposalId = await read(governor, 'hashProposal', [targets, values, calldatas, keccak256(toHex(description))]);
  await warp(61);
  await send(m2, governor, 'castVote', [proposalId, 0]);
  // Quorum (For + Abstain) is reached only near the deadline, so the governor extends the vote.
  const deadline = await read(governor, 'proposalDeadline', [proposalId]);
  const now = (await publicClient.getBlock()).timestamp;
  await warp(deadline - now - 10n);
  await send(m1, governor, 'castVoteWithReason', [proposalId, 1, 'good for the shop']);
  await send(m3, governor, 'castVoteWithReasonAndParams', [proposalId, 2, 'abstaining', '0x1234']);
  await warp(200);
  await send(m2, governor, 'queue', [targets, values, calldatas, keccak256(toHex(description))]);
  await warp(3601);
  await send(m3, governor, 'execute', [targets, values, calldatas, keccak256(toHex(description))]);

  // ── the treasurer pays within the budget, then again after a period rollover
  await send(treasurer, treasury, 'payout', [stablecoin.address, merchant, 300_000_000n, 'coffee beans']);
  await send(treasurer, treasury, 'payoutBatch', [stablecoin.address, [
    { recipient: m1, amount: 100_000_000n, memo: 'stickers' },
    { recipient: m2, amount: 50_000_000n, memo: 'flyers' },
  ]]);
  await warp(31n * DAY);
  await send(treasurer, treasury, 'payout', [stablecoin.address, merchant, 200_000_000n, 'rent']);

  // ── a second community from the same factory, with the same members: a proposal pays from its treasury
  const factory = { address: c.communityFactory, abi: communityFactoryAbi };
  await send(m2, factory, 'createCommunity', [{
    name: 'Neighbours', tokenName: 'Neighbours Vote', tokenSymbol: 'NBV', holders: [m1, m2], amounts: [parseEther('60'), parseEther('40')],
    votingDelay: 60, votingPeriod: 3600, proposalThreshold: 0n, allowZeroProposalThreshold: true, quorumNumerator: 4n, lateQuorumExtension: 0,
    timelockDelay: 3600n, warnAt: 30, blockAt: 90, unlimitedApprovalsAllowed: false, tokenLimits: [], merchants: [], origins: [], domains: [],
  }]);
  const [, total] = await read(factory, 'communities', [0n, 0n]);
  const [[made]] = await read(factory, 'communities', [total - 1n, 1n]);
  const second = {
    governor: { address: made.governor, abi: communityGovernorAbi },
    token: { address: made.token, abi: communityTokenAbi },
    treasury: { address: made.treasury, abi: treasuryAbi },
  };
  await send(m1, second.token, 'delegate', [m1]);
  await wallet(shopper).sendTransaction({ to: second.treasury.address, value: parseEther('1') }).then((hash) => publicClient.waitForTransactionReceipt({ hash }));
  const secondActions = [call(second.treasury, 'pay', [zeroAddress, merchant, parseEther('0.05'), 'street party'])];
  // The same description as the first community's proposal: only the governor tells the two apart.
  const secondArgs = [secondActions.map((a) => a.target), [0n], secondActions.map((a) => a.data), description];
  await send(m1, second.governor, 'propose', secondArgs);
  const secondProposalId = await read(second.governor, 'hashProposal', [...secondArgs.slice(0, 3), keccak256(toHex(description))]);
  await warp(61);
  await send(m1, second.governor, 'castVote', [secondProposalId, 1]);
  await warp(3601);
  await send(m2, second.governor, 'queue', [...secondArgs.slice(0, 3), keccak256(toHex(description))]);
  await warp(3601);
  await send(m2, second.governor, 'execute', [...secondArgs.slice(0, 3), keccak256(toHex(description))]);

  // ── what the subgraph indexes: the factory's communities and every log of their contracts
  if (!c.communityFactory) throw new Error('the deployment has no community factory: the subgraph indexes communities through it');
  const sources = { CommunityFactory: { abi: communityFactoryAbi }, CommunityToken: token, CommunityGovernor: governor, Timelock: timelock, Treasury: treasury, PaymentPolicy: policy };
  const { logs, blocks, transactions, communities } = await readIndexedLogs(publicClient, c.communityFactory, fromBlock);

  // ── what the chain says the indexed state must be
  const [againstVotes, forVotes, abstainVotes] = await read(governor, 'proposalVotes', [proposalId]);
  const snapshot = await read(policy, 'snapshot');
  const budget = await read(treasury, 'budget', [treasurer, stablecoin.address]);
  const stableBalance = await read(stablecoin, 'balanceOf', [treasury.address]);
  // Delegates are the accounts some holder delegates to; the token knows each holder's choice.
  const delegators = {};
  for (const member of members) {
    const delegate = (await read(token, 'delegates', [member])).toLowerCase();
    delegators[delegate] = (delegators[delegate] ?? 0) + 1;
  }
  const votes = {};
  for (const delegate of Object.keys(delegators)) votes[delegate] = (await read(token, 'getVotes', [delegate])).toString();
  const expected = {
    proposalId: proposalId.toString(),
    proposalState: await read(governor, 'state', [proposalId]),
    proposalDeadline: (await read(governor, 'proposalDeadline', [proposalId])).toString(),
    originalDeadline: deadline.toString(),
    forVotes: forVotes.toString(),
    againstVotes: againstVotes.toString(),
    abstainVotes: abstainVotes.toString(),
    governor: governor.address.toLowerCase(),
    treasury: treasury.address.toLowerCase(),
    policy: policy.address.toLowerCase(),
    policyVersion: snapshot.version.toString(),
    warnAt: snapshot.warnAt,
    blockAt: snapshot.blockAt,
    ethLimits: snapshot.tokenLimits.find((l) => l.token === zeroAddress),
    budget: { id: (treasury.address + treasurer.slice(2) + stablecoin.address.slice(2)).toLowerCase(), periodStart: budget.periodStart.toString(), spent: budget.spent.toString() },
    stablecoin: stablecoin.address.toLowerCase(),
    stablePaid: (3_000_000_000n - stableBalance).toString(),
    votes,
    delegators,
    merchant: merchant.toLowerCase(),
    merchantStatus: (await read(policy, 'merchantStatus', [merchant]))[0],
    timelock: timelock.address.toLowerCase(),
    second: {
      governor: second.governor.address.toLowerCase(),
      treasury: second.treasury.address.toLowerCase(),
      proposalId: secondProposalId.toString(),
      proposalState: await read(second.governor, 'state', [secondProposalId]),
      forVotes: (await read(second.governor, 'proposalVotes', [secondProposalId]))[1].toString(),
    },
  };
  return { logs, blocks, transactions, communities, expected, abis: Object.fromEntries(Object.entries(sources).map(([k, c]) => [k, c.abi])) };
}
