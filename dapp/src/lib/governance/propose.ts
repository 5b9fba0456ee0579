import { encodeAbiParameters, keccak256, toBytes, type Hex } from 'viem';
import type { ProposalAction } from '../indexer/types.js';

/** The governor's proposal id, computed the way OpenZeppelin's `hashProposal` does. */
export function proposalId(actions: ProposalAction[], description: string): bigint {
  const encoded = encodeAbiParameters(
    [{ type: 'address[]' }, { type: 'uint256[]' }, { type: 'bytes[]' }, { type: 'bytes32' }],
    [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata), keccak256(toBytes(description))],
  );
  return BigInt(keccak256(encoded));
}

/** The on-chain description: the title as a markdown heading, then the body. */
export function proposalDescription(title: string, body: string): string {
  return `# ${title.trim()}\n\n${body.trim()}`.trim();
}

export type ProposeArgs = readonly [`0x${string}`[], bigint[], Hex[], string];
export function proposeArgs(actions: ProposalAction[], description: string): ProposeArgs {
  return [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata), description];
}
