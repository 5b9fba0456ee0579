import { defineConfig } from 'wxt';

// The public half of the extension's signing key: it fixes the extension id
// (omendaapejghhkgnkdlelhepljclklpf) so allow-lists and tests can name it.
const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA7fE5wUtqCCGXyCdZXcsvGRPBguzXfJYqE0K03hx8LCe6jKcRarQUk9rogZD5faAXeFJpp4dVOcYukgMUS+0W50NYjPBV+FUAKs+kMsWZYme0KvevA2KrNe738beKW+KKONh4wvKsXHX4IJoYzMPGdAaFdjNyOE091i9TscoEB+vyrxSD2GR2dc1RaI6Lt8fGTp+Au95lwuvEPVlOY1z5UIvlPWHqkdnxkZZYrBxU+ppTvmWt44m5kqBGqRNoaeFbJwg2g4uuKI90x1FrmQWKKagntOiM1S3JD7ptvVOdQQQ9oyB8zSFoYIoZh1WJhoX2PEDamm4OcKpV5xobvywdJQIDAQAB';

export default defineConfig({
  srcDir: 'src',
  // Every API use is imported explicitly from '#imports', so reviewers see where each comes from.
  imports: false,
  modules: ['@wxt-dev/module-svelte'],
  // MV3 everywhere: the provider needs a MAIN-world content script, which Firefox supports in MV3 (128+).
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'CommonGuard Wallet',
    description: "A wallet that checks every payment against your community's rules before signing.",
    // notifications: a payment blocked, a budget alert, the community's rules changed; alarms: a look at
    // the policy's version every few minutes, so a change is noticed without a payment.
    // unlimitedStorage (Firefox only): there the wallet keeps its state in the extension's IndexedDB,
    // because Firefox cannot close storage.local to content scripts; this permission makes that storage
    // persistent, so the browser never evicts the vault to free space.
    permissions: ['storage', 'notifications', 'alarms', ...(browser === 'firefox' ? ['unlimitedStorage'] : [])],
    icons: { 16: '/icon-16.png', 48: '/icon-48.png', 128: '/icon-128.png' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'wallet@commonguard.example', strict_min_version: '128.0' } } }
      : { key: MANIFEST_KEY }),
    // No host permissions: the background reaches the RPC with plain CORS requests (anvil and public RPC
    // endpoints allow them), so it cannot read other sites with the user's cookies. The content scripts'
    // matches are all the site access the wallet has.
    // Extension pages load only their own scripts, no plugins, and cannot be framed by web pages.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'" },
    action: { default_title: 'CommonGuard' },
  }),
});
