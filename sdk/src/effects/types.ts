import type { Address } from 'viem';

/**
 * What a request does to the signer's assets: the facts the wallet judges, whatever the request looks
 * like. Found by simulating a transaction (`eth_simulateV1` with `traceTransfers`), or by decoding a
 * signature or calldata where no simulation can run. Amounts are in the token's base units.
 */
export type Effect = AssetOut | AssetIn | ItemOut | AllowanceGranted | OperatorGranted;

/** Native coin or ERC-20 tokens leaving the signer: a payment to `to`. */
export type AssetOut = {
  kind: 'assetOut';
  /** `address(0)` for the chain's native coin. */
  token: Address;
  /**
   * Who receives it. `null` when nobody is named in advance (a signed order that whoever fills it
   * may take).
   */
  to: Address | null;
  amount: bigint;
};

/** Native coin, tokens or items arriving at the signer (what a swap or an order gives back). */
export type AssetIn = {
  kind: 'assetIn';
  token: Address;
  standard: 'native' | 'erc20' | 'erc721' | 'erc1155';
  /** Who sends it; `null` when not known in advance (an order's fulfiller). */
  from: Address | null;
  amount: bigint;
  /** Set for ERC-721 / ERC-1155. */
  tokenId?: bigint | undefined;
};

/** An ERC-721 or ERC-1155 item leaving the signer. */
export type ItemOut = {
  kind: 'itemOut';
  /** The collection's contract. */
  token: Address;
  standard: 'erc721' | 'erc1155';
  /** `null` when nobody is named in advance (an order). */
  to: Address | null;
  /** `undefined` when any item of the collection may go (an order's criteria item). */
  tokenId: bigint | undefined;
  amount: bigint;
};

/** How an allowance was granted: each has its own risks, the rules treat them alike. */
export type AllowanceKind = 'erc20' | 'permit' | 'daiPermit' | 'permit2' | 'permit2Transfer';

/**
 * The signer lets `spender` take up to `amount` of `token` (ERC-20 `approve`/`increaseAllowance`,
 * EIP-2612 and DAI permits, Permit2 allowances and signature transfers).
 */
export type AllowanceGranted = {
  kind: 'allowance';
  token: Address;
  spender: Address;
  amount: bigint;
  /** At or above the unlimited threshold (or a DAI permit with `allowed: true`). */
  unlimited: boolean;
  via: AllowanceKind;
  /** Unix seconds after which the allowance or signature no longer works; `undefined` if it never expires. */
  expiresAt?: bigint | undefined;
};

/** `setApprovalForAll(operator, approved)` on an ERC-721 / ERC-1155 collection (or a Permit2-like operator). */
export type OperatorGranted = {
  kind: 'operator';
  token: Address;
  operator: Address;
  /** `false` revokes: harmless, but still shown. */
  approved: boolean;
  /** Set for an ERC-721 `approve(spender, tokenId)`: the operator may take only this item. */
  tokenId?: bigint | undefined;
};

/**
 * How the wallet knows a request's effects:
 * - `simulation`: the node ran it and the effects are what the simulation reported;
 * - `decoding`: read from the calldata or the signed message (no simulation could run, or a signature);
 * - `unknown`: the wallet cannot tell what it does (an unreadable call it could not simulate).
 */
export type EffectsBasis = 'simulation' | 'decoding' | 'unknown';

/** A request's effects and how they were found. */
export type RequestEffects = {
  basis: EffectsBasis;
  effects: readonly Effect[];
  /** Why the basis is weaker than `simulation`, in plain words, for the window ("The node cannot simulate …"). */
  note?: string | undefined;
};
