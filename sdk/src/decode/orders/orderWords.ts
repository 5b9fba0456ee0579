import type { Address } from 'viem';
import type { Effect } from '../../effects/types.js';
import { NATIVE_TOKEN } from '../types.js';
import { amountText, shortAddress, tokenText, untilText } from '../words.js';

/**
 * The sentence every signed order gets, whatever its protocol: what the signer gives, what comes back,
 * until when. Written once so that a Seaport listing and a CoW swap read alike in the window.
 */
export function orderSentence(effects: readonly Effect[], until: bigint | undefined, proceedsTo?: Address): string {
  const gives = effects.filter((effect) => effect.kind === 'assetOut' || effect.kind === 'itemOut').map(effectText);
  const gets = effects.filter((effect) => effect.kind === 'assetIn').map(effectText);
  const receive =
    gets.length > 0
      ? `receive ${joinText(gets)}`
      : proceedsTo === undefined
        ? 'receive nothing in return'
        : `receive nothing yourself: what it buys goes to ${shortAddress(proceedsTo)}`;
  return `Give ${joinText(gives.length === 0 ? ['nothing'] : gives)} and ${receive} (order open${untilText(until)}).`;
}

function effectText(effect: Effect): string {
  switch (effect.kind) {
    case 'assetOut': {
      const what = `${amountText(effect.amount)} of ${coinText(effect.token)}`;
      return effect.to === null ? `${what} to whoever fills the order` : `${what} to ${shortAddress(effect.to)} (fee)`;
    }
    case 'itemOut':
      return `${itemText(effect.standard, effect.token, effect.tokenId, effect.amount)} to whoever fills the order`;
    case 'assetIn':
      return effect.standard === 'native' || effect.standard === 'erc20'
        ? `${amountText(effect.amount)} of ${coinText(effect.token)}`
        : itemText(effect.standard, effect.token, effect.tokenId, effect.amount);
    default:
      return '';
  }
}

function coinText(token: Address): string {
  return token === NATIVE_TOKEN ? 'the native coin' : tokenText(token);
}

function itemText(standard: string, token: Address, tokenId: bigint | undefined, amount: bigint): string {
  const which = tokenId === undefined ? 'any item' : `item #${tokenId}`;
  const count = standard === 'erc1155' ? `${amountText(amount)} × ` : '';
  return `${count}${which} of collection ${shortAddress(token)}`;
}

export function joinText(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** `''` when the order is for one of the protocol's own contracts, else a note naming the contract. */
export function contractNote(contract: Address | undefined, known: readonly Address[], protocol: string): string {
  if (contract !== undefined && known.some((address) => address.toLowerCase() === contract.toLowerCase())) return '';
  return contract === undefined ? ' for no named contract' : ` for the contract ${shortAddress(contract)}, which is not a known ${protocol} contract`;
}

/** The same address, whatever the case of its hex digits. */
export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
