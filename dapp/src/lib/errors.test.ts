import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ChainMismatchError, UserRejectedRequestError, createPublicClient, encodeFunctionData, http, keccak256, parseUnits, toBytes, type PublicClient } from 'viem';
import { foundry, mainnet } from 'viem/chains';
import { findFreePort } from '@commonguard/sdk/testing';
import { demo, startSeededChain, type SeededChain } from '../../test/fixture.js';
import { communityGovernorAbi, paymentPolicyAbi, treasuryAbi } from './chain/abis.js';
import { ChainIndexer } from './indexer/chain.js';
import type { Deployment } from './chain/config.js';
import { loadDirectory, type Directory } from './chain/tokens.js';
import { isUserRejection, readableError, walletAnswerCode } from './errors.js';

let chain: SeededChain;
let deployment: Deployment;
let client: PublicClient;
let dir: Directory;

beforeAll(async () => {
  chain = await startSeededChain();
  deployment = chain.deployment;
  client = createPublicClient({ chain: foundry, transport: http(chain.rpcUrl) });
  dir = await loadDirectory(client, deployment);
});
afterAll(() => chain?.stop());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('errors in plain words', () => {
  test('a payout over budget names the excess', async () => {
    const c = deployment.contracts;
    const error = await failure(
      client.simulateContract({ account: demo.treasurer.address, address: c.treasury, abi: treasuryAbi, functionName: 'payout', args: [c.demoStablecoin, demo.spare.address, parseUnits('954.5', 6), 'too much'] }),
    );
    expect(readableError(error, dir)).toEqual({ kind: 'reverted', title: 'The contract refused', message: 'Over budget: 200 cgUSD over (754.5 cgUSD left in this period).' });
  });

  test('policy refusals, from a raw eth_call without the ABI', async () => {
    const c = deployment.contracts;
    const error = await failure(
      client.call({ to: c.paymentPolicy, data: encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'checkPayment', args: [c.demoStablecoin, demo.blockedMerchant.address, 1n] }) }),
    );
    expect(readableError(error, dir).message).toBe(`Recipient blocked: the community has blocked ${demo.blockedMerchant.address}.`);
    const above = await failure(
      client.simulateContract({ account: demo.treasurer.address, address: c.treasury, abi: treasuryAbi, functionName: 'payout', args: [c.demoStablecoin, demo.spare.address, parseUnits('600', 6), ''] }),
    );
    expect(readableError(above, dir).message).toBe(
      `Above the limit: 600 cgUSD to ${dir.account(demo.spare.address)} is 100 cgUSD more than the maximum single payment of 500 cgUSD (rows to one recipient count together).`,
    );
    // The treasury never paid the shopper: a first payment is capped at 100 cgUSD.
    const first = await failure(
      client.simulateContract({ account: demo.treasurer.address, address: c.treasury, abi: treasuryAbi, functionName: 'payout', args: [c.demoStablecoin, demo.shopper.address, parseUnits('150', 6), ''] }),
    );
    expect(readableError(first, dir).message).toBe(
      `First payment too large: the treasury has never paid ${dir.account(demo.shopper.address)}, so at most 100 cgUSD; 150 cgUSD is 50 cgUSD too much.`,
    );
  });

  test('a governor state error lists the states it needed', async () => {
    const error = await failure(
      client.simulateContract({ account: demo.members[0].address, address: deployment.contracts.communityGovernor, abi: communityGovernorAbi, functionName: 'castVote', args: [1n, 1] }),
    );
    expect(readableError(error, dir).message).toBe('This proposal does not exist.');
  });

  test('proposing the same thing twice, and queueing a rejected proposal, are explained', async () => {
    const G = deployment.contracts.communityGovernor;
    const detail = await new ChainIndexer(client, deployment).getProposal(chain.seeded.proposals.defeated);
    const args = [detail!.actions.map((a) => a.target), detail!.actions.map((a) => a.value), detail!.actions.map((a) => a.calldata)] as const;
    const again = await failure(client.simulateContract({ account: demo.members[0].address, address: G, abi: communityGovernorAbi, functionName: 'propose', args: [...args, detail!.description] }));
    expect(readableError(again, dir).message).toBe('A proposal with exactly these actions and this description already exists. Change the description to propose it again.');
    const queue = await failure(
      client.simulateContract({ account: demo.members[0].address, address: G, abi: communityGovernorAbi, functionName: 'queue', args: [...args, keccak256(toBytes(detail!.description))] }),
    );
    expect(readableError(queue, dir).message).toBe('The proposal is defeated; this step needs it to be succeeded.');
  });

  test("a wallet's own answer decides whether the person declined, whatever a library wrapped it in", () => {
    const walletAnswer = (code: number, message: string) => Object.assign(new Error(message), { code });
    // wagmi reports a wallet that cannot add a network as a user rejection around the wallet's answer.
    const cannotAdd = new UserRejectedRequestError(walletAnswer(4200, 'The method wallet_addEthereumChain is not supported.'));
    expect(walletAnswerCode(cannotAdd)).toBe(4200);
    expect(isUserRejection(cannotAdd)).toBe(false);
    expect(readableError(cannotAdd, dir).kind).not.toBe('rejected');
    // A real rejection, wrapped or not.
    expect(isUserRejection(new UserRejectedRequestError(walletAnswer(4001, 'User rejected the request.')))).toBe(true);
    expect(isUserRejection(walletAnswer(4001, 'User rejected the request.'))).toBe(true);
    // An error without any code is no rejection.
    expect(isUserRejection(new Error('denied by something'))).toBe(false);
  });

  test('a rejected signature, a wrong network and an unreachable node', async () => {
    expect(readableError(new UserRejectedRequestError(new Error('User rejected the request.')), dir)).toMatchObject({ kind: 'rejected', message: 'You declined the request in your wallet. Nothing was sent.' });
    expect(readableError(new ChainMismatchError({ chain: foundry, currentChainId: 1 }), dir, { chainName: 'Anvil' })).toMatchObject({
      kind: 'wrong-chain',
      message: 'Your wallet is on another network. Switch it to Anvil and try again.',
    });
    const port = await findFreePort();
    const offline = createPublicClient({ chain: mainnet, transport: http(`http://127.0.0.1:${port}`, { retryCount: 0 }) });
    const error = await failure(offline.getBlockNumber());
    expect(readableError(error, dir, { rpcUrl: `http://127.0.0.1:${port}` })).toMatchObject({ kind: 'network', title: 'Cannot reach the network' });
  });
});
