import { type Address, getContractAddress } from 'viem';
import type { Effect } from '../effects/types.js';
import type { PayAction } from './types.js';

export type EffectsFromDecodingParameters = {
  /** What the calldata (or payment link) was decoded into. */
  action: PayAction;
  /** The signer. */
  account: Address;
  /** The signer's next nonce, to name the contract a deployment creates; `undefined` if not known. */
  nonce?: number | undefined;
};

export type EffectsFromDecodingReturnType = {
  effects: Effect[];
  /** The calldata says more than its decoding shows (an opaque call or a deployment): the wallet cannot tell all it does. */
  opaque: boolean;
};

export type EffectsFromDecodingErrorType = never;

/**
 * The effects a decoded call names, for when no simulation can run: a transfer pays its recipient,
 * an approval grants an allowance, an opaque call or a deployment pays the value it sends and is
 * marked `opaque` (what its code does cannot be read from the calldata).
 *
 * @example
 * import { effectsFromDecoding } from '@commonguard/sdk/decode'
 * const { effects, opaque } = effectsFromDecoding({ action: decodeTransaction(tx), account })
 */
export function effectsFromDecoding({ action, account, nonce }: EffectsFromDecodingParameters): EffectsFromDecodingReturnType {
  switch (action.kind) {
    case 'nativeTransfer':
      return { effects: action.amount > 0n ? [{ kind: 'assetOut', token: action.token, to: action.to, amount: action.amount }] : [], opaque: false };
    case 'tokenTransfer': {
      // transferFrom moves someone else's tokens unless the signer names itself as the source.
      const mine = action.method === 'transfer' || action.from?.toLowerCase() === account.toLowerCase();
      return { effects: mine ? [{ kind: 'assetOut', token: action.token, to: action.to, amount: action.amount }] : [], opaque: !mine };
    }
    case 'tokenApproval':
      return {
        effects: [
          {
            kind: 'allowance',
            token: action.token,
            spender: action.spender,
            amount: action.amount,
            unlimited: action.unlimited,
            via: action.method === 'permit' ? 'permit' : 'erc20',
            ...(action.deadline !== undefined ? { expiresAt: action.deadline } : {}),
          },
        ],
        opaque: false,
      };
    case 'contractCall': {
      const to = action.to ?? (nonce === undefined ? null : getContractAddress({ from: account, nonce: BigInt(nonce) }));
      return { effects: action.value > 0n ? [{ kind: 'assetOut', token: '0x0000000000000000000000000000000000000000', to, amount: action.value }] : [], opaque: true };
    }
  }
}
