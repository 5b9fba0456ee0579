import { describe, expect, test } from 'vitest';
import { restrictStorageToWallet } from './storageAccess.js';

function area(behaviour: 'ok' | 'rejects' | 'missing') {
  const calls: unknown[] = [];
  const value =
    behaviour === 'missing'
      ? {}
      : {
          setAccessLevel(options: unknown) {
            calls.push({ options, self: this });
            return behaviour === 'ok' ? Promise.resolve() : Promise.reject(new Error('Only supported for session storage.'));
          },
        };
  return { value, calls };
}

describe('restrictStorageToWallet', () => {
  test('asks for TRUSTED_CONTEXTS on local and session storage (on the area itself)', async () => {
    const local = area('ok');
    const session = area('ok');
    expect(await restrictStorageToWallet({ local: local.value, session: session.value } as never)).toEqual({ local: 'trusted-only', session: 'trusted-only' });
    expect(local.calls).toEqual([{ options: { accessLevel: 'TRUSTED_CONTEXTS' }, self: local.value }]);
    expect(session.calls).toEqual([{ options: { accessLevel: 'TRUSTED_CONTEXTS' }, self: session.value }]);
  });

  test('reports a browser that cannot restrict an area (Firefox: local) instead of failing the start', async () => {
    expect(await restrictStorageToWallet({ local: area('rejects').value, session: area('ok').value } as never)).toEqual({ local: 'unsupported', session: 'trusted-only' });
    expect(await restrictStorageToWallet({ local: area('missing').value, session: area('missing').value } as never)).toEqual({ local: 'unsupported', session: 'unsupported' });
  });
});
