/** The part of a storage area this needs (Chrome's `StorageArea.setAccessLevel`, absent in older browsers and Firefox). */
type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

export type StorageProtection = { local: 'trusted-only' | 'unsupported'; session: 'trusted-only' | 'unsupported' };

/**
 * Makes the browser's extension storage readable by the wallet alone, where the browser can. The vault,
 * the payment history, the site permissions and the settings would otherwise be readable by content
 * scripts: a compromised page renderer would get the vault for offline guessing and the shopper's history.
 * `TRUSTED_CONTEXTS` leaves an area to the service worker and the wallet's own pages; the browser keeps
 * the setting across restarts, and it covers what is already stored. Where `storage.local` cannot be
 * restricted (Firefox), `openWalletArea` keeps the wallet's state in IndexedDB instead.
 * Called at every start (it is idempotent), before anything is read or written.
 */
export async function restrictStorageToWallet(storage: { local: unknown; session: unknown }): Promise<StorageProtection> {
  const restrict = async (area: unknown): Promise<'trusted-only' | 'unsupported'> => {
    const setAccessLevel = (area as AccessLevelArea | undefined)?.setAccessLevel;
    if (typeof setAccessLevel !== 'function') return 'unsupported';
    try {
      await setAccessLevel.call(area, { accessLevel: 'TRUSTED_CONTEXTS' });
      return 'trusted-only';
    } catch {
      // Firefox has the method for storage.session only and rejects it for storage.local.
      return 'unsupported';
    }
  };
  const [local, session] = await Promise.all([restrict(storage.local), restrict(storage.session)]);
  return { local, session };
}
