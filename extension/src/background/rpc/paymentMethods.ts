import { decodeCalls, decodeTransaction, decodeTypedData, DecodeError, type PayAction, parsePaymentLink } from '@commonguard/sdk/decode';
import { type Address, type Hex, hexToString, isHex } from 'viem';
import { PAY_LINK_METHOD } from '../../shared/pageProtocol.js';
import { ProviderRpcError, rpcError } from '../../shared/rpcErrors.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { ChainAccess } from '../chain/ChainAccess.js';
import type { History, HistoryEntry } from '../history/History.js';
import type { Keyring } from '../keyring/Keyring.js';
import { describeChainError } from '../policy/PolicyCache.js';
import type { PaymentGuard, PaymentReview } from '../risk/PaymentGuard.js';
import type { AccountAccess } from './AccountAccess.js';
import { type MethodTable, positional } from './ProviderRpc.js';
import { ATOMICITY_NOT_SUPPORTED, CallBatches, type RawReceipt } from './CallBatches.js';
import { type FeeFields, parseFeeFields } from './fees.js';
import { quoteFees, signAndSend } from './send.js';

export type PaymentMethodsOptions = {
  access: AccountAccess;
  approvals: Approvals;
  guard: PaymentGuard;
  history: History;
  keyring: Keyring;
  chain: ChainAccess;
  batches: CallBatches;
  now?: () => number;
};

type Call = { to: Address | undefined; value: bigint; data: Hex; fees?: FeeFields | undefined };

/**
 * Everything that moves money or signs: eth_sendTransaction, wallet_sendCalls, eth_signTypedData_v4,
 * personal_sign, and payment links. Every pay request goes decode → review (context + assessment) →
 * confirm window → sign and send → history.
 */
