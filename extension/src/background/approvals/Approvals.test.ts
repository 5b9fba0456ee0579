import { describe, expect, test } from 'vitest';
import { Approvals, TURNED_DOWN_LIMIT, TURNED_DOWN_WINDOW_MS } from './Approvals.js';

// Windows are stubbed: the real ones are opened and clicked in the browser tests.
function makeApprovals() {
  const opened: string[] = [];
  const closed: number[] = [];
  let nextWindow = 1;
  const approvals = new Approvals({
    windows: {
      open: async (id) => {
        opened.push(id);
        return nextWindow++;
      },
      focus: async () => {},
      close: async (windowId) => void closed.push(windowId),
    },
  });
  return { approvals, opened, closed };
}

const unlock = { kind: 'unlock' as const, view: { origin: 'https://a.example', reason: 'pay' } };

describe('Approvals', () => {
  test('settles with the window answer and closes the window', async () => {
    const { approvals, opened, closed } = makeApprovals();
    const decision = approvals.request('https://a.example', unlock);
    await Promise.resolve();
    await Promise.resolve();
    const id = opened[0] as string;
    expect(approvals.get(id)).toMatchObject({ kind: 'unlock', origin: 'https://a.example' });
    approvals.resolve(id, { approved: true });
    await expect(decision).resolves.toEqual({ approved: true });
    expect(closed).toEqual([1]);
    expect(approvals.get(id)).toBeNull();
  });

  test('closing the window rejects with 4001', async () => {
    const { approvals } = makeApprovals();
    const decision = approvals.request('https://a.example', unlock);
    await new Promise((resolve) => setTimeout(resolve, 0));
    approvals.windowClosed(1);
    await expect(decision).rejects.toMatchObject({ code: 4001 });
  });

  test('a window closed before its id was known still rejects its request', async () => {
    let finishOpening: (windowId: number) => void = () => {};
    const approvals = new Approvals({
      windows: { open: () => new Promise((resolve) => (finishOpening = resolve)), focus: async () => {}, close: async () => {} },
    });
    const decision = approvals.request('https://a.example', unlock);
    approvals.windowClosed(7);
    finishOpening(7);
    await expect(decision).rejects.toMatchObject({ code: 4001 });
  });

  test('one pending request per site and kind: a second gets -32002', async () => {
    const { approvals } = makeApprovals();
    void approvals.request('https://a.example', unlock).catch(() => {});
    await expect(approvals.request('https://a.example', unlock)).rejects.toMatchObject({ code: -32002 });
    const other = approvals.request('https://b.example', { ...unlock, view: { origin: 'https://b.example', reason: 'pay' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    approvals.settleAll('unlock', { approved: true });
    await expect(other).resolves.toEqual({ approved: true });
  });
});

describe('Approvals: the asking page goes away', () => {
  test('its window closes and its request is rejected with 4001', async () => {
    const { approvals, closed } = makeApprovals();
    const page = new AbortController();
    const decision = approvals.request('https://a.example', unlock, { signal: page.signal });
    await new Promise((resolve) => setTimeout(resolve, 0));
    page.abort();
    await expect(decision).rejects.toMatchObject({ code: 4001, message: 'The page that asked for this was closed or reloaded.' });
    expect(closed).toEqual([1]);
    // The site may ask again at once: nothing of the old request is left.
    const again = approvals.request('https://a.example', unlock);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(approvals.pendingKinds()).toEqual(['unlock']);
    approvals.settleAll('unlock', { approved: true });
    await expect(again).resolves.toEqual({ approved: true });
  });

  test('a page gone while its window was still opening: the window is closed once it exists', async () => {
    let finishOpening: (windowId: number) => void = () => {};
    const closed: number[] = [];
    const approvals = new Approvals({
      windows: { open: () => new Promise((resolve) => (finishOpening = resolve)), focus: async () => {}, close: async (windowId) => void closed.push(windowId) },
    });
    const page = new AbortController();
    const decision = approvals.request('https://a.example', unlock, { signal: page.signal });
    page.abort();
    finishOpening(9);
    await expect(decision).rejects.toMatchObject({ code: 4001 });
    expect(closed).toEqual([9]);
  });

  test('a page already gone opens no window', async () => {
    const { approvals, opened } = makeApprovals();
    await expect(approvals.request('https://a.example', unlock, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 4001 });
    expect(opened).toEqual([]);
  });
});

describe('Approvals: a site the user keeps turning down', () => {
  const connect = (origin: string) => ({ kind: 'connect' as const, view: { origin, accounts: [], selected: '' } });

  test(`after ${TURNED_DOWN_LIMIT} turned-down connect requests the site gets 4001 at once, with no window, until the time has passed`, async () => {
    let now = 1_000_000;
    const opened: string[] = [];
    let nextWindow = 1;
    const approvals = new Approvals({ windows: { open: async (id) => (opened.push(id), nextWindow++), focus: async () => {}, close: async () => {} }, now: () => now });
    for (let i = 0; i < TURNED_DOWN_LIMIT; i++) {
      const decision = approvals.request('https://pushy.example', connect('https://pushy.example'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      // Rejected in the window, or the window closed: both count.
      if (i % 2 === 0) {
        approvals.resolve(opened.at(-1) as string, { approved: false });
        await expect(decision).resolves.toEqual({ approved: false });
      } else {
        approvals.windowClosed(nextWindow - 1);
        await expect(decision).rejects.toMatchObject({ code: 4001 });
      }
    }
    const windows = opened.length;
    await expect(approvals.request('https://pushy.example', connect('https://pushy.example'))).rejects.toMatchObject({ code: 4001, message: expect.stringContaining('turned this site down') });
    expect(opened.length).toBe(windows);
    // Other sites and other kinds are not affected.
    void approvals.request('https://other.example', connect('https://other.example')).catch(() => {});
    void approvals.request('https://pushy.example', unlock).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened.length).toBe(windows + 2);
    now += TURNED_DOWN_WINDOW_MS + 1;
    void approvals.request('https://pushy.example', connect('https://pushy.example')).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    // One window per site: the connect window waits for the site's unlock window to be answered.
    expect(opened.length).toBe(windows + 2);
    approvals.settleAll('unlock', { approved: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened.length).toBe(windows + 3);
  });

  test(`unlock windows cool down the same way: ${TURNED_DOWN_LIMIT} closed unlock windows, then 4001 at once`, async () => {
    const { approvals, opened } = makeApprovals();
    for (let i = 0; i < TURNED_DOWN_LIMIT; i++) {
      const decision = approvals.request('https://a.example', unlock);
      await new Promise((resolve) => setTimeout(resolve, 0));
      approvals.windowClosed(opened.length);
      await expect(decision).rejects.toMatchObject({ code: 4001 });
    }
    await expect(approvals.request('https://a.example', unlock)).rejects.toMatchObject({ code: 4001, message: expect.stringContaining('turned this site down') });
    expect(opened).toHaveLength(TURNED_DOWN_LIMIT);
  });
});

describe('Approvals: one window per site at a time', () => {
  const payment = { kind: 'payment' as const, view: {} as never };
  // Signature requests are payment-kind windows now; a token suggestion is another kind from the same site.
  const signature = { kind: 'watchAsset' as const, view: { origin: 'https://a.example', address: '0x1', symbol: 'T', decimals: 0, claimedSymbol: null, listed: false } };
  const connect = { kind: 'connect' as const, view: { origin: 'https://a.example', accounts: [], selected: '' } };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  test('a second window from the same site waits for the first, then they open in the order asked', async () => {
    const { approvals, opened, closed } = makeApprovals();
    const first = approvals.request('https://a.example', payment);
    const second = approvals.request('https://a.example', signature);
    const third = approvals.request('https://a.example', connect);
    const elsewhere = approvals.request('https://b.example', { ...signature, view: { ...signature.view, origin: 'https://b.example' } });
    await tick();
    // The site's first window and the other site's window are open; the rest wait.
    expect(opened.map((id) => approvals.get(id)?.kind)).toEqual(['payment', 'watchAsset']);
    expect(approvals.get(opened[1] as string)?.origin).toBe('https://b.example');
    approvals.resolve(opened[0] as string, { approved: true });
    await expect(first).resolves.toEqual({ approved: true });
    await tick();
    expect(opened).toHaveLength(3);
    expect(approvals.get(opened[2] as string)).toMatchObject({ origin: 'https://a.example', kind: 'watchAsset' });
    // Closing a window (rather than answering) also lets the next one open.
    approvals.windowClosed(3);
    await expect(second).rejects.toMatchObject({ code: 4001 });
    await tick();
    expect(approvals.get(opened[3] as string)).toMatchObject({ origin: 'https://a.example', kind: 'connect' });
    approvals.resolve(opened[3] as string, { approved: false });
    await expect(third).resolves.toEqual({ approved: false });
    approvals.resolve(opened[1] as string, { approved: true });
    await expect(elsewhere).resolves.toEqual({ approved: true });
    expect(closed).toEqual([1, 4, 2]);
  });

  test('a queued request has no window: nothing can read or answer it until its turn', async () => {
    const { approvals, opened } = makeApprovals();
    void approvals.request('https://a.example', payment).catch(() => {});
    const queued = approvals.request('https://a.example', signature);
    await tick();
    expect(opened).toHaveLength(1);
    expect(approvals.pendingKinds()).toEqual(['payment', 'watchAsset']);
    // Its id reaches no window, and an id that is not a shown window's answers nothing.
    approvals.resolve('not-an-id', { approved: true });
    let settled = false;
    void queued.then(() => (settled = true), () => (settled = true));
    await tick();
    expect(settled).toBe(false);
  });

  test('a queued request whose page goes away is dropped without ever opening a window', async () => {
    const { approvals, opened } = makeApprovals();
    const page = new AbortController();
    const first = approvals.request('https://a.example', payment);
    const queued = approvals.request('https://a.example', signature, { signal: page.signal });
    await tick();
    page.abort();
    await expect(queued).rejects.toMatchObject({ code: 4001 });
    approvals.resolve(opened[0] as string, { approved: true });
    await expect(first).resolves.toEqual({ approved: true });
    await tick();
    expect(opened).toHaveLength(1);
    expect(approvals.pendingKinds()).toEqual([]);
  });

  test('unlocking settles every waiting unlock request, shown or queued', async () => {
    const { approvals, opened } = makeApprovals();
    const shown = approvals.request('https://a.example', unlock);
    const other = approvals.request('https://b.example', payment);
    const queuedUnlock = approvals.request('https://b.example', { kind: 'unlock', view: { origin: 'https://b.example', reason: 'sign' } });
    await tick();
    approvals.settleAll('unlock', { approved: true });
    await expect(shown).resolves.toEqual({ approved: true });
    await expect(queuedUnlock).resolves.toEqual({ approved: true });
    expect(opened).toHaveLength(2);
    approvals.resolve(opened[1] as string, { approved: false });
    await expect(other).resolves.toEqual({ approved: false });
  });

  test('the same kind twice from a site is refused with -32002 (answering the first settles it); other kinds queue', async () => {
    const { approvals } = makeApprovals();
    const kinds = ['payment', 'watchAsset', 'connect', 'unlock'] as const;
    // Same kind twice is refused at once (answering the first settles what the second asks).
    void approvals.request('https://a.example', payment).catch(() => {});
    await expect(approvals.request('https://a.example', payment)).rejects.toMatchObject({ code: -32002 });
    for (const kind of kinds.slice(1)) void approvals.request('https://a.example', { kind, view: {} } as never).catch(() => {});
    expect(approvals.pendingKinds()).toEqual([...kinds]);
  });
});
