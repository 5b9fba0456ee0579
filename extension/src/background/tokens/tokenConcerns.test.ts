import type { Effect } from '@commonguard/sdk/effects';
import { describe, expect, test } from 'vitest';
import { listedSymbolsOf, tokenConcerns } from './tokenConcerns.js';
import { unreadableToken } from './TokenDirectory.js';

const listedUsd = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const fakeUsd = '0x1111111111111111111111111111111111111111';
const fakeEth = '0x2222222222222222222222222222222222222222';
const weird = '0x3333333333333333333333333333333333333333';
const nft = '0x4444444444444444444444444444444444444444';
const merchant = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const listed = listedSymbolsOf([{ token: listedUsd, info: { symbol: 'cgUSD', decimals: 6 } }]);

describe('tokens a person must know about before signing', () => {
  test('a token the community does not list that uses a listed symbol, or the native coin’s, is shown with its address and is a concern', () => {
    const effects: Effect[] = [
      { kind: 'assetIn', token: fakeUsd, standard: 'erc20', from: merchant, amount: 5n },
      { kind: 'assetIn', token: fakeEth, standard: 'erc20', from: merchant, amount: 5n },
    ];
    const { tokens, concerns } = tokenConcerns(effects, { [fakeUsd.toLowerCase()]: { symbol: 'CGUSD', decimals: 6 }, [fakeEth.toLowerCase()]: { symbol: 'eth', decimals: 18 } }, listed);
    expect(tokens[fakeUsd.toLowerCase()]?.symbol).toBe('CGUSD (0x1111…1111)');
    expect(tokens[fakeEth.toLowerCase()]?.symbol).toBe('eth (0x2222…2222)');
    expect(concerns.map((concern) => concern.rule)).toEqual(['copycatToken', 'copycatToken']);
    expect(concerns[0]?.message).toContain(fakeUsd);
    expect(concerns[0]?.message).toContain('not the CGUSD your community lists (0x5FbD…0aa3)');
    expect(concerns[1]?.message).toContain('the network’s own coin, ETH');
  });

  test('on a network whose coin is not ETH, a token using the coin\'s symbol is a copycat too, and so is one calling itself ETH', () => {
    const onPolygon = listedSymbolsOf([{ token: listedUsd, info: { symbol: 'cgUSD', decimals: 6 } }], 'POL');
    const effects: Effect[] = [
      { kind: 'assetIn', token: fakeUsd, standard: 'erc20', from: merchant, amount: 5n },
      { kind: 'assetIn', token: fakeEth, standard: 'erc20', from: merchant, amount: 5n },
    ];
    const { concerns } = tokenConcerns(effects, { [fakeUsd.toLowerCase()]: { symbol: 'pol', decimals: 18 }, [fakeEth.toLowerCase()]: { symbol: 'ETH', decimals: 18 } }, onPolygon, 'POL');
    expect(concerns.map((concern) => concern.message)).toEqual([
      expect.stringContaining('is not the network’s own coin, POL'),
      expect.stringContaining('is not the network’s own coin, ETH'),
    ]);
  });

  test('the listed token itself, and tokens with their own symbols, are shown as they are', () => {
    const effects: Effect[] = [
      { kind: 'assetOut', token: listedUsd, to: merchant, amount: 5n },
      { kind: 'assetOut', token: fakeUsd, to: merchant, amount: 5n },
    ];
    const read = { [listedUsd.toLowerCase()]: { symbol: 'cgUSD', decimals: 6 }, [fakeUsd.toLowerCase()]: { symbol: 'BEANS', decimals: 6 } };
    expect(tokenConcerns(effects, read, listed)).toEqual({ tokens: read, concerns: [] });
  });

  test('a token whose amounts cannot be read is a concern; an NFT collection (no decimals by nature) is not', () => {
    const effects: Effect[] = [
      { kind: 'assetOut', token: weird, to: merchant, amount: 5n },
      { kind: 'itemOut', token: nft, standard: 'erc721', to: merchant, tokenId: 1n, amount: 1n },
    ];
    const { concerns } = tokenConcerns(effects, { [weird.toLowerCase()]: unreadableToken(weird), [nft.toLowerCase()]: unreadableToken(nft) }, listed);
    expect(concerns).toHaveLength(1);
    expect(concerns[0]).toMatchObject({ rule: 'unreadableToken' });
    expect(concerns[0]?.message).toContain(weird);
    expect(unreadableToken(weird)).toEqual({ symbol: 'units of the unreadable token 0x3333…3333', decimals: 0, unreadable: true });
  });
});
