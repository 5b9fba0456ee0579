import { encodeFunctionData, zeroAddress, type Address, type Hex } from 'viem';
import { communityTokenAbi, paymentPolicyAbi, treasuryAbi } from '../chain/abis.js';
import type { Deployment } from '../chain/config.js';
import type { Directory } from '../chain/tokens.js';
import type { ProposalAction } from '../indexer/types.js';
import { checkAddress, checkAmount, checkDays, checkDomain, checkHex, checkNote, checkOrigin, checkPercent, type Checked } from '../validation.js';

export type FieldKind = 'address' | 'token' | 'amount' | 'percent' | 'days' | 'status' | 'text' | 'origin' | 'domain' | 'hex' | 'boolean' | 'ether';

export type Field = {
  name: string;
  label: string;
  kind: FieldKind;
  /** For `amount` fields: the name of the `token` field whose decimals apply (default: a fixed token). */
  tokenField?: string;
  placeholder?: string;
  help?: string;
};

export type Template = {
  id: string;
  label: string;
  description: string;
  fields: Field[];
};

export type TemplateValues = Record<string, string>;

export const TEMPLATES: Template[] = [
  {
    id: 'thresholds',
    label: 'Change the risk thresholds',
    description: 'Wallets warn at one score and refuse to sign at another (0–100).',
    fields: [
      { name: 'warnAt', label: 'Warn at score', kind: 'percent', placeholder: '40' },
      { name: 'blockAt', label: 'Block at score', kind: 'percent', placeholder: '80' },
    ],
  },
  {
    id: 'tokenLimits',
    label: "Set a token's payment limits",
    description: 'The largest single payment, the daily cap and the first payment to someone new. Choose the token first: its current limits are filled in, so you change only the ones you edit.',
    fields: [
      { name: 'token', label: 'Token', kind: 'token' },
      { name: 'maxSinglePayment', label: 'Max single payment', kind: 'amount', tokenField: 'token' },
      { name: 'dailyCap', label: 'Daily cap', kind: 'amount', tokenField: 'token' },
      { name: 'maxFirstPayment', label: 'First payment to a new recipient', kind: 'amount', tokenField: 'token' },
    ],
  },
  {
    id: 'merchant',
    label: "Set a merchant's status",
    description: 'Trust or block a merchant address, or remove it from the list.',
    fields: [
      { name: 'merchant', label: 'Merchant address', kind: 'address' },
      { name: 'status', label: 'Status', kind: 'status' },
      { name: 'note', label: 'Note (who it is, why)', kind: 'text' },
    ],
  },
  {
    id: 'origin',
    label: "Set a website's status",
    description: 'Trust or block a shop website (its origin, like https://shop.example).',
    fields: [
      { name: 'origin', label: 'Website origin', kind: 'origin', placeholder: 'https://shop.example' },
      { name: 'status', label: 'Status', kind: 'status' },
      { name: 'note', label: 'Note', kind: 'text' },
    ],
  },
  {
    id: 'domain',
    label: "Set a whole domain's status",
    description:
      'Trust or block a domain and every site under it: a rule for scam.example also covers pay.scam.example on any port. A block always wins over trust. Check the name carefully: a rule for a shared ending such as co.uk would cover every site under it.',
    fields: [
      { name: 'domain', label: 'Domain', kind: 'domain', placeholder: 'scam.example' },
      { name: 'status', label: 'Status', kind: 'status' },
      { name: 'note', label: 'Note', kind: 'text' },
    ],
  },
  {
    id: 'payout',
    label: 'Pay from the treasury',
    description: 'The treasury pays a recipient once the vote passes.',
    fields: [
      { name: 'token', label: 'Token', kind: 'token' },
      { name: 'recipient', label: 'Recipient', kind: 'address' },
      { name: 'amount', label: 'Amount', kind: 'amount', tokenField: 'token' },
      { name: 'memo', label: 'Memo', kind: 'text' },
    ],
  },
  {
    id: 'setBudget',
    label: "Set a treasurer's budget",
    description: 'A treasurer may pay out up to this amount per period without a vote.',
    fields: [
      { name: 'treasurer', label: 'Treasurer', kind: 'address' },
      { name: 'token', label: 'Token', kind: 'token' },
      { name: 'amount', label: 'Amount per period', kind: 'amount', tokenField: 'token' },
      { name: 'days', label: 'Period (days)', kind: 'days', placeholder: '30' },
    ],
  },
  {
    id: 'revokeBudget',
    label: "Revoke a treasurer's budget",
    description: 'The treasurer can no longer pay out in this token.',
    fields: [
      { name: 'treasurer', label: 'Treasurer', kind: 'address' },
      { name: 'token', label: 'Token', kind: 'token' },
    ],
  },
  {
    id: 'mint',
    label: 'Mint governance tokens',
    description: 'New voting tokens for a member.',
    fields: [
      { name: 'to', label: 'Recipient', kind: 'address' },
      { name: 'amount', label: 'Amount', kind: 'amount', tokenField: 'governance' },
    ],
  },
  {
    id: 'custom',
    label: 'Custom call (experts)',
    description: 'Any contract call the timelock should make. Check the call data carefully.',
    fields: [
      { name: 'target', label: 'Contract address', kind: 'address' },
      { name: 'value', label: 'ETH to send', kind: 'ether', placeholder: '0' },
      { name: 'calldata', label: 'Call data (hex)', kind: 'hex', placeholder: '0x' },
    ],
  },
];

