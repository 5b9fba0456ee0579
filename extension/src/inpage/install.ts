import { CommonGuardProvider } from './provider.js';

/** EIP-6963 provider info. The icon is a data URI so announcing costs no network request. */
const PROVIDER_INFO = Object.freeze({
  uuid: crypto.randomUUID(),
  name: 'CommonGuard',
  rdns: 'org.commonguard.wallet',
  icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Cpath fill='%232a6f4e' d='M16 2 4 7v8c0 7.5 5.1 13.4 12 15 6.9-1.6 12-7.5 12-15V7z'/%3E%3Cpath fill='%23fff' d='m14 20.5-4.5-4.5 1.8-1.8 2.7 2.7 6.7-6.7 1.8 1.8z'/%3E%3C/svg%3E",
});

/**
 * Installs the provider in the page: announces it with EIP-6963, exposes it as `window.ethereum`
 * when no other wallet took that name, and routes clicks on `ethereum:` links to the wallet.
 */
export function installProvider(target: Window & typeof globalThis): CommonGuardProvider {
  const provider = new CommonGuardProvider({ window: target });
  const detail = Object.freeze({ info: PROVIDER_INFO, provider });
  const announce = () => target.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  target.addEventListener('eip6963:requestProvider', announce);
  announce();

  if (!('ethereum' in target)) {
    Object.defineProperty(target, 'ethereum', { value: provider, configurable: true, enumerable: false, writable: false });
  }

  // Capture phase, so the page cannot swallow the click before the wallet sees it.
  target.document.addEventListener(
    'click',
    (event) => {
      if (event.defaultPrevented || event.button !== 0) return;
      const link = (event.target as Element | null)?.closest?.('a[href]');
      const href = link?.getAttribute('href')?.trim();
      if (!link || !href || !/^ethereum:/i.test(href)) return;
      event.preventDefault();
      // Only the person's own click opens the wallet. A script's link.click() or dispatchEvent gets the
      // same refusal the bridge would give (the bridge is what enforces it: this page code can be bypassed).
      if (!event.isTrusted) {
        link.dispatchEvent(new CustomEvent('commonguard:payment', { bubbles: true, detail: { error: { code: 4100, message: 'Payment links open only when the user clicks them.' } } }));
        return;
      }
      provider.openPaymentLink(href).then(
        (result) => link.dispatchEvent(new CustomEvent('commonguard:payment', { bubbles: true, detail: { result } })),
        (error: { code: number; message: string }) =>
          link.dispatchEvent(new CustomEvent('commonguard:payment', { bubbles: true, detail: { error: { code: error.code, message: error.message } } })),
      );
    },
    true,
  );
  return provider;
}
