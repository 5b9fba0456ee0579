import { type Address, getAddress, isAddress } from 'viem';
import { Emitter } from '../events.js';
import type { StoredValue } from '../store/StoredValue.js';

export type WalletSettings = {
  rpcUrl: string;
  chainId: number;
  /**
   * Before communities: the one PaymentPolicy contract. Now always `null`: an earlier wallet's address
   * became its first joined community (`communities/migration.ts`).
   */
  paymentPolicy: Address | null;
  autoLockMinutes: number;
};

export type SettingsField = keyof WalletSettings;
export type SettingsCheck = { ok: true; settings: WalletSettings } | { ok: false; errors: Partial<Record<SettingsField, string>> };

/** JSON-RPC over HTTP, injected so checks can run against any endpoint (and in tests). */
export type RpcCall = (url: string, method: string, params: unknown[]) => Promise<unknown>;

export const POLICY_VERSION_SELECTOR = '0x54fd4d50';

export type SettingsOptions = {
  item: StoredValue<WalletSettings>;
  defaults: WalletSettings;
  rpc: RpcCall;
};

/** `changed`: new settings were checked and saved. */
export type SettingsEvents = { changed: [next: WalletSettings, previous: WalletSettings] };

/** The wallet's network settings: read, checked against the real endpoint, then saved. */
export class Settings {
  #item: StoredValue<WalletSettings>;
  #defaults: WalletSettings;
  #rpc: RpcCall;
  #events = new Emitter<SettingsEvents>();
  #current: WalletSettings | null = null;

  constructor({ item, defaults, rpc }: SettingsOptions) {
    this.#item = item;
    this.#defaults = defaults;
    this.#rpc = rpc;
  }

  on<E extends keyof SettingsEvents>(event: E, listener: (...args: SettingsEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  async get(): Promise<WalletSettings> {
    this.#current ??= { ...this.#defaults, ...((await this.#item.getValue()) ?? {}) };
    return this.#current;
  }

  /** The value last read, for synchronous callers (the auto-lock timer); defaults before the first read. */
  peek(): WalletSettings {
    return this.#current ?? this.#defaults;
  }

  /** Checks `input` field by field, then against the RPC endpoint; saves only if everything holds. */
  async save(input: unknown): Promise<SettingsCheck> {
    const checked = await checkSettings(input, this.#rpc);
    if (!checked.ok) return checked;
    const previous = await this.get();
    await this.#item.setValue(checked.settings);
    this.#current = checked.settings;
    this.#events.emit('changed', checked.settings, previous);
    return checked;
  }
}

/** Field checks first (cheap, precise), then one round of network checks. */
export async function checkSettings(input: unknown, rpc: RpcCall): Promise<SettingsCheck> {
  const errors: Partial<Record<SettingsField, string>> = {};
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;

  let rpcUrl = '';
  if (typeof raw.rpcUrl !== 'string' || raw.rpcUrl.trim() === '') errors.rpcUrl = 'Enter the RPC URL, for example http://127.0.0.1:8545.';
  else {
    rpcUrl = raw.rpcUrl.trim();
    let url: URL | undefined;
    try {
      url = new URL(rpcUrl);
    } catch {
      errors.rpcUrl = `"${rpcUrl.slice(0, 80)}" is not a URL.`;
    }
    if (url && url.protocol !== 'http:' && url.protocol !== 'https:') errors.rpcUrl = 'The RPC URL must start with http:// or https://.';
  }

  const chainId = typeof raw.chainId === 'string' && /^\d+$/.test(raw.chainId.trim()) ? Number(raw.chainId) : raw.chainId;
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0 || chainId > 0xffffffff)
    errors.chainId = 'The chain id must be a whole number such as 31337.';

  let paymentPolicy: Address | null = null;
  if (typeof raw.paymentPolicy === 'string' && raw.paymentPolicy.trim() !== '') {
    const text = raw.paymentPolicy.trim();
    if (!isAddress(text, { strict: true })) errors.paymentPolicy = 'The PaymentPolicy address must be 0x followed by 40 hex characters (with a correct checksum if mixed case).';
    else paymentPolicy = getAddress(text);
  }

  const minutes = typeof raw.autoLockMinutes === 'string' ? Number(raw.autoLockMinutes) : raw.autoLockMinutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
    errors.autoLockMinutes = 'Auto-lock must be between 1 and 1440 minutes.';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const settings: WalletSettings = { rpcUrl, chainId: chainId as number, paymentPolicy, autoLockMinutes: minutes as number };

  let remoteChain: unknown;
  try {
    remoteChain = await rpc(rpcUrl, 'eth_chainId', []);
  } catch (error) {
    return { ok: false, errors: { rpcUrl: `Cannot reach the RPC at ${rpcUrl}: ${describe(error)}.` } };
  }
  if (typeof remoteChain !== 'string' || Number(remoteChain) !== settings.chainId)
    return { ok: false, errors: { chainId: `The RPC at ${rpcUrl} is on chain ${Number(remoteChain)}, not ${settings.chainId}.` } };

  if (paymentPolicy === null) return { ok: true, settings };
  const code = await rpc(rpcUrl, 'eth_getCode', [paymentPolicy, 'latest']).catch(() => '0x');
  if (typeof code !== 'string' || code === '0x')
    return { ok: false, errors: { paymentPolicy: `There is no contract at ${paymentPolicy} on chain ${settings.chainId}.` } };
  const version = await rpc(rpcUrl, 'eth_call', [{ to: paymentPolicy, data: POLICY_VERSION_SELECTOR }, 'latest']).catch(() => '0x');
  if (typeof version !== 'string' || version.length !== 66 || BigInt(version) === 0n)
    return { ok: false, errors: { paymentPolicy: `The contract at ${paymentPolicy} does not answer like a PaymentPolicy (version() failed).` } };
  return { ok: true, settings };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}

/** A plain `fetch` JSON-RPC call with a timeout: settings checks must not hang on a dead host. */
export const fetchRpc: RpcCall = async (url, method, params) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(4000),
  }).catch((error: unknown) => {
    // Without host permissions the wallet reaches the RPC as a web page would: the node must allow CORS.
    throw new Error(error instanceof Error && error.name === 'TimeoutError' ? 'no answer within 4 seconds' : 'connection failed (is the node running, and does it accept requests from browsers (CORS)?)');
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json().catch(() => null)) as { result?: unknown; error?: { message?: string } } | null;
  if (!body) throw new Error('the answer is not JSON-RPC');
  if (body.error) throw new Error(body.error.message ?? 'error');
  return body.result;
};
