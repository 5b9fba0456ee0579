import type { Address } from 'viem';
import type { StoredValue } from '../keyring/Keyring.js';

export type SitePermission = { accounts: Address[]; grantedAt: number };
export type PermissionMap = Record<string, SitePermission>;

/**
 * Which sites (origins) may see which accounts. A site is added by the connect window and removed
 * from the popup; every change is reported so connected pages get `accountsChanged`.
 */
export class Permissions {
  #item: StoredValue<PermissionMap>;
  #onChange: (origin: string) => void;
  #map: PermissionMap | null = null;
  #now: () => number;

  constructor({ item, onChange = () => {}, now = Date.now }: { item: StoredValue<PermissionMap>; onChange?: (origin: string) => void; now?: () => number }) {
    this.#item = item;
    this.#onChange = onChange;
    this.#now = now;
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
    this.#onChange(origin);
  }

  async revoke(origin: string): Promise<void> {
    const { [origin]: removed, ...rest } = await this.#load();
    if (!removed) return;
    this.#map = rest;
    await this.#item.setValue(rest);
    this.#onChange(origin);
  }

  async list(): Promise<Array<{ origin: string } & SitePermission>> {
    return Object.entries(await this.#load()).map(([origin, permission]) => ({ origin, ...permission }));
  }
}
