import type { PlainError } from './views.js';

/**
 * One sentence that says what went wrong and what to do, from a technical reason (kept as details).
 * `task` is what the wallet was doing, as "read your balances". A problem the shopper can fix in
 * Settings (an unreachable or wrong RPC, a wrong policy address) says so.
 */
export function plainProblem(task: string, details: string): PlainError {
  const text = details.toLowerCase();
  if (/no paymentpolicy contract is configured/.test(text))
    return { message: `Could not ${task}: no community rules are set up. Open Settings and enter the policy address.`, details, openSettings: true };
  if (/unreachable|fetch failed|failed to fetch|econnrefused|networkerror|timed out|took too long/.test(text))
    return { message: `Could not ${task}: the wallet cannot reach its network. Open Settings and check the RPC address, or try again later.`, details, openSettings: true };
  if (/is on chain|chain id|another chain/.test(text))
    return { message: `Could not ${task}: the RPC in the settings is on another network. Open Settings and check the RPC address and the chain id.`, details, openSettings: true };
  if (/paymentpolicy|not a contract|no contract|returned no data|reverted|no code/.test(text))
    return { message: `Could not ${task}: the community rules were not found at the configured address. Open Settings and check the RPC address and the policy address.`, details, openSettings: true };
  return { message: `Could not ${task}. Try again; if it keeps happening, open Settings and check the RPC address.`, details, openSettings: true };
}
