import { decodeCalls, decodeMessage, decodeTransaction, decodeTypedData, DecodeError, type PayAction, parsePaymentLink } from '@commonguard/sdk/decode';
import { type Address, type Hex, isAddress, isHex } from 'viem';
import { PAY_LINK_METHOD } from '../../shared/pageProtocol.js';
import { ProviderRpcError, rpcError } from '../../shared/rpcErrors.js';
import type { ChainAccess } from '../chain/ChainAccess.js';
import type { Pipeline } from '../pipeline/Pipeline.js';
import type { Call, SessionGate, TransactionSource } from '../pipeline/types.js';
import { describeChainError } from '../policy/PolicyCache.js';
import type { AccountAccess } from './AccountAccess.js';
import { ATOMICITY_NOT_SUPPORTED, CallBatches, type RawReceipt } from './CallBatches.js';
import { parseFeeFields } from '../transactions/fees.js';
import { type MethodTable, positional } from './ProviderRpc.js';

export type PaymentMethodsOptions = {
  access: AccountAccess;
  pipeline: Pipeline;
  chain: ChainAccess;
  batches: CallBatches;
  /** The session gate of a chain (see `sessions/`): a site's payment session may sign without a window. */
  sessionGate?: ((chainId: number) => SessionGate) | undefined;
};

/**
 * Wiring of everything that moves money or signs: eth_sendTransaction, wallet_sendCalls,
 * eth_signTypedData_v4, personal_sign and payment links. Each handler reads its parameters, checks
 * the chain and the account, and hands the request to the one {@link Pipeline}.
 */
