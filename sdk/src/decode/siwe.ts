import { type Address, isAddress, isAddressEqual } from 'viem';
import { parseSiweMessage, type SiweMessage } from 'viem/siwe';
import { dateText, shortAddress } from './words.js';

/** The line every EIP-4361 message has after its domain. */
const SIGN_IN_HEADER = ' wants you to sign in with your Ethereum account:';

/** Lines EIP-4361 allows once: a second copy could make the wallet check one value while a site reads another. */
const SINGLE_LINES = ['URI', 'Version', 'Chain ID', 'Nonce', 'Issued At', 'Expiration Time', 'Not Before', 'Request ID'];

/** Whether `text` presents itself as a sign-in request (even a malformed one). */
export function looksLikeSignIn(text: string): boolean {
  return text.includes(SIGN_IN_HEADER);
}

/** The EIP-4361 fields of `text` (viem's parser); fields it cannot find are absent. */
export function readSignIn(text: string): Partial<SiweMessage> {
  return parseSiweMessage(text);
}

/**
 * Checks a sign-in message against who asks, who signs, the wallet's chain and the time; each problem is one
 * plain sentence. An empty list means the message is for this site, this account and this chain, and valid now.
 */
export function checkSignIn(
  text: string,
  siwe: Partial<SiweMessage>,
  context: { origin: string | null; account: Address; chainId: number; now: number },
): string[] {
  if (siwe.domain === undefined || siwe.address === undefined)
    return ['This looks like a sign-in message but is not laid out as one, so the wallet cannot check which site or account it is for.'];
  const mismatches: string[] = [];
  const missing = (['uri', 'version', 'chainId', 'nonce', 'issuedAt'] as const).filter((field) => siwe[field] === undefined);
  // viem's parser reads these lines together: one missing or out of order, and none are found.
  if (missing.length > 0)
    mismatches.push('This sign-in message is incomplete or out of order: it must list URI, Version, Chain ID, Nonce and Issued At, in that order.');
  else if (siwe.version !== '1') mismatches.push(`This sign-in message has version ${JSON.stringify(siwe.version)}; only version 1 exists.`);
  for (const line of SINGLE_LINES)
    if ((text.match(new RegExp(`^${line}: `, 'gm')) ?? []).length > 1)
      mismatches.push(`This sign-in message has the line "${line}" more than once, so it could be read in two ways.`);

  mismatches.push(...siteMismatches(siwe.domain, siwe.scheme, context.origin));
  if (!isAddress(siwe.address, { strict: true }))
    mismatches.push(`The account in this sign-in (${siwe.address}) is not written correctly (its checksum is wrong).`);
  else if (!isAddressEqual(siwe.address, context.account))
    mismatches.push(`This sign-in is for the account ${shortAddress(siwe.address)}, but you are signing with ${shortAddress(context.account)}.`);
  if (siwe.chainId !== undefined && siwe.chainId !== context.chainId)
    mismatches.push(`This sign-in is for chain ${siwe.chainId}, but the wallet is on chain ${context.chainId}.`);

  for (const [field, date] of [['issue time', siwe.issuedAt], ['expiry time', siwe.expirationTime], ['start time', siwe.notBefore]] as const)
    if (date !== undefined && Number.isNaN(date.getTime())) mismatches.push(`The ${field} of this sign-in is not a valid date.`);
  const expires = validTime(siwe.expirationTime);
  if (expires !== undefined && expires <= context.now) mismatches.push(`This sign-in expired on ${when(expires)}.`);
  const starts = validTime(siwe.notBefore);
  if (starts !== undefined && starts > context.now) mismatches.push(`This sign-in is not valid until ${when(starts)}.`);
  return mismatches;
}

/** EIP-4361: the domain is the asking site's host (and port); a scheme, when given, must be the site's. */
function siteMismatches(domain: string, scheme: string | undefined, origin: string | null): string[] {
  if (origin === null) return [`The site asking cannot be identified, so the wallet cannot check that this sign-in for ${domain} is its own.`];
  let site: URL;
  try {
    site = new URL(origin);
  } catch {
    return [`The site asking (${origin}) cannot be read, so the wallet cannot check that this sign-in for ${domain} is its own.`];
  }
  let host: string | undefined;
  try {
    // Read the domain as an authority of the site's own scheme, so a default port written out (":443") compares equal.
    const url = new URL(`${site.protocol}//${domain}`);
    if (url.username === '' && url.password === '' && url.pathname === '/' && `${url.host}` !== '') host = url.host;
  } catch {}
  const mismatches: string[] = [];
  if (host === undefined || host !== site.host)
    mismatches.push(`This sign-in is for ${domain}, but the site asking is ${site.origin}.`);
  if (scheme !== undefined && `${scheme.toLowerCase()}:` !== site.protocol)
    mismatches.push(`This sign-in is for ${scheme}://${domain}, but the site asking uses ${site.protocol.replace(/:$/, '')}.`);
  return mismatches;
}

function validTime(date: Date | undefined): number | undefined {
  const time = date?.getTime();
  return time === undefined || Number.isNaN(time) ? undefined : time;
}

function when(ms: number): string {
  return dateText(BigInt(Math.floor(ms / 1000))) ?? new Date(ms).toISOString();
}
