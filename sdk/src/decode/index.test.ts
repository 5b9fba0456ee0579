import { expect, test } from 'vitest';
import * as decode from './index.js';

test('exports (any change to the public API shows up here)', () => {
  expect(Object.keys(decode).sort()).toMatchInlineSnapshot(`
    [
      "DecodeError",
      "EIP3009_TYPES",
      "InvalidPayRequestError",
      "InvalidPaymentLinkError",
      "MAX_BATCH_CALLS",
      "MAX_MESSAGE_BYTES",
      "MAX_TYPED_DATA_BYTES",
      "MAX_TYPED_DATA_DEPTH",
      "MAX_UINT256",
      "NATIVE_TOKEN",
      "PERMIT2_ADDRESS",
      "SAFE_LIBRARIES",
      "SAFE_TX_TYPES",
      "SEAPORT_ADDRESSES",
      "UNLIMITED_APPROVAL_THRESHOLD",
      "decodeCalls",
      "decodeCommunityCall",
      "decodeMessage",
      "decodeTransaction",
      "decodeTypedData",
      "effectsFromDecoding",
      "hashProposal",
      "parsePaymentLink",
    ]
  `);
});
