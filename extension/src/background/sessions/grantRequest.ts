/**
 * Reads `wallet_grantPermissions` parameters (ERC-7715 request shape) strictly: every wrong field gets
 * -32602 with a sentence saying what was wrong. Pure.
 *
 * Accepted: `[{ chainId, expiry, address?, signer?, permission: { type: 'erc20-token-periodic' |
 * 'native-token-periodic', data: { tokenAddress?, periodAmount, periodDuration, startTime?,
 * justification? } }, rules? }]`: one permission per call (a site has one session at a time). The only
 * rule understood is CommonGuard's `{ type: 'payee', data: { address } }`, which fixes who the session
 * pays; without it, the first payment fixes it. Any other rule is refused rather than ignored, since
 * the site would believe it applies.
 */
import { type Address, getAddress, isAddress } from 'viem';
import { rpcError } from '../../shared/rpcErrors.js';
import { MAX_PERIOD_SECONDS, MAX_SESSION_SECONDS, MIN_PERIOD_SECONDS, type SessionRequest } from './rules.js';

export const NATIVE: Address = '0x0000000000000000000000000000000000000000';

export const PERMISSION_TYPES = ['erc20-token-periodic', 'native-token-periodic'] as const;

/** The request as read, with what the answer echoes back. */
export type GrantRequest = SessionRequest & {
  type: (typeof PERMISSION_TYPES)[number];
  /** The account the site names (`address`), if any. */
  address: Address | undefined;
  /** The request as the page sent it, answered back with what was granted. */
  raw: Record<string, unknown>;
};

const fail = (message: string) => rpcError.invalidParams(`wallet_grantPermissions: ${message}`);

export function parseGrantRequest(params: unknown, nowSeconds: number): GrantRequest {
  if (!Array.isArray(params) || params.length !== 1) throw fail('expects a list with one permission request.');
  const [request] = params as unknown[];
  if (!isObject(request)) throw fail('the permission request must be an object.');
  const chainId = quantity(request.chainId, 'chainId');
  if (chainId === undefined || chainId <= 0n || chainId > BigInt(Number.MAX_SAFE_INTEGER)) throw fail('"chainId" must be the chain id, as hex (0x7a69) or a number.');
  const expiry = quantity(request.expiry, 'expiry');
  if (expiry === undefined) throw fail('"expiry" (unix seconds) is required.');
  if (expiry <= BigInt(nowSeconds)) throw fail('"expiry" is in the past.');
  if (expiry > BigInt(nowSeconds + MAX_SESSION_SECONDS)) throw fail(`"expiry" may be at most ${MAX_SESSION_SECONDS / 86_400} days away; ask again after.`);
  const address = optionalAddress(request.address, 'address');
  if (request.signer !== undefined && !isObject(request.signer)) throw fail('"signer" must be an object when given.');
  if (request.permissions !== undefined) throw fail('send one permission as "permission", not a "permissions" list.');
  const permission = request.permission;
  if (!isObject(permission)) throw fail('"permission" must be an object with "type" and "data".');
  const type = permission.type;
  if (typeof type !== 'string' || !(PERMISSION_TYPES as readonly string[]).includes(type))
    throw fail(`this wallet grants only ${PERMISSION_TYPES.map((t) => `"${t}"`).join(' and ')} permissions.`);
  const data = permission.data;
  if (!isObject(data)) throw fail('"permission.data" must be an object.');
  let token = NATIVE;
  if (type === 'erc20-token-periodic') {
    const tokenAddress = optionalAddress(data.tokenAddress, 'permission.data.tokenAddress');
    if (!tokenAddress || tokenAddress === NATIVE) throw fail('"permission.data.tokenAddress" must be the token contract\'s address.');
    token = tokenAddress;
  } else if (data.tokenAddress !== undefined) throw fail('a native-token permission takes no "tokenAddress".');
  const amount = quantity(data.periodAmount, 'permission.data.periodAmount');
  if (amount === undefined || amount <= 0n) throw fail('"permission.data.periodAmount" must be a positive amount in the token\'s smallest unit (hex or decimal text).');
  const period = quantity(data.periodDuration, 'permission.data.periodDuration');
  if (period === undefined || period < BigInt(MIN_PERIOD_SECONDS) || period > BigInt(MAX_PERIOD_SECONDS))
    throw fail(`"permission.data.periodDuration" must be seconds, from ${MIN_PERIOD_SECONDS} to ${MAX_PERIOD_SECONDS}.`);
  const start = quantity(data.startTime, 'permission.data.startTime');
  // A session begins when it is granted: a later start would be a promise the window cannot show plainly.
  if (start !== undefined && start > BigInt(nowSeconds + 60)) throw fail('"permission.data.startTime" must not be in the future; the session starts when it is granted.');
  const justification = data.justification;
  if (justification !== undefined && (typeof justification !== 'string' || justification.length > 200)) throw fail('"permission.data.justification" must be text of at most 200 characters.');
  let payee: Address | null = null;
  if (request.rules !== undefined) {
    if (!Array.isArray(request.rules) || request.rules.length > 1) throw fail('"rules" must be a list with at most one rule.');
    for (const rule of request.rules as unknown[]) {
      if (!isObject(rule) || rule.type !== 'payee' || !isObject(rule.data)) throw fail('the only rule this wallet understands is { type: "payee", data: { address } }.');
      payee = optionalAddress(rule.data.address, 'rules[0].data.address') ?? null;
      if (!payee) throw fail('the payee rule needs "data.address".');
    }
  }
  return {
    type: type as GrantRequest['type'],
    chainId: Number(chainId),
    token,
    payee,
    amountPerPeriod: amount,
    periodSeconds: Number(period),
    expiry: Number(expiry),
    justification: justification as string | undefined,
    address,
    raw: request,
  };
}

/** `wallet_revokePermissions` parameters: `[{ permissionContext }]` names one session; `[]` ends all of the site's. */
export function parseRevokeRequest(params: unknown): { context: string } | { all: true } {
  if (!Array.isArray(params) || params.length > 1) throw rpcError.invalidParams('wallet_revokePermissions: expects [] or [{ permissionContext }].');
  if (params.length === 0) return { all: true };
  const [request] = params as unknown[];
  if (!isObject(request) || typeof request.permissionContext !== 'string' || !/^0x[0-9a-fA-F]{1,128}$/.test(request.permissionContext))
    throw rpcError.invalidParams('wallet_revokePermissions: "permissionContext" must be the hex context wallet_grantPermissions answered.');
  return { context: request.permissionContext.toLowerCase() };
}

/** A session id as the context a site gets back (hex, as ERC-7715 answers it). */
export function contextOf(sessionId: string): string {
  return `0x${sessionId.replaceAll('-', '')}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quantity(value: unknown, name: string): bigint | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw fail(`"${name}" must be a whole, non-negative number.`);
    return BigInt(value);
  }
  if (typeof value === 'string' && (/^0x[0-9a-fA-F]{1,64}$/.test(value) || /^[0-9]{1,78}$/.test(value))) return BigInt(value);
  throw fail(`"${name}" must be a whole number (hex like 0x1e or decimal text).`);
}

function optionalAddress(value: unknown, name: string): Address | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) throw fail(`"${name}" must be an address (0x and 40 hex digits).`);
  return getAddress(value);
}
