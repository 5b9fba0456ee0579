import { type Address, numberToHex } from 'viem';
import { showAmount } from '../../shared/amounts.js';
import { ProviderRpcError, RpcErrorCode, rpcError } from '../../shared/rpcErrors.js';
import type { SessionGrantView } from '../../shared/views.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { ChainAccess } from '../chain/ChainAccess.js';
import type { Guard } from '../communities/Guard.js';
import { statusOf } from '../communities/status.js';
import { describeChainError } from '../policy/PolicyCache.js';
import { readMerchantStatus, readOriginStatus } from '../risk/context.js';
import type { AccountAccess } from '../rpc/AccountAccess.js';
import type { MethodTable } from '../rpc/ProviderRpc.js';
import type { TokenDirectory } from '../tokens/TokenDirectory.js';
import { contextOf, NATIVE, parseGrantRequest, parseRevokeRequest } from './grantRequest.js';
import { grantTerms, periodWords } from './rules.js';
import type { Sessions } from './Sessions.js';

export type SessionMethodsOptions = {
  access: AccountAccess;
  approvals: Approvals;
  chain: ChainAccess;
  /** The rules of the communities guarding each network. */
  guard: Pick<Guard, 'rules'>;
  tokens: TokenDirectory;
  sessions: Sessions;
  now?: () => number;
};

/**
 * `wallet_grantPermissions` (ERC-7715 request shape; see `grantRequest.ts`) and
 * `wallet_revokePermissions`, for connected sites only. A grant is checked against the community's
 * rules before any window: a blocked site or payee is refused (4001, `data.reason: blockedByCommunity`);
 * a request above the daily cap is capped at it, and the window says so. The answer echoes the request
 * with what was granted and a `context` that names the session (to revoke it).
 */
export function sessionMethods(options: SessionMethodsOptions): MethodTable {
  const { access, approvals, chain, guard, tokens, sessions, now = Date.now } = options;
  return {
    wallet_grantPermissions: {
      access: 'connected',
      handle: async ({ origin, signal }, params) => {
        const request = parseGrantRequest(params, Math.floor(now() / 1000));
        const account = await access.accountFor(origin, request.address, 'start a payment session', signal);
        const { client, settings } = await chain.current();
        if (request.chainId !== settings.chainId) throw rpcError.invalidParams(`wallet_grantPermissions: this request is for chain ${request.chainId}, but the wallet is on chain ${settings.chainId}.`);
        let read;
        try {
          // The rules of every community guarding this network, merged (the stricter wins), as payments meet them.
          const rules = await guard.rules(client, settings.chainId);
          const cached = rules.policy;
          const [site, payee, token] = await Promise.all([
            statusOf(rules.communities, (policy) => readOriginStatus(client, policy, origin)),
            request.payee ? statusOf(rules.communities, (policy) => readMerchantStatus(client, policy, request.payee as Address)) : Promise.resolve(null),
            tokens.get(client, request.token),
          ]);
          read = { cached, site, payee, token };
        } catch (error) {
          throw rpcError.internal(`The wallet cannot check the community's rules for this session right now (${describeChainError(error)}); no session was started.`);
        }
        const { cached, site, payee, token } = read;
        const limits = cached.snapshot.tokenLimits.find((limit) => limit.token.toLowerCase() === request.token.toLowerCase());
        const policyVersion = cached.snapshot.version.toString();
        const terms = grantTerms({ request, limits, token, siteStatus: site.status, payeeStatus: payee?.status ?? null, policyVersion });
        if (terms.kind === 'refused')
          throw new ProviderRpcError(RpcErrorCode.userRejected, `Your community's rules do not allow this payment session. ${terms.reason}`, { reason: 'blockedByCommunity', policyVersion });
        const view: SessionGrantView = {
          origin,
          account,
          site: { status: site.status, note: site.note },
          token: { symbol: token.symbol, address: request.token, listed: limits !== undefined },
          payee: request.payee ? { address: request.payee, note: payee?.note ?? '' } : null,
          amount: showAmount(terms.amountPerPeriod, token),
          period: periodWords(request.periodSeconds),
          until: request.expiry * 1000,
          community: terms.community,
          request: terms.site,
          capped: terms.capped,
          justification: request.justification ?? null,
          policyVersion,
        };
        const decision = await approvals.request(origin, { kind: 'session', view }, { signal });
        if (!decision.approved) throw rpcError.userRejected('The user did not allow the payment session.');
        const session = await sessions.grant({ origin, account, request, amountPerPeriod: terms.amountPerPeriod, policyVersion });
        const raw = request.raw as { permission: { data: Record<string, unknown> } };
        return [
          {
            ...request.raw,
            chainId: numberToHex(request.chainId),
            address: account,
            permission: { type: request.type, data: { ...raw.permission.data, ...(request.token !== NATIVE ? { tokenAddress: request.token } : {}), periodAmount: numberToHex(terms.amountPerPeriod) } },
            context: contextOf(session.id),
            dependencies: [],
          },
        ];
      },
    },
    wallet_revokePermissions: {
      access: 'connected',
      handle: async ({ origin }, params) => {
        const what = parseRevokeRequest(params);
        if ('all' in what) {
          await sessions.revokeOrigin(origin);
          return null;
        }
        const mine = (await sessions.list()).find((session) => session.origin === origin && contextOf(session.id) === what.context);
        if (!mine) throw rpcError.invalidParams('wallet_revokePermissions: this site has no active session with that context (it may have ended already).');
        await sessions.revoke(mine.id);
        return null;
      },
    },
  };
}
