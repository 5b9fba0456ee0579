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
    expect(opened.length).toBe(windows + 3);
  });
});
