import { describe, expect, test } from 'vitest';
import { type ChainReachability, ChainStatus } from './ChainStatus.js';

// The node is a switch here (the real one is stopped and restarted in the browser tests).
function makeStatus({ active = true } = {}) {
  let up = true;
  let probes = 0;
  const changes: ChainReachability[] = [];
  const status = new ChainStatus({
    probe: async () => {
      probes++;
      if (!up) throw new Error('connection failed');
      return { connected: true, chainId: '0x7a69' };
    },
    active: () => active,
    intervalMs: 10,
  });
  status.on('changed', (next) => void changes.push(next));
  return { status, changes, setUp: (value: boolean) => void (up = value), probes: () => probes };
}

describe('ChainStatus', () => {
  test('reports one disconnect when the node goes away and one connect when it is back', async () => {
    const { status, changes, setUp } = makeStatus();
    expect(await status.check()).toEqual({ connected: true, chainId: '0x7a69' });
    expect(changes).toEqual([]);
    setUp(false);
    await status.check();
    await status.check();
    expect(changes).toEqual([{ connected: false, reason: 'connection failed' }]);
    setUp(true);
    await status.check();
    expect(changes).toEqual([{ connected: false, reason: 'connection failed' }, { connected: true, chainId: '0x7a69' }]);
  });

  test('polls while pages listen, and finds the node gone without any request', async () => {
    const { status, changes, setUp } = makeStatus();
    await status.check();
    status.start();
    setUp(false);
    await expect.poll(() => changes.length).toBe(1);
    setUp(true);
    await expect.poll(() => changes.length).toBe(2);
    status.stop();
    expect(changes.map((change) => change.connected)).toEqual([false, true]);
  });

  test('does not poll when no page is connected', async () => {
    const { status, probes } = makeStatus({ active: false });
    status.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    status.stop();
    expect(probes()).toBe(0);
  });

  test('a failed request makes it look at once; concurrent checks share one probe', async () => {
    const { status, changes, setUp, probes } = makeStatus();
    await status.check();
    setUp(false);
    status.reportUnreachable();
    await Promise.all([status.check(), status.check()]);
    expect(probes()).toBe(2);
    expect(changes).toEqual([{ connected: false, reason: 'connection failed' }]);
  });
});
