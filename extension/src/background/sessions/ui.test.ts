import type { Address } from 'viem';
import { describe, expect, test } from 'vitest';
import { Sessions, type StoredSession } from './Sessions.js';
import { sessionUiHandlers } from './ui.js';

const SITE = 'https://shop.example';
const ACCOUNT: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const TOKEN: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

function memory<T>() {
  let value: T | null = null;
  return { getValue: async () => value, setValue: async (next: T | null) => void (value = next) };
}

async function grantOn(sessions: Sessions, chainId: number) {
  return sessions.grant({
    origin: SITE,
    account: ACCOUNT,
    request: { chainId, token: TOKEN, payee: null, amountPerPeriod: 2_000_000n, periodSeconds: 86_400, expiry: Math.floor(Date.now() / 1000) + 86_400 },
    amountPerPeriod: 2_000_000n,
    policyVersion: '1',
  });
}

describe('the popup’s session list', () => {
  test('lists only the sessions of the network in use', async () => {
    const sessions = new Sessions({ item: memory<StoredSession[]>() });
    const local = await grantOn(sessions, 31337);
    const other = await grantOn(sessions, 31338);
    let inUse = 31337;
    const ui = sessionUiHandlers({ sessions, chainId: async () => inUse, tokenInfo: async () => ({ symbol: 'cgUSD', decimals: 6 }) });
    expect((await ui.getSessions()).map((session) => session.id)).toEqual([local.id]);
    inUse = 31338;
    expect((await ui.getSessions()).map((session) => session.id)).toEqual([other.id]);
  });

  test('a session the community’s new rules ended is listed with why, until dismissed', async () => {
    const sessions = new Sessions({ item: memory<StoredSession[]>() });
    const ended = await grantOn(sessions, 31337);
    await sessions.end(ended.id, 'The community blocked this site.');
    const ui = sessionUiHandlers({ sessions, chainId: async () => 31337, tokenInfo: async () => ({ symbol: 'cgUSD', decimals: 6 }) });
    expect(await ui.getSessions()).toMatchObject([{ id: ended.id, ended: 'The community blocked this site.' }]);
    await ui.revokeSession({ id: ended.id });
    expect(await ui.getSessions()).toEqual([]);
  });
});
