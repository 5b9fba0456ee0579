// Firefox ESR with the built firefox-mv3 extension, driven by puppeteer-core over WebDriver BiDi (see
// TOOLCHAIN: Debian's firefox-esr; geckodriver is in neither registry).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { root } from './chain.mjs';

export const GECKO_ID = 'wallet@commonguard.example';
export const FIREFOX_EXTENSION_DIR = join(root, 'extension/.output/firefox-mv3');

export function firefoxPath() {
  const found = ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr'].find((path) => existsSync(path));
  if (!found) throw new Error('Firefox ESR is missing: install the "firefox-esr" package (see scripts/bootstrap.mjs).');
  return found;
}

/** Polls `check` until it returns a truthy value (Firefox reports no navigation events for extension pages). */
export async function until(check, { timeout = 15_000, interval = 100, what = 'the condition' } = {}) {
  const started = Date.now();
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeout) throw new Error(`Timed out after ${timeout} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Launches Firefox ESR and installs the extension; extension pages are moz-extension://<uuid>/…, the uuid pinned by a pref. */
export async function launchFirefoxWallet() {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the Firefox extension first (pnpm --dir extension build:firefox).');
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    protocol: 'webDriverBiDi',
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) },
  });
  const id = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  if (id !== GECKO_ID) throw new Error(`unexpected add-on id ${id}`);
  const base = `moz-extension://${uuid}/`;
  return {
    browser,
    base,
    /** Opens an extension page in a new tab and waits until its document is ready. */
    open: async (path) => {
      const page = await browser.newPage();
      await navigateExtensionPage(browser, page, `${base}${path}`);
      return page;
    },
    close: () => browser.close(),
  };
}

/**
 * Firefox drops navigation events for extension contexts, so `page.goto` never completes: navigate
 * with BiDi (`wait: 'none'`) and poll the document (internal puppeteer APIs, as TOOLCHAIN notes).
 */
export async function navigateExtensionPage(browser, page, url) {
  await browser.connection.send('browsingContext.navigate', { context: page.mainFrame()._id, url, wait: 'none' });
  await until(() => page.evaluate((wanted) => location.href === wanted && document.readyState === 'complete', url), { what: `${url} to load` });
}

/**
 * The next wallet window (connect, unlock, confirm) the extension opens, once its page has loaded.
 * Call it before the action that opens the window: the pages open at that moment are not it.
 */
export async function nextFirefoxWindow(browser, { timeout = 20_000 } = {}) {
  const before = new Set(await browser.pages());
  return until(
    async () => {
      for (const page of await browser.pages()) {
        if (before.has(page)) continue;
        const ready = await page.evaluate(() => location.href.includes('/approval.html') && document.readyState === 'complete').catch(() => false);
        if (ready) return page;
      }
      return null;
    },
    { timeout, what: 'a wallet window' },
  );
}

/** The text of the first element with `data-testid=id`, or null. */
export function textOf(page, id) {
  return page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null, id);
}

/** Clicks the element with `data-testid=id` (a click that closes the window is not an error). */
export async function clickTestId(page, id) {
  try {
    await page.locator(`[data-testid="${id}"]`).click();
  } catch (error) {
    if (!/closed|detached|discarded|no such frame|Target/i.test(String(error?.message))) throw error;
  }
}

/** Types into the element with `data-testid=id`, replacing what is there. */
export async function fillTestId(page, id, value) {
  await page.locator(`[data-testid="${id}"]`).fill(value);
}