export function paymentMethods(options: PaymentMethodsOptions): MethodTable {
  const { access, pipeline, chain, batches, sessionGate } = options;
  const gateOf = async () => (sessionGate ? sessionGate((await chain.current()).settings.chainId) : undefined);

  const decode = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof DecodeError) throw rpcError.invalidParams(error.shortMessage);
      throw error;
    }
  };

  const pay = (origin: string | null, account: Address, source: TransactionSource, action: PayAction, call: Call, signal: AbortSignal | undefined): Promise<Hex> =>
    pipeline.run({ kind: 'transaction', origin, account, source, action, call }, signal);

  const callOf = (action: PayAction, raw: Record<string, unknown>): Call => {
    // Gas and fee fields are checked (bad ones get -32602) and the gas limit capped: see fees.ts.
    const fees = parseFeeFields(raw);
    if (action.kind === 'contractCall') return { to: action.to, value: action.value, data: action.data, fees };
    const data = (typeof raw.data === 'string' ? raw.data : typeof raw.input === 'string' ? raw.input : '0x').toLowerCase() as Hex;
    const to = action.kind === 'nativeTransfer' ? action.to : action.token;
    return { to, value: action.kind === 'nativeTransfer' ? action.amount : 0n, data, fees };
  };

  const checkChain = async (chainId: unknown) => {
    if (chainId === undefined || chainId === null) return;
    const { settings } = await chain.current();
    const wanted = typeof chainId === 'string' ? Number(chainId) : chainId;
    if (wanted !== settings.chainId) throw rpcError.invalidParams(`This request is for chain ${String(chainId)}, but the wallet is on chain ${settings.chainId}.`);
  };

  return {
    eth_sendTransaction: {
      access: 'public',
      handle: async ({ origin, signal }, params) => {
        const [raw] = positional(params, 'eth_sendTransaction', 1);
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw rpcError.invalidParams('eth_sendTransaction expects a transaction object.');
        const tx = raw as Record<string, unknown>;
        await access.requireConnected(origin);
        const action = decode(() => decodeTransaction(tx));
        await checkChain(tx.chainId);
        const account = await access.accountFor(origin, tx.from, 'send a transaction', signal);
        return pipeline.run({ kind: 'transaction', origin, account, source: 'sendTransaction', action, call: callOf(action, tx) }, signal, await gateOf());
      },
    },
    wallet_sendCalls: {
      access: 'public',
      handle: async ({ origin, signal }, params) => {
        const [batch] = positional(params, 'wallet_sendCalls', 1);
        await access.requireConnected(origin);
        const { actions, chainId } = decode(() => decodeCalls(batch));
        if ((batch as { atomicRequired?: unknown }).atomicRequired === true)
          throw new ProviderRpcError(ATOMICITY_NOT_SUPPORTED, 'This wallet sends the calls of a batch one by one; it cannot make them atomic.');
        await checkChain(chainId);
        const raws = (batch as { calls: Record<string, unknown>[] }).calls;
        const account = await access.accountFor(origin, (batch as { from?: unknown }).from, 'send a batch of calls', signal);
        // Each call is reviewed and confirmed on its own: a batch gets no discount on the rules.
        const { settings } = await chain.current();
        const hashes: Hex[] = [];
        for (const [index, action] of actions.entries()) {
          try {
            hashes.push(await pay(origin, account, 'batchCall', action, callOf(action, raws[index] ?? {}), signal));
          } catch (error) {
            if (hashes.length === 0) throw error;
            // Some calls already went out: the site gets the batch id with the error, so it can follow them.
            const id = await batches.add(origin, settings.chainId, hashes, actions.length - hashes.length);
            const cause = error instanceof ProviderRpcError ? error : rpcError.internal();
            throw new ProviderRpcError(cause.code, `${cause.message} ${hashes.length} of the batch's ${actions.length} calls were already sent (batch ${id}).`, { id });
          }
        }
        return { id: await batches.add(origin, settings.chainId, hashes) };
      },
    },
    wallet_getCallsStatus: {
      access: 'public',
      handle: async ({ origin }, params) => {
        const [id] = positional(params, 'wallet_getCallsStatus', 1);
        const batch = await batches.get(origin, id);
        const { client } = await chain.current();
        let receipts: Array<RawReceipt | null>;
        try {
          receipts = await Promise.all(batch.hashes.map((hash) => client.request({ method: 'eth_getTransactionReceipt', params: [hash] }) as Promise<RawReceipt | null>));
        } catch (error) {
          throw rpcError.disconnected(`The wallet cannot read the batch's receipts: ${describeChainError(error)}.`);
        }
        return CallBatches.status(batch, receipts);
      },
    },
    eth_signTypedData_v4: {
      access: 'public',
      handle: async ({ origin, signal }, params) => {
        const [address, data] = positional(params, 'eth_signTypedData_v4', 2);
        await access.requireConnected(origin);
        // The account the page names: an order that names only a receiver (CoW) pays the signer when it is this one.
        const decoded = decode(() => decodeTypedData(data, { account: typeof address === 'string' && isAddress(address) ? address : undefined }));
        // A domain for another chain is refused: its signature would be valid there, not here.
        await checkChain(decoded.domain.chainId);
        const account = await access.accountFor(origin, address, 'sign typed data', signal);
        return pipeline.run({ kind: 'typedData', origin, account, decoded }, signal, await gateOf());
      },
    },
    personal_sign: {
      access: 'public',
      handle: async ({ origin, signal }, params) => {
        let [message, address] = positional(params, 'personal_sign', 2);
        // Some sites send (address, message); accept both orders when it is unambiguous.
        if (typeof message === 'string' && /^0x[0-9a-fA-F]{40}$/.test(message) && typeof address === 'string' && !/^0x[0-9a-fA-F]{40}$/.test(address))
          [message, address] = [address, message];
        if (typeof message !== 'string' || message.length > 64 * 1024) throw rpcError.invalidParams('personal_sign expects a message (text or hex) up to 64 KB.');
        const account = await access.accountFor(origin, address, 'sign a message', signal);
        const raw = isHex(message) && message.length % 2 === 0;
        const { settings } = await chain.current();
        const decoded = decode(() => decodeMessage(message, { origin, account, chainId: settings.chainId }));
        return pipeline.run({ kind: 'message', origin, account, message, raw, decoded }, signal);
      },
    },
    [PAY_LINK_METHOD]: {
      access: 'public',
      handle: async ({ origin, signal }, params) => {
        const [href] = positional(params, PAY_LINK_METHOD, 1);
        if (typeof href !== 'string') throw rpcError.invalidParams('A payment link must be text.');
        const link = decode(() => parsePaymentLink(href));
        const { settings } = await chain.current();
        if (link.chainId !== undefined && link.chainId !== settings.chainId)
          throw rpcError.chainDisconnected(`This payment link is for chain ${link.chainId}, but the wallet is on chain ${settings.chainId}.`);
        const account = await access.ownAccount(origin, 'pay with a payment link', signal);
        const action = link.action;
        const call: Call =
          action.kind === 'nativeTransfer'
            ? { to: action.to, value: action.amount, data: '0x' }
            : { to: action.token, value: 0n, data: encodeTransfer(action.to, action.amount) };
        return pay(origin, account, 'paymentLink', action, call, signal);
      },
    },
  };
}

function encodeTransfer(to: Address, amount: bigint): Hex {
  return `0xa9059cbb${to.slice(2).toLowerCase().padStart(64, '0')}${amount.toString(16).padStart(64, '0')}` as Hex;
}
