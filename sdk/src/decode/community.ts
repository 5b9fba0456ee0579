import {
  type Abi,
  type AbiFunction,
  type Address,
  decodeFunctionData,
  encodeAbiParameters,
  getAddress,
  type Hex,
  isAddress,
  isAddressEqual,
  keccak256,
  slice,
  stringToHex,
  toFunctionSelector,
} from 'viem';
import { communityGovernorAbi, communityTokenAbi, treasuryAbi } from '../abis/generated.js';

/** The deployment's own contracts (as `Deployment.contracts` names them). */
export type CommunityContracts = { governor: Address; token: Address; timelock: Address; treasury: Address; paymentPolicy: Address };

/** A proposal's actions, as the governor hashes them into its id. */
type ProposalActions = { targets: Address[]; values: bigint[]; calldatas: Hex[] };

/** A call to one of the community's own contracts, in the words the wallet shows for it. */
export type CommunityCall =
  | { kind: 'vote'; proposalId: bigint; support: 'against' | 'for' | 'abstain'; reason?: string; params?: Hex }
  | { kind: 'delegate'; delegatee: Address }
  | ({ kind: 'propose'; description: string; /** The id the proposal will have. */ proposalId: bigint } & ProposalActions)
  | ({
      kind: 'queue' | 'execute' | 'cancel';
      descriptionHash: Hex;
      /** The proposal's id, as the governor computes it from the actions and the description hash. */
      proposalId: bigint;
    } & ProposalActions)
  | {
      /** The governor's `queue(id)` / `execute(id)` / `cancel(id)`: the actions are the stored proposal's, not in the call. */
      kind: 'queue' | 'execute' | 'cancel';
      proposalId: bigint;
      targets?: undefined;
      values?: undefined;
      calldatas?: undefined;
      descriptionHash?: undefined;
    }
  | { kind: 'treasurerPayout'; token: Address; to: Address; amount: bigint; memo: string }
  | { kind: 'treasurerBatch'; token: Address; payouts: Array<{ to: Address; amount: bigint; memo: string }> };

const SUPPORT = ['against', 'for', 'abstain'] as const;

/** The functions described in words, per contract; every other function is judged like any contract call. */
const NAMED: ReadonlyArray<{ contract: keyof CommunityContracts; abi: Abi; functions: readonly string[] }> = [
  {
    contract: 'governor',
    abi: communityGovernorAbi,
    functions: ['castVote', 'castVoteWithReason', 'castVoteWithReasonAndParams', 'propose', 'queue', 'execute', 'cancel'],
  },
  { contract: 'token', abi: communityTokenAbi, functions: ['delegate'] },
  { contract: 'treasury', abi: treasuryAbi, functions: ['payout', 'payoutBatch'] },
];

/**
 * Decodes a call to one of the deployment's own contracts: a vote, a delegation, a proposal, queue / execute /
 * cancel, a treasurer's payout or batch payout. `undefined` when `to` is none of them, or the calldata is not
 * exactly one of these functions in its standard encoding (trailing bytes, dirty padding, value sent to a
 * function that takes none): such a call is judged like any other contract call.
 *
 * @example
 * import { decodeCommunityCall } from '@commonguard/sdk/decode'
 * decodeCommunityCall(deployment.contracts, { to, data, value: 0n })
 * // { kind: 'vote', proposalId: 4235…n, support: 'for', reason: 'Coffee is essential' }
 */
export function decodeCommunityCall(contracts: CommunityContracts, call: { to: Address; data: Hex; value: bigint }): CommunityCall | undefined {
  if (typeof call.to !== 'string' || !isAddress(call.to, { strict: false })) return undefined;
  const named = NAMED.find(({ contract }) => isAddressEqual(contracts[contract], call.to));
  if (named === undefined || !/^0x([0-9a-fA-F]{2})*$/.test(call.data) || call.data.length < 10) return undefined;
  const selector = slice(call.data, 0, 4).toLowerCase();
  const item = named.abi.find(
    (entry): entry is AbiFunction => entry.type === 'function' && named.functions.includes(entry.name) && toFunctionSelector(entry) === selector,
  );
  if (item === undefined) return undefined;
  if (call.value !== 0n && item.stateMutability !== 'payable') return undefined;
  let args: readonly unknown[];
  try {
    args = decodeFunctionData({ abi: [item], data: call.data }).args ?? [];
    // Only the standard encoding: the same arguments re-encoded must be the whole calldata.
    if (`${selector}${encodeAbiParameters(item.inputs, args).slice(2)}` !== call.data.toLowerCase()) return undefined;
  } catch {
    return undefined;
  }
  return describe(item.name, args);
}

function describe(name: string, args: readonly unknown[]): CommunityCall | undefined {
  switch (name) {
    case 'castVote':
    case 'castVoteWithReason':
    case 'castVoteWithReasonAndParams': {
      const [proposalId, support, reason, params] = args as [bigint, number, string?, Hex?];
      const side = SUPPORT[support];
      if (side === undefined) return undefined; // the governor refuses any other vote type
      return {
        kind: 'vote',
        proposalId,
        support: side,
        ...(reason === undefined ? {} : { reason }),
        ...(params === undefined ? {} : { params }),
      };
    }
    case 'delegate':
      return { kind: 'delegate', delegatee: getAddress(args[0] as Address) };
    case 'propose': {
      const [targets, values, calldatas, description] = args as [Address[], bigint[], Hex[], string];
      const actions = { targets: targets.map((target) => getAddress(target)), values: [...values], calldatas: [...calldatas] };
      return { kind: 'propose', ...actions, description, proposalId: hashProposal(actions, keccak256(stringToHex(description))) };
    }
    case 'queue':
    case 'execute':
    case 'cancel': {
      if (args.length === 1) return { kind: name, proposalId: args[0] as bigint };
      const [targets, values, calldatas, descriptionHash] = args as [Address[], bigint[], Hex[], Hex];
      const actions = { targets: targets.map((target) => getAddress(target)), values: [...values], calldatas: [...calldatas] };
      return { kind: name, ...actions, descriptionHash, proposalId: hashProposal(actions, descriptionHash) };
    }
    case 'payout': {
      const [token, to, amount, memo] = args as [Address, Address, bigint, string];
      return { kind: 'treasurerPayout', token: getAddress(token), to: getAddress(to), amount, memo };
    }
    case 'payoutBatch': {
      const [token, payments] = args as [Address, ReadonlyArray<{ recipient: Address; amount: bigint; memo: string }>];
      return {
        kind: 'treasurerBatch',
        token: getAddress(token),
        payouts: payments.map((payment) => ({ to: getAddress(payment.recipient), amount: payment.amount, memo: payment.memo })),
      };
    }
    default:
      return undefined;
  }
}

/** OpenZeppelin Governor's `hashProposal`: the id of a proposal with these actions and description hash. */
export function hashProposal(actions: ProposalActions, descriptionHash: Hex): bigint {
  return BigInt(
    keccak256(
      encodeAbiParameters(
        [{ type: 'address[]' }, { type: 'uint256[]' }, { type: 'bytes[]' }, { type: 'bytes32' }],
        [actions.targets, actions.values, actions.calldatas, descriptionHash],
      ),
    ),
  );
}
