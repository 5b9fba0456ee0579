import { expect, test } from 'vitest';
import { decodeTypedData } from '../decode/index.js';
import { transferAuthorisation } from './transferAuthorisation.js';

const token = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const from = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const to = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';

test('builds the authorisation a page signs, which the wallet reads as one payment to the payee', () => {
  const typed = transferAuthorisation({ token, from, to, value: 50_000n, validBefore: 1_800_000_000, nonce: 'issue 1' });
  const decoded = decodeTypedData(JSON.stringify(typed), { account: from });
  expect(decoded).toMatchObject({ standard: 'eip3009Transfer', effects: [{ kind: 'assetOut', token, to, amount: 50_000n }] });
  expect(decoded.definition.message).toMatchObject({ validAfter: 0n, validBefore: 1_800_000_000n });
  // A new text is a new nonce: another authorisation.
  expect(transferAuthorisation({ token, from, to, value: 50_000n, validBefore: 1_800_000_000, nonce: 'issue 2' }).message.nonce).not.toBe(typed.message.nonce);
});
