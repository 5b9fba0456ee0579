import type { Address, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { paymentPolicyAbi, treasuryAbi } from '../abis/generated.js';
import type { ContractRevertedErrorType } from '../errors/contract.js';
import type { ChainMismatchErrorType, ContractNotFoundErrorType, RpcUnreachableErrorType } from '../errors/rpc.js';
import type { TreasurerLimits } from '../types/policy.js';
import { getReadError } from '../errors/getReadError.js';

export type ReadTreasurerLimitsParameters = {
  /** The Treasury contract. */
  address: Address;
  treasurer: Address;
  /** The token to pay in; the zero address for the native coin. */
  token: Address;
  /** Recipients to learn about: whether the treasury ever paid each (the first-payment cap applies if not). */
  recipients?: readonly Address[] | undefined;
};

export type ReadTreasurerLimitsReturnType = TreasurerLimits;

export type ReadTreasurerLimitsErrorType =
  | RpcUnreachableErrorType
  | ChainMismatchErrorType
  | ContractNotFoundErrorType
  | ContractRevertedErrorType
  | Error;

/**
 * Reads everything that bounds a treasurer's next payouts in one token: the budget left this period,
 * what the daily window already holds, the policy's limits for the token, and which recipients the
 * treasury has paid before. A page uses it to refuse a payout in words before any wallet window opens.
 *
 * - Docs: sdk/README.md#readtreasurerlimits
 * - JSON-RPC Method: [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call) to
 *   `policy()`, `budget`, `dailyWindow`, `paidBefore`, `recipientWindow` (Treasury) and `tokenLimits` (PaymentPolicy)
 *
 * @param client - Client to use.
 * @param parameters - {@link ReadTreasurerLimitsParameters}
 * @returns {@link ReadTreasurerLimitsReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { localDeployment, readTreasurerLimits } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const limits = await readTreasurerLimits(client, {
 *   address: localDeployment.contracts.treasury,
 *   treasurer: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
 *   token: localDeployment.contracts.demoStablecoin!,
 *   recipients: ['0x976EA74026E726554dB657fA54763abd0C3a0aa9'],
 * })
 */
export async function readTreasurerLimits(
  client: Client<Transport, Chain | undefined>,
  parameters: ReadTreasurerLimitsParameters,
): Promise<ReadTreasurerLimitsReturnType> {
  const { address, treasurer, token, recipients = [] } = parameters;
  const unique = [...new Set(recipients.map((recipient) => recipient.toLowerCase() as Address))];
  try {
    const policy = await readContract(client, { address, abi: treasuryAbi, functionName: 'policy' });
    const [budget, dailyWindow, limits, paid] = await Promise.all([
      readContract(client, { address, abi: treasuryAbi, functionName: 'budget', args: [treasurer, token] }),
      readContract(client, { address, abi: treasuryAbi, functionName: 'dailyWindow', args: [treasurer, token] }),
      readContract(client, { address: policy, abi: paymentPolicyAbi, functionName: 'tokenLimits', args: [token] }),
      Promise.all(
        unique.map((recipient) =>
          readContract(client, { address, abi: treasuryAbi, functionName: 'paidBefore', args: [recipient] }),
        ),
      ),
    ]);
    const windows = await Promise.all(
      unique.map((recipient) =>
        readContract(client, { address, abi: treasuryAbi, functionName: 'recipientWindow', args: [recipient, token] }),
      ),
    );
    return {
      budget: { ...budget },
      dailyWindow: { ...dailyWindow },
      limits: {
        token,
        maxSinglePayment: limits.maxSinglePayment,
        dailyCap: limits.dailyCap,
        maxFirstPayment: limits.maxFirstPayment,
      },
      paidBefore: Object.fromEntries(unique.map((recipient, i) => [recipient, paid[i] ?? false])),
      recipientWindows: Object.fromEntries(
        unique.flatMap((recipient, i) => {
          const window = windows[i];
          return window ? [[recipient, { paid: window.paid, isNew: window.isNew }]] : [];
        }),
      ),
    };
  } catch (error) {
    throw await getReadError(client, { error, address, contractName: 'Treasury' });
  }
}
