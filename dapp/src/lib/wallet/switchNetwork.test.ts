// A wallet stand-in that answers as EIP-3326/3085 wallets do. The CommonGuard extension cannot be used
// here: adding and switching networks are not among its methods yet, and other wallets cannot run in
// these tests; the browser tests cover the wallet the dApp is used with.
import { describe, expect, test } from 'vitest';
import type { Network } from '../chain/networks.js';
import { type RequestProvider, SwitchNetworkError, switchNetwork } from './switchNetwork.js';

const network: Network = {
  chainId: 11155111,
  name: 'Sepolia',
  rpcUrl: 'https://rpc.sepolia.example',
  explorerUrl: 'https://sepolia.etherscan.io',
  subgraphUrl: null,
  factory: null,
  fromBlock: 0,
  defaultCommunity: null,
};

const rpcError = (code: number) => Object.assign(new Error(`error ${code}`), { code });

/** A wallet that knows `known` chains, answers each method with `answers[method]` when set, and logs every request. */
function wallet({ known = [] as number[], answers = {} as Record<string, number> } = {}) {
  const calls: { method: string; params?: unknown }[] = [];
  const chains = new Set(known);
  const provider: RequestProvider = {
    async request({ method, params }) {
      calls.push({ method, params });
      if (answers[method] !== undefined) throw rpcError(answers[method]);
      const chainId = Number.parseInt((params as [{ chainId: string }])[0].chainId, 16);
      if (method === 'wallet_switchEthereumChain' && !chains.has(chainId)) throw rpcError(4902);
      if (method === 'wallet_addEthereumChain') chains.add(chainId);
      return null;
    },
  };
  return { provider, calls };
}

describe('switchNetwork', () => {
  test('asks the wallet to switch to a network it knows', async () => {
    const { provider, calls } = wallet({ known: [11155111] });
    await switchNetwork(provider, network);
    expect(calls).toEqual([{ method: 'wallet_switchEthereumChain', params: [{ chainId: '0xaa36a7' }] }]);
  });

  test('on 4902 adds the network with the config\'s parameters, then switches again', async () => {
    const { provider, calls } = wallet();
    await switchNetwork(provider, network);
    expect(calls).toEqual([
      { method: 'wallet_switchEthereumChain', params: [{ chainId: '0xaa36a7' }] },
      {
        method: 'wallet_addEthereumChain',
        params: [
          {
            chainId: '0xaa36a7',
            chainName: 'Sepolia',
            rpcUrls: ['https://rpc.sepolia.example'],
            nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
            blockExplorerUrls: ['https://sepolia.etherscan.io'],
          },
        ],
      },
      { method: 'wallet_switchEthereumChain', params: [{ chainId: '0xaa36a7' }] },
    ]);
  });

  test('says in words that the person declined', async () => {
    const error = await switchNetwork(wallet({ answers: { wallet_switchEthereumChain: 4001 } }).provider, network).catch((e) => e);
    expect(error).toBeInstanceOf(SwitchNetworkError);
    expect(error).toMatchObject({ reason: 'rejected', message: 'You declined the switch to Sepolia in your wallet.' });
    const declinedAdd = await switchNetwork(wallet({ answers: { wallet_addEthereumChain: 4001 } }).provider, network).catch((e) => e);
    expect(declinedAdd).toMatchObject({ reason: 'rejected' });
  });

  test('says in words that the wallet cannot switch networks', async () => {
    for (const code of [4200, -32601]) {
      const error = await switchNetwork(wallet({ answers: { wallet_switchEthereumChain: code } }).provider, network).catch((e) => e);
      expect(error).toMatchObject({
        reason: 'unsupported',
        message: 'Your wallet cannot switch networks for a site. Switch it by hand to Sepolia: chain id 11155111, RPC https://rpc.sepolia.example.',
      });
    }
  });
});
