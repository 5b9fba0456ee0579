// Records everything the wallet's background sends out — to web pages (through the bridge) and to the
// wallet's own pages (answers on the UI channel) — so a test can check that no key material is in it.

/**
 * Starts recording in every page of `context` opened from now on. Returns the live log: entries
 * `{ to: 'page', url, data }` for each bridge → page message and `{ to: 'ui', url, action, response }`
 * for each answer a wallet page gets.
 */
export async function recordWalletTraffic(context) {
  const log = [];
  await context.exposeBinding('__commonguardRecord', (_source, entries) => void log.push(...entries));
  await context.addInitScript(() => {
    // Entries go to the test in batches, one call per burst of messages: a call per message would slow
    // the browser enough to change what the fuzz test sees.
    const queue = [];
    let scheduled = false;
    const record = (entry) => {
      try {
        queue.push(JSON.parse(JSON.stringify(entry)));
      } catch {
        return;
      }
      if (scheduled) return;
      scheduled = true;
      setTimeout(() => {
        scheduled = false;
        globalThis.__commonguardRecord?.(queue.splice(0));
      }, 0);
    };
    if (location.protocol === 'http:' || location.protocol === 'https:') {
      window.addEventListener('message', (event) => {
        if (event.source === window && event.data?.source === 'commonguard-bridge') record({ to: 'page', url: location.href, data: event.data });
      });
    } else if (location.protocol === 'chrome-extension:' && globalThis.chrome?.runtime?.sendMessage) {
      const send = chrome.runtime.sendMessage.bind(chrome.runtime);
      chrome.runtime.sendMessage = async (...args) => {
        const response = await send(...args);
        record({ to: 'ui', url: location.href, action: args[0]?.action, response });
        return response;
      };
    }
  });
  return log;
}

/** The secrets a wallet holds, as text that could appear in a message: key hex (any case), phrase words, the session's AES key. */
export function secretPatterns({ privateKeys = [], phrases = [], sessionKeys = [] }) {
  return [
    ...privateKeys.map((key) => ({ name: 'private key', test: (text) => text.toLowerCase().includes(key.toLowerCase().replace(/^0x/, '')) })),
    // A phrase leaks if any run of four of its words appears in order.
    ...phrases.flatMap((phrase) => {
      const words = phrase.split(' ');
      return words.slice(0, -3).map((_, i) => ({ name: 'recovery phrase', test: (text) => text.toLowerCase().includes(words.slice(i, i + 4).join(' ')) }));
    }),
    ...sessionKeys.map((key) => ({ name: 'session AES key', test: (text) => text.includes(key) })),
  ];
}

/**
 * The texts that name the wallet's node (its URL may carry an API key): the URL, its host, and the host
 * as `localhost`. Pages must never see any of them; results of a page's own reads do not contain them.
 */
export function nodePatterns(rpcUrl) {
  const url = new URL(rpcUrl);
  const texts = [rpcUrl.replace(/\/$/, ''), url.host, `localhost:${url.port}`];
  return texts.map((text) => ({ name: `the node (${text})`, test: (candidate) => candidate.includes(text) }));
}

/** Every entry of `log` that contains one of the secrets, with what it contains. */
export function leaks(log, patterns) {
  return log.flatMap((entry) => {
    const text = JSON.stringify(entry);
    return patterns.filter((pattern) => pattern.test(text)).map((pattern) => ({ secret: pattern.name, entry: text.slice(0, 300) }));
  });
}

/** The AES key of the unlocked session, read from the background's session storage (where it legitimately is). */
export async function sessionKeys(worker) {
  const stored = await worker.evaluate(() => chrome.storage.session.get(null));
  return Object.values(stored).flatMap((value) => (typeof value?.key === 'string' ? [value.key] : []));
}

/**
 * Calls every wallet-page task from `page` (an extension page) through the real channel, with good and
 * with hostile inputs, and returns the answers. Tasks that change the wallet get inputs that fail or
 * change nothing, so the rest of the suite is unaffected.
 */
export function callEveryUiTask(page) {
  return page.evaluate(async () => {
    const inputs = {
      getState: [null, 'x', [1]],
      getBalances: [null],
      newPhrase: [null],
      createWallet: [{ password: 'short' }, { password: 'long enough password', mnemonic: 42 }],
      unlock: [{ password: 'not the password' }, { password: { toString: null } }, null],
      lock: [],
      addAccount: [null],
      selectAccount: [{ address: '0x0000000000000000000000000000000000000001' }],
      revokeSite: [{ origin: 'https://never-connected.example' }],
      saveSettings: [{ rpcUrl: 'not a url', chainId: 'x', paymentPolicy: '', autoLockMinutes: 0 }],
      refreshPolicy: [null],
      getApproval: [{ id: 'unknown' }, { id: { $ne: 1 } }],
      resolveApproval: [{ id: 'unknown', decision: { approved: true } }],
      getOverview: [null],
      setBudget: [{ token: 'x', period: 'weekly', amount: '1' }, { token: '0x0000000000000000000000000000000000000000', period: 'daily', amount: '1' }],
      removeBudget: [{ token: 'x' }],
      exportHistory: [null],
      savePreferences: [{ explorerUrl: 'javascript:alert(1)' }],
      hasWallet: [null],
      importKey: [{ privateKey: 'not a key' }, { privateKey: 42 }],
      revealPhrase: [{ password: 'not the password' }, { password: null }],
      changePassword: [{ current: 'not the password', next: 'a long new password' }],
      removeWallet: [{ password: 'not the password' }, null],
      getNetworks: [null],
      addNetwork: [{ chainId: 'x', name: '\u202e', rpcUrl: 'javascript:alert(1)' }, null],
      editNetwork: [{ editing: 'x' }, { editing: 31337, chainId: '1', name: 'Moved', rpcUrl: 'https://attacker.example' }],
      removeNetwork: [{ chainId: 31337 }, { chainId: { valueOf: 1 } }],
      switchNetwork: [{ chainId: 999999 }],
      ['__proto__']: [null],
      constructor: [null],
      toString: [null],
    };
    const answers = [];
    for (const [action, list] of Object.entries(inputs)) {
      for (const input of list) answers.push({ action, input, response: await chrome.runtime.sendMessage({ channel: 'commonguard-ui', action, input }) });
    }
    return answers;
  });
}