export function template(id: string): Template {
  const found = TEMPLATES.find((t) => t.id === id);
  if (!found) throw new Error(`Unknown template ${id}`);
  return found;
}

/** Checks one field as the user types; `values` gives access to the other fields (e.g. the token). */
export function checkField(field: Field, values: TemplateValues, deployment: Deployment, dir: Directory): Checked<unknown> {
  const raw = values[field.name] ?? '';
  switch (field.kind) {
    case 'address':
      return checkAddress(raw);
    case 'token':
      if (raw === zeroAddress) return { ok: true, value: zeroAddress };
      return checkAddress(raw);
    case 'amount': {
      const tokenAddress = field.tokenField === 'governance' ? deployment.contracts.communityToken : values[field.tokenField ?? 'token'];
      const token = tokenAddress ? dir.token(tokenAddress) : undefined;
      if (!token) return { ok: false, error: 'Choose a known token first.' };
      const allowZero = ['maxSinglePayment', 'dailyCap', 'maxFirstPayment'].includes(field.name);
      return checkAmount(raw, token.decimals, { symbol: token.symbol, allowZero });
    }
    case 'ether':
      return raw.trim() === '' ? { ok: true, value: 0n } : checkAmount(raw, 18, { symbol: 'ETH', allowZero: true });
    case 'percent':
      return checkPercent(raw, { label: field.label });
    case 'days':
      return checkDays(raw);
    case 'status':
      return ['0', '1', '2'].includes(raw) ? { ok: true, value: Number(raw) } : { ok: false, error: 'Choose a status.' };
    case 'text':
      return checkNote(raw);
    case 'origin':
      return checkOrigin(raw);
    case 'domain':
      return checkDomain(raw);
    case 'hex':
      return checkHex(raw);
    case 'boolean':
      return { ok: true, value: raw === 'true' };
  }
}

/** Checks every field; returns the action, or the errors by field name. */
export function buildAction(
  t: Template,
  values: TemplateValues,
  deployment: Deployment,
  dir: Directory,
): { ok: true; action: ProposalAction } | { ok: false; errors: Record<string, string> } {
  const parsed: Record<string, any> = {};
  const errors: Record<string, string> = {};
  for (const field of t.fields) {
    const result = checkField(field, values, deployment, dir);
    if (result.ok) parsed[field.name] = result.value;
    else errors[field.name] = result.error;
  }
  if (t.id === 'thresholds' && !errors.warnAt && !errors.blockAt && parsed.warnAt >= parsed.blockAt) {
    errors.warnAt = 'The warning score must be below the blocking score.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const c = deployment.contracts;
  const call = (target: Address, abi: any, functionName: string, args: unknown[]): ProposalAction => ({
    target,
    value: 0n,
    calldata: encodeFunctionData({ abi, functionName, args }) as Hex,
  });
  switch (t.id) {
    case 'thresholds':
      return { ok: true, action: call(c.paymentPolicy, paymentPolicyAbi, 'setThresholds', [parsed.warnAt, parsed.blockAt]) };
    case 'tokenLimits':
      return { ok: true, action: call(c.paymentPolicy, paymentPolicyAbi, 'setTokenLimits', [parsed.token, parsed.maxSinglePayment, parsed.dailyCap, parsed.maxFirstPayment]) };
    case 'merchant':
      return { ok: true, action: call(c.paymentPolicy, paymentPolicyAbi, 'setMerchantStatus', [parsed.merchant, parsed.status, parsed.note]) };
    case 'origin':
      return { ok: true, action: call(c.paymentPolicy, paymentPolicyAbi, 'setOriginStatus', [parsed.origin, parsed.status, parsed.note]) };
    case 'domain':
      return { ok: true, action: call(c.paymentPolicy, paymentPolicyAbi, 'setDomainStatus', [parsed.domain, parsed.status, parsed.note]) };
    case 'payout':
      return { ok: true, action: call(c.treasury, treasuryAbi, 'pay', [parsed.token, parsed.recipient, parsed.amount, parsed.memo]) };
    case 'setBudget':
      return { ok: true, action: call(c.treasury, treasuryAbi, 'setBudget', [parsed.treasurer, parsed.token, parsed.amount, parsed.days]) };
    case 'revokeBudget':
      return { ok: true, action: call(c.treasury, treasuryAbi, 'setBudget', [parsed.treasurer, parsed.token, 0n, 0n]) };
    case 'mint':
      return { ok: true, action: call(c.communityToken, communityTokenAbi, 'mint', [parsed.to, parsed.amount]) };
    default:
      return { ok: true, action: { target: parsed.target, value: parsed.value, calldata: parsed.calldata } };
  }
}

