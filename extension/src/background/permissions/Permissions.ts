import type { Address } from 'viem';
import { Emitter } from '../events.js';
import type { StoredValue } from '../store/StoredValue.js';

export type SitePermission = { accounts: Address[]; grantedAt: number };
export type PermissionMap = Record<string, SitePermission>;

/** `changed`: the accounts `origin` may see were granted or revoked. */
export type PermissionsEvents = { changed: [origin: string] };

/**
 * Which sites (origins) may see which accounts. A site is added by the connect window and removed
 * from the popup; every change is emitted (`changed`) so connected pages get `accountsChanged`.
 */
export class Permissions {
  #item: StoredValue<PermissionMap>;
  #events = new Emitter<PermissionsEvents>();
  #map: PermissionMap | null = null;
  #now: () => number;

  constructor({ item, now = Date.now }: { item: StoredValue<PermissionMap>; now?: () => number }) {
    this.#item = item;
    this.#now = now;
  }

  on<E extends keyof PermissionsEvents>(event: E, listener: (...args: PermissionsEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  async #load(): Promise<PermissionMap> {
    this.#map ??= (await this.#item.getValue()) ?? {};
    return this.#map;
  }

  async accountsFor(origin: string): Promise<Address[]> {
    return (await this.#load())[origin]?.accounts ?? [];
  }

  async isConnected(origin: string): Promise<boolean> {
    return (await this.accountsFor(origin)).length > 0;
  }

  async grant(origin: string, accounts: Address[]): Promise<void> {
    const map = { ...(await this.#load()), [origin]: { accounts, grantedAt: this.#now() } };
    this.#map = map;
    await this.#item.setValue(map);
    this.#events.emit('changed', origin);
  }

  async revoke(origin: string): Promise<void> {
    const { [origin]: removed, ...rest } = await this.#load();
    if (!removed) return;
    this.#map = rest;
    await this.#item.setValue(rest);
    this.#events.emit('changed', origin);
  }

  async list(): Promise<Array<{ origin: string } & SitePermission>> {
    return Object.entries(await this.#load()).map(([origin, permission]) => ({ origin, ...permission }));
  }
}