export function paymentMethods(options: PaymentMethodsOptions): MethodTable {
  const { access, approvals, guard, history, keyring, chain, batches, now = Date.now } = options;

  const decode = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof DecodeError) throw rpcError.invalidParams(error.shortMessage);
      throw error;
    }
  };

  const record = (review: PaymentReview, action: PayAction, origin: string | null, account: Address, outcome: HistoryEntry['outcome'], extra: Partial<HistoryEntry> = {}) =>
    history.record({
      id: crypto.randomUUID(),
      at: now(),
      account,
      origin,
      kind: action.kind,
      token: review.tokenAddress,
      symbol: review.token.symbol,
      decimals: review.token.decimals,
      to: review.counterparty,
      amount: review.amount.toString(),
      score: review.assessment?.score ?? null,
      level: review.assessment?.level ?? 'unverified',
      policyVersion: review.assessment?.policyVersion.toString() ?? null,
      outcome,
      ...extra,
    });

  /** Shows the confirm window and turns its answer into "go" or the right error (recorded either way). */
  const confirm = async (review: PaymentReview, action: PayAction, origin: string | null, account: Address, signal: AbortSignal | undefined): Promise<void> => {
    let decision: Awaited<ReturnType<Approvals['request']>>;
    try {
      decision = await approvals.request(origin, { kind: 'payment', view: review.view }, { signal });
    } catch (error) {
      if (error instanceof ProviderRpcError && error.code === 4001) await refuse(review, action, origin, account);
      throw error;
    }
    if (!decision.approved) await refuse(review, action, origin, account);
    const level = review.assessment?.level;
    if (!review.assessment || level === 'block') await refuse(review, action, origin, account);
    if (level === 'warn' && decision.acknowledged !== true) {
      await record(review, action, origin, account, 'rejected', { detail: 'warning not acknowledged' });
      throw rpcError.userRejected('The payment needs an explicit acknowledgement of the warning.');
    }
  };

  /** Records why the payment did not go ahead and throws the matching 4001. */
  const refuse = async (review: PaymentReview, action: PayAction, origin: string | null, account: Address): Promise<never> => {
    if (!review.assessment) {
      const reason = review.view.cannotVerify?.reason ?? 'missing information';
      await record(review, action, origin, account, 'failed', { detail: `cannot verify: ${reason}` });
      throw rpcError.userRejected(`Not signed: the wallet cannot verify this payment. ${reason}`);
    }
    if (review.assessment.level === 'block') {
      const rule = review.assessment.reasons.find((reason) => reason.hard) ?? review.assessment.reasons[0];
      const detail = rule?.hard
        ? `Blocked by the community rule "${rule.rule}" (policy version ${review.assessment.policyVersion}): ${rule.message}`
        : `Blocked: the risk score ${review.assessment.score} reaches the community's block level (policy version ${review.assessment.policyVersion}).`;
      await record(review, action, origin, account, 'blocked', { detail });
      throw rpcError.userRejected(detail);
    }
    await record(review, action, origin, account, 'rejected');
    throw rpcError.userRejected();
  };

  const pay = async (origin: string | null, account: Address, action: PayAction, call: Call, signal: AbortSignal | undefined): Promise<Hex> => {
    const review = await guard.review({ action, origin, account, call });
    const { client, settings } = await chain.current();
    const fee = await quoteFees({ client, account, call });
    await confirm({ ...review, view: { ...review.view, fee: fee.view } }, action, origin, account, signal);
    try {
      const hash = await signAndSend({ keyring, settings, client, account, call, fees: fee.plan });
      await record(review, action, origin, account, 'sent', { hash });
      return hash;
    } catch (error) {
      const reason = describeChainError(error);
      await record(review, action, origin, account, 'failed', { detail: reason });
      throw rpcError.internal(`The payment was approved but sending failed: ${reason}.`);
    }
  };

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
        const action = decode(() => decodeTransaction(tx));
        await checkChain(tx.chainId);
        const account = await access.accountFor(origin, tx.from, 'send a transaction', signal);
        return pay(origin, account, action, callOf(action, tx), signal);
      },
    },
    wallet_sendCalls: {
      access: 'public',
      handle: async ({ origin, signal }, params) => {
        const [batch] = positional(params, 'wallet_sendCalls', 1);
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
            hashes.push(await pay(origin, account, action, callOf(action, raws[index] ?? {}), signal));
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
        const decoded = decode(() => decodeTypedData(data));
        await checkChain(decoded.chainId);
        const account = await access.accountFor(origin, address, 'sign typed data', signal);
        const typedData = (typeof data === 'string' ? JSON.parse(data) : data) as Record<string, unknown>;
        const { EIP712Domain: _domain, ...types } = (typedData.types ?? {}) as Record<string, unknown>;
        const definition = { domain: typedData.domain, types, primaryType: typedData.primaryType, message: typedData.message } as never;
        if (decoded.kind === 'permit') {
          const review = await guard.review({ action: decoded.action, origin, account });
          await confirm(review, decoded.action, origin, account, signal);
          const signature = await keyring.signTypedData(account, definition);
          await record(review, decoded.action, origin, account, 'signed');
          return signature;
        }
        const text = JSON.stringify(typedData.message, null, 2).slice(0, 4000);
        const decision = await approvals.request(origin, { kind: 'signature', view: { origin, account, kind: 'typedData', text: `${decoded.primaryType}\n${text}` } }, { signal });
        if (!decision.approved) throw rpcError.userRejected();
        return keyring.signTypedData(account, definition);
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
        let text = message;
        if (raw) {
          try {
            text = hexToString(message as Hex);
          } catch {}
        }
        const decision = await approvals.request(origin, { kind: 'signature', view: { origin, account, kind: 'message', text: text.slice(0, 4000) } }, { signal });
        if (!decision.approved) throw rpcError.userRejected();
        return keyring.signMessage(account, raw ? { raw: message as Hex } : message);
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
        return pay(origin, account, action, call, signal);
      },
    },
  };
}

function encodeTransfer(to: Address, amount: bigint): Hex {
  return `0xa9059cbb${to.slice(2).toLowerCase().padStart(64, '0')}${amount.toString(16).padStart(64, '0')}` as Hex;
}
