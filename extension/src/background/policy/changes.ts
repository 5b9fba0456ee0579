import type { RiskPolicy, TokenInfo } from '@commonguard/sdk/risk';
import { showAmount } from '../../shared/amounts.js';

const LIMIT_WORDS = {
  maxSinglePayment: (symbol: string) => `maximum single ${symbol} payment`,
  dailyCap: (symbol: string) => `daily ${symbol} cap`,
  maxFirstPayment: (symbol: string) => `${symbol} limit for a first payment to someone new`,
} as const;

/**
 * What changed between two versions of the community's policy, one sentence each, in the words a
 * shopper would use ("The community lowered the daily ETH cap to 1.5 ETH, policy version 9."). When
 * nothing in the snapshot changed, the merchant or site lists did (they are not in the snapshot).
 */
export function describePolicyChanges(previous: RiskPolicy, next: RiskPolicy, tokenInfo: (token: string) => TokenInfo): string[] {
  const version = `policy version ${next.version}`;
  const sentences: string[] = [];
  const amount = (value: bigint, info: TokenInfo) => showAmount(value, info);
  for (const limits of next.tokenLimits) {
    const before = previous.tokenLimits.find((old) => old.token.toLowerCase() === limits.token.toLowerCase());
    const info = tokenInfo(limits.token);
    for (const field of ['maxSinglePayment', 'dailyCap', 'maxFirstPayment'] as const) {
      const old = before?.[field] ?? 0n;
      const now = limits[field];
      if (old === now) continue;
      const what = LIMIT_WORDS[field](info.symbol);
      if (now === 0n) sentences.push(`The community removed the ${what}, ${version}.`);
      else if (old === 0n) sentences.push(`The community set a ${what} of ${amount(now, info)}, ${version}.`);
      else sentences.push(`The community ${now < old ? 'lowered' : 'raised'} the ${what} to ${amount(now, info)}, ${version}.`);
    }
  }
  for (const before of previous.tokenLimits) {
    if (!next.tokenLimits.some((limits) => limits.token.toLowerCase() === before.token.toLowerCase()))
      sentences.push(`The community removed its limits for ${tokenInfo(before.token).symbol}, ${version}.`);
  }
  if (previous.warnAt !== next.warnAt || previous.blockAt !== next.blockAt)
    sentences.push(`The community now warns from a score of ${next.warnAt} and blocks from ${next.blockAt}, ${version}.`);
  if (previous.unlimitedApprovalsAllowed !== next.unlimitedApprovalsAllowed)
    sentences.push(`The community ${next.unlimitedApprovalsAllowed ? 'now allows' : 'no longer allows'} unlimited token approvals, ${version}.`);
  if (sentences.length === 0) sentences.push(`The community changed its list of trusted or blocked merchants and sites, ${version}.`);
  return sentences;
}
