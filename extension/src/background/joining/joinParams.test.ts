import { describe, expect, test } from 'vitest';
import { ProviderRpcError } from '../../shared/rpcErrors.js';
import { parseJoinParams, parsePastedCommunity } from './joinParams.js';

const GOVERNOR = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0';

describe('wallet_joinCommunity parameters', () => {
  test('one object with the chain id in hexadecimal and the governor', () => {
    expect(parseJoinParams([{ chainId: '0x7a69', governor: GOVERNOR.toLowerCase() }])).toEqual({ chainId: 31337, governor: GOVERNOR });
  });

  test.each([
    ['no list', { chainId: '0x7a69', governor: GOVERNOR }, 'expects [{ chainId'],
    ['an empty list', [], 'expects [{ chainId'],
    ['two objects', [{ chainId: '0x7a69', governor: GOVERNOR }, {}], 'expects [{ chainId'],
    ['not an object', ['0x7a69'], 'expects [{ chainId'],
    ['a decimal chain id', [{ chainId: 31337, governor: GOVERNOR }], '"chainId" must be the chain id in hexadecimal'],
    ['a chain id with leading zeros', [{ chainId: '0x07a69', governor: GOVERNOR }], 'no leading zeros'],
    ['chain id 0', [{ chainId: '0x0', governor: GOVERNOR }], '"chainId"'],
    ['a chain id beyond safe integers', [{ chainId: `0x${'f'.repeat(16)}`, governor: GOVERNOR }], '"chainId"'],
    ['no governor', [{ chainId: '0x7a69' }], '"governor" must be the address'],
    ['a short governor', [{ chainId: '0x7a69', governor: '0x1234' }], '"governor" must be the address'],
    ['a wrong checksum', [{ chainId: '0x7a69', governor: '0x9Fe46736679d2D9a65F0992F2272dE9f3c7fa6e0' }], 'correct checksum'],
    ['another key', [{ chainId: '0x7a69', governor: GOVERNOR, policy: GOVERNOR }], 'does not take "policy"'],
  ])('%s: -32602, in words', (_name, params, message) => {
    let thrown: unknown;
    try {
      parseJoinParams(params);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProviderRpcError);
    expect((thrown as ProviderRpcError).code).toBe(-32602);
    expect((thrown as ProviderRpcError).message).toContain(message);
  });
});

describe('what the shopper pastes in Settings', () => {
  test('a link to the community’s page: its network and governor', () => {
    expect(parsePastedCommunity(`https://app.commonguard.example/10/${GOVERNOR}/proposals`, 31337)).toEqual({ chainId: 10, governor: GOVERNOR });
    expect(parsePastedCommunity(`  http://127.0.0.1:5173/31337/${GOVERNOR.toLowerCase()}  `, 1)).toEqual({ chainId: 31337, governor: GOVERNOR });
    expect(parsePastedCommunity(`https://dapp.example/#/8453/${GOVERNOR}/treasury`, 1)).toEqual({ chainId: 8453, governor: GOVERNOR });
  });

  test('the governor’s address alone: on the network in use', () => {
    expect(parsePastedCommunity(GOVERNOR, 31337)).toEqual({ chainId: 31337, governor: GOVERNOR });
  });

  test.each([
    ['nothing', '', 'Paste a link'],
    ['words', 'my community', 'Paste a link'],
    ['a link without a community', 'https://dapp.example/proposals', 'does not name a community'],
    ['a wrong checksum', '0x9Fe46736679d2D9a65F0992F2272dE9f3c7fa6e0', 'wrong checksum'],
    ['a link with a wrong checksum', 'https://dapp.example/1/0x9Fe46736679d2D9a65F0992F2272dE9f3c7fa6e0/', 'wrong checksum'],
    ['another scheme', `javascript:1/${GOVERNOR}`, 'Paste a link'],
  ])('%s: a sentence saying what to paste', (_name, text, message) => {
    const parsed = parsePastedCommunity(text, 31337);
    expect('error' in parsed && parsed.error).toContain(message);
  });
});
