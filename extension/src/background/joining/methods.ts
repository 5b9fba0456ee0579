import { ProviderRpcError, RpcErrorCode, rpcError } from '../../shared/rpcErrors.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { AccountAccess } from '../rpc/AccountAccess.js';
import type { MethodTable } from '../rpc/ProviderRpc.js';
import type { Communities } from '../communities/Communities.js';
import { CommunityReadError, type JoinSources, readCommunityToJoin } from './join.js';
import { parseJoinParams } from './joinParams.js';

export type CommunityMethodsOptions = { access: AccountAccess; approvals: Approvals; communities: Communities; join: JoinSources };

/** A failed read as the page hears it: the network unknown (4902), not answering (4901), or no community there (-32602). */
export function joinRpcError(error: CommunityReadError): ProviderRpcError {
  switch (error.kind) {
    case 'unknownNetwork':
      return new ProviderRpcError(RpcErrorCode.unrecognizedChain, error.message);
    case 'unreachable':
      return rpcError.chainDisconnected(error.message);
    case 'notCommunity':
      return rpcError.invalidParams(error.message);
  }
}

/**
 * `wallet_joinCommunity` (CommonGuard): a community's dApp asks the wallet to apply the community's
 * rules on its network. The wallet reads the community from the chain itself (never from the page),
 * shows its name, network, policy version and rules in words in a window, and stores it only if the
 * person agrees. Resolves `true` (also when it was joined already, without a window).
 */
export function communityMethods({ access, approvals, communities, join }: CommunityMethodsOptions): MethodTable {
  return {
    wallet_joinCommunity: {
      access: 'public',
      handle: async ({ origin, signal }, params) => {
        const handle = parseJoinParams(params);
        // Only a site the shopper connected may ask: others cannot open windows with it.
        if ((await access.visibleAccounts(origin)).length === 0) throw rpcError.unauthorized('Connect to this site before it asks to join a community.');
        if (await communities.has(handle.chainId, handle.governor)) return true;
        let read: Awaited<ReturnType<typeof readCommunityToJoin>>;
        try {
          read = await readCommunityToJoin(join, handle);
        } catch (error) {
          if (error instanceof CommunityReadError) throw joinRpcError(error);
          throw error;
        }
        const decision = await approvals.request(origin, { kind: 'joinCommunity', view: { origin, community: read.view } }, { signal });
        if (!decision.approved) throw rpcError.userRejected('The user did not join the community.');
        await communities.join(read.record);
        return true;
      },
    },
  };
}
