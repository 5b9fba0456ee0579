import { describe, expect, test } from 'vitest';
import type { HistoryEntry } from '../history/History.js';
import { toHistoryView } from '../ui/UiApi.js';
import { contextOf, parseGrantRequest, parseRevokeRequest } from './grantRequest.js';
import { groupedHistoryViews } from './historyGroups.js';

const NOW = 1_796_644_800; // unix seconds
const USD = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const SHOP = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const valid = {
  chainId: '0x7a69',
  expiry: NOW + 86_400,
  permission: { type: 'erc20-token-periodic', data: { tokenAddress: USD.toLowerCase(), periodAmount: '0x1e8480', periodDuration: 86_400, justification: 'Newsletter issues' } },
  rules: [{ type: 'payee', data: { address: SHOP } }],
};

describe('wallet_grantPermissions parameters', () => {
  test('the ERC-7715 shape is read into a session request', () => {
    expect(parseGrantRequest([valid], NOW)).toMatchObject({ type: 'erc20-token-periodic', chainId: 31337, token: USD, payee: SHOP, amountPerPeriod: 2_000_000n, periodSeconds: 86_400, expiry: NOW + 86_400, justification: 'Newsletter issues' });
    const native = parseGrantRequest([{ chainId: 31337, expiry: NOW + 60, permission: { type: 'native-token-periodic', data: { periodAmount: '1000', periodDuration: '0xe10' } } }], NOW);
    expect(native).toMatchObject({ token: '0x0000000000000000000000000000000000000000', payee: null, amountPerPeriod: 1000n, periodSeconds: 3600 });
  });

  test.each([
    ['no list', valid, 'expects a list with one permission request'],
    ['two requests', [valid, valid], 'expects a list with one permission request'],
    ['an expiry in the past', [{ ...valid, expiry: NOW }], '"expiry" is in the past'],
    ['an expiry a year away', [{ ...valid, expiry: NOW + 365 * 86_400 }], 'at most 30 days away'],
    ['another permission type', [{ ...valid, permission: { ...valid.permission, type: 'erc20-token-stream' } }], 'grants only'],
    ['a zero amount', [{ ...valid, permission: { ...valid.permission, data: { ...valid.permission.data, periodAmount: '0x0' } } }], 'periodAmount'],
    ['an amount as a fraction', [{ ...valid, permission: { ...valid.permission, data: { ...valid.permission.data, periodAmount: '1.5' } } }], 'periodAmount'],
    ['a period of one second', [{ ...valid, permission: { ...valid.permission, data: { ...valid.permission.data, periodDuration: 1 } } }], 'periodDuration'],
    ['no token address', [{ ...valid, permission: { ...valid.permission, data: { periodAmount: '0x1', periodDuration: 86_400 } } }], 'tokenAddress'],
    ['a future start', [{ ...valid, permission: { ...valid.permission, data: { ...valid.permission.data, startTime: NOW + 3600 } } }], 'startTime'],
    ['an unknown rule', [{ ...valid, rules: [{ type: 'expiry', data: {} }] }], 'the only rule'],
    ['a bad payee', [{ ...valid, rules: [{ type: 'payee', data: { address: '0x12' } }] }], 'must be an address'],
  ])('%s is refused with -32602 in words', (_name, params, words) => {
    expect(() => parseGrantRequest(params, NOW)).toThrow(expect.objectContaining({ code: -32602, message: expect.stringContaining(words) }));
  });

  test('wallet_revokePermissions names one session by its context, or all of the site’s', () => {
    const id = '0b7a3c1e-9f1e-4c1a-8d1e-1a2b3c4d5e6f';
    expect(parseRevokeRequest([{ permissionContext: contextOf(id) }])).toEqual({ context: '0x0b7a3c1e9f1e4c1a8d1e1a2b3c4d5e6f' });
    expect(parseRevokeRequest([])).toEqual({ all: true });
    expect(() => parseRevokeRequest([{ permissionContext: 'abc' }])).toThrow(expect.objectContaining({ code: -32602 }));
  });
});

test('the history groups a session’s payments into one entry with their total, each still inside it', () => {
  const entry = (id: string, amount: string, session?: string): HistoryEntry => ({
    id,
    at: 1000 + Number(id),
    account: SHOP,
    origin: 'http://localhost:5174',
    kind: 'contractCall',
    token: USD,
    symbol: 'cgUSD',
    decimals: 6,
    to: SHOP,
    amount,
    score: 0,
    level: 'allow',
    policyVersion: '8',
    outcome: 'signed',
    ...(session ? { session } : {}),
  });
  // Newest first, as the history lists them.
  const views = groupedHistoryViews([entry('5', '50000', 's'), entry('4', '1000000'), entry('3', '50000', 's'), entry('2', '50000', 's')], (e) => toHistoryView(e, null, null));
  expect(views.map((view) => view.title)).toEqual(['Payment session: 3 payments, 0.15 cgUSD in all', 'Contract call 1 cgUSD']);
  expect(views[0]?.session?.payments.map((view) => view.id)).toEqual(['5', '3', '2']);
});
