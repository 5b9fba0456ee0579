import { http, createPublicClient, zeroAddress } from 'viem';
import { foundry, mainnet } from 'viem/chains';
import { describe, expect, inject, test } from 'vitest';
import { fixture } from '../../test/fixture.js';
import { ChainMismatchError, ContractNotFoundError, RpcUnreachableError } from '../errors/rpc.js';
import { findFreePort } from '../testing/startAnvil.js';
import { readPolicy } from './readPolicy.js';

const rpcUrl = inject('rpcUrl');
const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(rpcUrl) });

describe('readPolicy', () => {
  test('reads version, thresholds, approval rule and token limits', async () => {
    const policy = await readPolicy(client, { address: contracts.paymentPolicy });
    expect(policy).toEqual({
      version: fixture.policyVersion,
      warnAt: 40,
      blockAt: 80,
      unlimitedApprovalsAllowed: false,
      tokenLimits: [
        { token: zeroAddress, maxSinglePayment: 10n ** 18n, dailyCap: 2n * 10n ** 18n, maxFirstPayment: 25n * 10n ** 16n },
        { token: contracts.demoStablecoin, maxSinglePayment: 500_000_000n, dailyCap: 1_000_000_000n, maxFirstPayment: 100_000_000n },
      ],
    });
  });

  test('makes exactly one eth_call', async () => {
    const methods: string[] = [];
    const counting = createPublicClient({
      chain: foundry,
      transport: http(rpcUrl, {
        onFetchRequest: async (request) => {
          methods.push((await request.clone().json()).method);
        },
      }),
    });
    await readPolicy(counting, { address: contracts.paymentPolicy });
    expect(methods).toEqual(['eth_call']);
  });

  test('reads the policy as of an earlier block', async () => {
    const policy = await readPolicy(client, { address: contracts.paymentPolicy, blockNumber: inject('deployedBlock') });
    expect(policy).toEqual({ version: 1n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [] });
  });

  test('says there is no contract at an address without code', async () => {
    const address = '0x000000000000000000000000000000000000dEaD';
    const error = await readPolicy(client, { address }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractNotFoundError);
    expect((error as ContractNotFoundError).shortMessage).toBe(
      'No PaymentPolicy contract at 0x000000000000000000000000000000000000dEaD on chain 31337: there is no code at that address.',
    );
  });

  test('says the contract at the address is not a PaymentPolicy', async () => {
    const error = await readPolicy(client, { address: contracts.treasury }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractNotFoundError);
    expect((error as ContractNotFoundError).shortMessage).toBe(
      `The contract at ${contracts.treasury} on chain 31337 is not a PaymentPolicy.`,
    );
  });

  test('says the RPC endpoint is unreachable', async () => {
    const url = `http://127.0.0.1:${await findFreePort()}`;
    const offline = createPublicClient({ chain: foundry, transport: http(url, { retryCount: 0 }) });
    const error = await readPolicy(offline, { address: contracts.paymentPolicy }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcUnreachableError);
    expect((error as RpcUnreachableError).shortMessage).toBe(`Cannot reach the RPC endpoint at ${url}.`);
    expect((error as RpcUnreachableError).message).toContain('Check that the node is running');
  });

  test('says the client expects another chain', async () => {
    // A wallet set up for mainnet but pointed at the local node finds no policy at its mainnet address.
    const wrongChain = createPublicClient({ chain: mainnet, transport: http(rpcUrl) });
    const error = await readPolicy(wrongChain, { address: '0x000000000000000000000000000000000000bEEF' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChainMismatchError);
    expect((error as ChainMismatchError).shortMessage).toBe(
      'Wrong network: expected chain 1, but the RPC endpoint serves chain 31337.',
    );
  });
});
