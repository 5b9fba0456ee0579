import { HttpRequestError, parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import { PolicyUnavailableError } from '../policy/PolicyCache.js';
import type { Address, PublicClient } from 'viem';
import type { GuardingCommunity } from '../communities/rules.js';
import { type PolicyVersion, TrustedSites } from '../policy/TrustedSites.js';
import { cgUsd, coffee, context, NOW, paying, payRequest } from './fixtures.test-helpers.js';
import { beginGather, type EarlyReads, gather, type GatherSources } from './gather.js';

// Each way step 2 can find the context missing, with the reads already started (as beginGather
// starts them): a failed read makes the context "missing" with its reason in words, never a verdict.
const good = context();
const understanding = paying([{ kind: 'assetOut', token: cgUsd, to: coffee, amount: parseUnits('5', 6) }]);
const sources = {
  client: {},
  communities: [{ name: 'Corner Coop', governor: '0x0000000000000000000000000000000000000002', policy: '0x0000000000000000000000000000000000000001' }],
  history: {},
  tokens: {},
  now: () => NOW,
} as unknown as GatherSources;

// The error viem throws when the node does not answer (the wallet classifies errors by type).
const unreachable = () => new HttpRequestError({ url: 'http://127.0.0.1:8545', details: 'fetch failed' });

function early(fail: Partial<Record<'policy' | 'origin' | 'history' | 'status' | 'facts' | 'token' | 'trusted', unknown>> = {}): EarlyReads {
  const settled = <T>(key: keyof typeof fail, value: T) => (key in fail ? { ok: false as const, error: fail[key] } : { ok: true as const, value });
  const reject = <T>(key: keyof typeof fail, value: T) => (key in fail ? Promise.reject(fail[key]) : Promise.resolve(value));
  const reads: EarlyReads = {
    rules: reject('policy', { policy: good.policy, communities: [], decidedBy: { warnAt: [], blockAt: [], unlimitedApprovalsAllowed: [], tokens: {} } }),
    origin: reject('origin', { status: 'trusted' as const, note: 'Demo shop' }),
    history: reject('history', good.history),
    parties: new Map([[coffee.toLowerCase(), Promise.resolve({ status: settled('status', { status: 'trusted' as const, note: 'Corner Coffee' }), facts: settled('facts', { isContract: false, isToken: false, nonce: 3 }) })]]),
    tokens: new Map([[cgUsd.toLowerCase(), Promise.resolve(settled('token', { symbol: 'cgUSD', decimals: 6 }))]]),
    listedSymbols: Promise.resolve(new Map()),
    trustedSites: reject('trusted', ['shop.example']),
    suspicious: Promise.resolve([]),
  };
  for (const promise of [reads.rules, reads.origin, reads.history, reads.trustedSites]) promise.catch(() => {});
  return reads;
}

describe('gather: the context is missing', () => {
  test('with every read answered the context is complete', async () => {
    const gathered = await gather(sources, early(), understanding);
    expect(gathered.ok).toBe(true);
    if (gathered.ok) expect(gathered.context.trustedSites).toEqual(['shop.example']);
  });

  test.each([
    ['the policy cannot be read (unreachable chain)', { policy: unreachable() }, 'Cannot read the community policy: the chain (RPC) is unreachable'],
    ['no policy is configured', { policy: new PolicyUnavailableError('No PaymentPolicy contract is configured. Set its address in the wallet settings.', null) }, 'No PaymentPolicy contract is configured'],
    ['the site’s status cannot be read', { origin: unreachable() }, 'Cannot read the site’s status: the chain (RPC) is unreachable.'],
    ['the local history cannot be read', { history: new Error('storage is gone') }, 'Cannot read the local payment history.'],
    ['the recipient’s status cannot be read', { status: unreachable() }, 'Cannot read the community’s status of 0x14dC…9955: the chain (RPC) is unreachable.'],
    ['the recipient’s account cannot be read', { facts: unreachable() }, 'Cannot read the account 0x14dC…9955: the chain (RPC) is unreachable.'],
    ['the token cannot be read', { token: unreachable() }, 'Cannot read the token 0x5FC8…5707: the chain (RPC) is unreachable.'],
    // A page imitating the community's own shop would go unnoticed without them: missing, never taken as none.
    ['the sites the community trusts cannot be read', { trusted: unreachable() }, 'Cannot read the sites the community trusts: the chain (RPC) is unreachable.'],
  ])('%s: missing, with the reason in words', async (_name, fail, reason) => {
    const gathered = await gather(sources, early(fail), understanding);
    expect(gathered.ok).toBe(false);
    if (gathered.ok) return;
    expect(gathered.missing.reasons.join(' ')).toContain(reason);
  });

  test('what could be read is kept for the window; the stale policy is shown with its age', async () => {
    const stale = { ...good.policy, readAt: NOW - 90_000 };
    const gathered = await gather(sources, early({ policy: new PolicyUnavailableError('Cannot read the community policy at 0x01: the chain (RPC) is unreachable', stale) }), understanding);
    expect(gathered.ok).toBe(false);
    if (gathered.ok) return;
    expect(gathered.missing.stalePolicy).toEqual({ version: '7', ageSeconds: 90 });
    expect(gathered.missing.tokens[cgUsd.toLowerCase()]).toEqual({ symbol: 'cgUSD', decimals: 6 });
    expect(gathered.missing.parties[coffee.toLowerCase()]).toMatchObject({ status: 'trusted' });
  });

  test('a community read that fails leaves the facts out without making the context missing', async () => {
    const gathered = await gather(sources, early(), understanding, Promise.reject(unreachable()));
    expect(gathered.ok).toBe(true);
  });
});

describe('the trusted sites of the communities guarding the network', () => {
  const corner: GuardingCommunity = { name: 'Corner Coop', governor: '0x0000000000000000000000000000000000000002', policy: '0x0000000000000000000000000000000000000001', version: 7n };
  const river: GuardingCommunity = { name: 'River Coop', governor: '0x0000000000000000000000000000000000000004', policy: '0x0000000000000000000000000000000000000003', version: 2n };
  const decidedBy = { warnAt: [], blockAt: [], unlimitedApprovalsAllowed: [], tokens: {} };
  const started = (guarding: GuardingCommunity[], asked: PolicyVersion[][]) =>
    beginGather(
      {
        ...sources,
        communities: guarding,
        rules: async () => ({ policy: good.policy, communities: guarding, decidedBy }),
        history: { paymentsOf: async () => [] },
        tokens: { describe: async () => ({ symbol: 'cgUSD', decimals: 6 }) },
        trustedSites: async (policies: readonly PolicyVersion[]) => {
          asked.push([...policies]);
          return policies.map((policy) => `${policy.policy.slice(-1)}.example`);
        },
      } as unknown as GatherSources,
      payRequest(1n),
    );

  test('several communities: every guarding policy is asked, at the version read', async () => {
    const asked: PolicyVersion[][] = [];
    expect(await started([corner, river], asked).trustedSites).toEqual(['1.example', '3.example']);
    expect(asked).toEqual([[expect.objectContaining({ policy: corner.policy, version: 7n }), expect.objectContaining({ policy: river.policy, version: 2n })]]);
  });

  test('no community guarding: none, and the context is not missing for it', async () => {
    const asked: PolicyVersion[][] = [];
    const early = started([], asked);
    expect(await early.trustedSites).toEqual([]);
    const gathered = await gather({ ...sources, communities: [] }, { ...early, origin: Promise.resolve(null), parties: new Map(), tokens: new Map() }, paying([]));
    expect(gathered.ok).toBe(true);
  });

  test('TrustedSites.ofAll: the union of the communities\' lists (a site two of them trust counted once), each asked of the request\'s network', async () => {
    const reads: string[] = [];
    const lists: Record<string, string[]> = { '0x01': ['shop.example', 'coop.example'], '0x03': ['coop.example', 'river.example'] };
    class Counted extends TrustedSites {
      override of(_client: PublicClient, chainId: number, { policy, version }: PolicyVersion): Promise<string[]> {
        reads.push(`${chainId}:${policy}:${version}`);
        return Promise.resolve(lists[policy] ?? []);
      }
    }
    const sites = new Counted();
    const policies = [{ policy: '0x01' as Address, version: 1n }, { policy: '0x03' as Address, version: 1n }];
    expect(await sites.ofAll({} as PublicClient, 31337, policies)).toEqual(['shop.example', 'coop.example', 'river.example']);
    expect(await sites.ofAll({} as PublicClient, 31337, [])).toEqual([]);
    expect(reads).toEqual(['31337:0x01:1', '31337:0x03:1']);
  });
});
