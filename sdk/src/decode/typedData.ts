import type { Address, Hex } from 'viem';
import type { Effect } from '../effects/types.js';
import { readDaiPermit } from './daiPermit.js';
import { readErc2612Permit } from './eip2612.js';
import { readEip3009 } from './eip3009.js';
import type { InvalidPayRequestError } from './errors.js';
import type { TypedDataContext, TypedDataDomain, TypedDataReader, TypedDataStandard } from './typedDataKinds.js';
import { readPermit2 } from './permit2.js';
import { readBlurOrder } from './orders/blur.js';
import { readCowOrder } from './orders/cow.js';
import { readLooksRareOrder } from './orders/looksRare.js';
import { readOneInchOrder } from './orders/oneInch.js';
import { readUniswapXOrder } from './orders/uniswapx.js';
import { readZeroExOrder } from './orders/zeroEx.js';
import { readSafeTx, type SafeDelegateCall } from './safeTx.js';
import { readSeaport } from './seaport.js';
import { fail, parseTypedData, type TypedDataField } from './typedDataSchema.js';
import { type TypedDataNode, typedDataTree } from './typedDataTree.js';
import { shortAddress } from './words.js';

/** What an `eth_signTypedData_v4` request asks the signer to sign, and what signing it lets others do. */
export type DecodedTypedData = {
  kind: 'typedData';
  standard: TypedDataStandard;
  primaryType: string;
  domain: TypedDataDomain;
  /** What signing it lets others do with the signer's assets (allowances, assets leaving/arriving). Empty for 'other'. */
  effects: Effect[];
  /** One plain sentence naming what is signed. Tokens are addresses: the window re-titles them with symbols. */
  summary: string;
  /** The signer the message names (permit owner, Seaport offerer, EIP-3009 `from`), if any: must equal the signing account. */
  signer?: Address | undefined;
  /**
   * A Safe transaction's delegatecalls (empty for anything else), each with the Safe library it reaches: a
   * delegatecall to anything but a Safe library can move everything the Safe holds.
   */
  delegateCalls: SafeDelegateCall[];
  /** Readable trees: the domain and the message, with nested structs and arrays. */
  domainTree: TypedDataNode[];
  messageTree: TypedDataNode[];
  /**
   * Exactly what the page declared, ready for viem's `signTypedData` / `hashTypedData`: `types` includes the
   * page's own `EIP712Domain` (never re-derived from the domain object), `domain` holds only the fields that
   * `EIP712Domain` declares, `message` only declared fields. Integers are bigints.
   */
  definition: {
    domain: Record<string, unknown>;
    types: Record<string, TypedDataField[]>;
    primaryType: string;
    message: Record<string, unknown>;
  };
};

export type DecodeTypedDataErrorType = InvalidPayRequestError;

export type DecodeTypedDataOptions = {
  /**
   * The account asked to sign. An order that does not name its signer (a CoW Protocol order names only a
   * receiver) pays the signer only when its receiver is this account; without it, such proceeds are taken as
   * going to someone else.
   */
  account?: Address | undefined;
};

/** Readers of the known standards; their declared types never overlap, so at most one matches. */
// UniswapX orders are Permit2 witness transfers: their reader comes before Permit2's, which reads any witness.
const READERS: readonly TypedDataReader[] = [
  readErc2612Permit,
  readDaiPermit,
  readEip3009,
  readUniswapXOrder,
  readPermit2,
  readSeaport,
  readCowOrder,
  readOneInchOrder,
  readZeroExOrder,
  readBlurOrder,
  readLooksRareOrder,
  readSafeTx,
];

/**
 * Decodes EIP-712 typed data (an object, or the JSON text `eth_signTypedData_v4` carries): checks it against
 * its own declared types, recognises the standard it follows by those types (EIP-2612 and DAI permits, every
 * Permit2 message, EIP-3009 authorisations, the orders of Seaport, CoW Protocol, UniswapX, 1inch, 0x, Blur and LooksRare, and Safe transactions with their delegatecalls) and says what signing it lets others do as
 * {@link Effect}s, judged by the same rules as payments. Anything else is `other`: shown as a tree.
 *
 * Throws an `InvalidPayRequestError` for malformed typed data: not JSON, no `types`, an undeclared
 * `primaryType` or field type, types that refer to themselves, values that do not fit their types, more
 * than 256 KB or nested too deep.
 *
 * @example
 * import { decodeTypedData } from '@commonguard/sdk/decode'
 * const decoded = decodeTypedData(params[1])
 * decoded.effects // [{ kind: 'allowance', token, spender, amount, unlimited, via: 'permit', expiresAt }]
 * await account.signTypedData(decoded.definition) // hashes exactly what the page declared
 */
export function decodeTypedData(input: unknown, options: DecodeTypedDataOptions = {}): DecodedTypedData {
  const data = parseTypedData(input);
  const domain = readDomain(data.domain);
  const context: TypedDataContext = {
    types: data.types,
    primaryType: data.primaryType,
    message: data.message,
    domain,
    account: options.account,
    token: (what) => {
      if (domain.verifyingContract === undefined)
        fail(`${what} must name its token as the domain's "verifyingContract"`);
      return domain.verifyingContract;
    },
  };
  let known = undefined as ReturnType<TypedDataReader>;
  for (const reader of READERS) {
    known = reader(context);
    if (known) break;
  }
  return {
    kind: 'typedData',
    standard: known?.standard ?? 'other',
    primaryType: data.primaryType,
    domain,
    effects: known?.effects ?? [],
    summary: known?.summary ?? otherSummary(data.primaryType, domain),
    signer: known?.signer,
    delegateCalls: known?.delegateCalls ?? [],
    domainTree: typedDataTree(data.types, 'EIP712Domain', data.domain),
    messageTree: typedDataTree(data.types, data.primaryType, data.message),
    definition: { domain: data.domain, types: data.types, primaryType: data.primaryType, message: data.message },
  };
}

function readDomain(domain: Record<string, unknown>): TypedDataDomain {
  const result: TypedDataDomain = {};
  if (typeof domain.name === 'string') result.name = domain.name;
  if (typeof domain.version === 'string') result.version = domain.version;
  if (typeof domain.chainId === 'bigint') {
    if (domain.chainId > BigInt(Number.MAX_SAFE_INTEGER)) fail(`"domain.chainId" is not a valid chain id (${domain.chainId})`);
    result.chainId = Number(domain.chainId);
  }
  if (typeof domain.verifyingContract === 'string') result.verifyingContract = domain.verifyingContract as Address;
  if (typeof domain.salt === 'string') result.salt = domain.salt as Hex;
  return result;
}

function otherSummary(primaryType: string, domain: TypedDataDomain): string {
  const app = domain.name === undefined ? '' : ` for ${JSON.stringify(domain.name)}`;
  const contract = domain.verifyingContract === undefined ? '' : ` (contract ${shortAddress(domain.verifyingContract)})`;
  return `Sign a ${JSON.stringify(primaryType)} message${app}${contract}; the wallet cannot tell what it allows.`;
}
