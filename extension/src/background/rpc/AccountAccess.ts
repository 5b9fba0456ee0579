import { type Address, getAddress, isAddress } from 'viem';
import { rpcError } from '../../shared/rpcErrors.js';
import { type Approvals, TURNED_DOWN_LIMIT, TURNED_DOWN_WINDOW_MS } from '../approvals/Approvals.js';
import { OriginCooldown } from '../approvals/OriginCooldown.js';
import type { Keyring } from '../keyring/Keyring.js';
import type { Permissions } from '../permissions/Permissions.js';

export type AccountAccessOptions = {
  keyring: Keyring;
  permissions: Permissions;
  approvals: Approvals;
  /** The account the user picked in the popup. */
  selectedAccount: () => Promise<Address | null>;
  /** Opens the onboarding page (no wallet yet). */
  openOnboarding: () => Promise<void>;
  now?: () => number;
};

/** Sites together may open the onboarding tab at most once in this time (subdomains are cheap origins). */
export const ONBOARDING_INTERVAL_MS = 30_000;

/**
 * The checks every account-bound request shares: the wallet exists and is unlocked (asking the user
 * to unlock if needed, then carrying on), and the site was given the account it names.
 */
export class AccountAccess {
  #keyring: Keyring;
  #permissions: Permissions;
  #approvals: Approvals;
  #selectedAccount: () => Promise<Address | null>;
  #openOnboarding: () => Promise<void>;
  #now: () => number;
  /** Onboarding tabs a site opened (like turned-down connect requests: a few, then a pause). */
  #onboardingBySite: OriginCooldown;
  #onboardingAt = Number.NEGATIVE_INFINITY;

  constructor({ keyring, permissions, approvals, selectedAccount, openOnboarding, now = Date.now }: AccountAccessOptions) {
    this.#keyring = keyring;
    this.#permissions = permissions;
    this.#approvals = approvals;
    this.#selectedAccount = selectedAccount;
    this.#openOnboarding = openOnboarding;
    this.#now = now;
    this.#onboardingBySite = new OriginCooldown({ limit: TURNED_DOWN_LIMIT, windowMs: TURNED_DOWN_WINDOW_MS, now });
  }

  /**
   * Unlocked, or the unlock window opens (naming `origin`, the site that asked) and the request
   * continues once the user unlocks. With no wallet yet, the onboarding tab opens, at most
   * {@link TURNED_DOWN_LIMIT} times per site in {@link TURNED_DOWN_WINDOW_MS} and once per
   * {@link ONBOARDING_INTERVAL_MS} for all sites, so no page can keep opening tabs.
   */
  async ensureUnlocked(origin: string | null, reason: string, signal?: AbortSignal): Promise<void> {
    if (this.#keyring.isUnlocked) return;
    if (await this.#keyring.restore()) return;
    if (!(await this.#keyring.hasVault())) {
      const site = origin ?? 'the wallet';
      if (!this.#onboardingBySite.blocked(site) && this.#now() - this.#onboardingAt >= ONBOARDING_INTERVAL_MS) {
        this.#onboardingBySite.note(site);
        this.#onboardingAt = this.#now();
        await this.#openOnboarding();
      }
      throw rpcError.unauthorized('The wallet is not set up yet. Finish setting it up, then try again.');
    }
    await this.#approvals.request(origin, { kind: 'unlock', view: { origin, reason } }, { signal });
    if (!this.#keyring.isUnlocked) throw rpcError.userRejected('The wallet stayed locked.');
  }

  /**
   * The accounts `origin` may see right now (none while locked). The account picked in the popup
   * comes first when the site was given it, as pages take the first account as the active one; a site
   * never sees an account it was not given.
   */
  async visibleAccounts(origin: string): Promise<Address[]> {
    if (!this.#keyring.isUnlocked && !(await this.#keyring.restore())) return [];
    const mine = new Set(this.#keyring.accounts().map((account) => account.toLowerCase()));
    const granted = (await this.#permissions.accountsFor(origin)).filter((account) => mine.has(account.toLowerCase()));
    const selected = (await this.#selectedAccount())?.toLowerCase();
    const index = granted.findIndex((account) => account.toLowerCase() === selected);
    return index > 0 ? [granted[index] as Address, ...granted.slice(0, index), ...granted.slice(index + 1)] : granted;
  }

  /**
   * 4100 unless the user connected `origin`. Handlers call it before reading a request's parameters, so a site
   * the user never connected cannot make the wallet decode anything (decoding costs work; a refusal does not).
   */
  async requireConnected(origin: string): Promise<void> {
    if (!(await this.#permissions.isConnected(origin))) throw rpcError.unauthorized();
  }

  /** The connected account to act for: `from` if given (and granted), else the site's first account (the picked one, if granted). */
  async accountFor(origin: string, from: unknown, reason: string, signal?: AbortSignal): Promise<Address> {
    await this.requireConnected(origin);
    await this.ensureUnlocked(origin, reason, signal);
    const granted = await this.visibleAccounts(origin);
    if (granted.length === 0) throw rpcError.unauthorized();
    if (from === undefined || from === null) return granted[0] as Address;
    if (typeof from !== 'string' || !isAddress(from, { strict: false })) throw rpcError.invalidParams('"from" must be an address.');
    const wanted = getAddress(from);
    if (!granted.some((account) => account === wanted)) throw rpcError.unauthorized(`This site was not given access to ${wanted}.`);
    return wanted;
  }

  /**
   * The account for wallet-initiated payments (payment links): the one selected in the popup. `origin`
   * is the page the link was clicked on; the unlock window names it.
   */
  async ownAccount(origin: string | null, reason: string, signal?: AbortSignal): Promise<Address> {
    await this.ensureUnlocked(origin, reason, signal);
    const accounts = this.#keyring.accounts();
    const selected = await this.#selectedAccount();
    return accounts.find((account) => account === selected) ?? (accounts[0] as Address);
  }

  keyringAccounts(): Address[] {
    return this.#keyring.accounts();
  }
}
