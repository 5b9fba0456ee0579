import { describe, expect, test } from 'vitest';
import { ARM_DELAY_MS, Arming } from './arming.js';

/** A hand-driven clock: timers run only when the test moves time. */
function clock() {
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  return {
    timers: {
      set: (run: () => void, ms: number) => (timers.set(next, { at: now + ms, run }), next++),
      clear: (handle: unknown) => void timers.delete(handle as number),
    },
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers]) if (timer.at <= now) (timers.delete(id), timer.run());
    },
  };
}

function setUp() {
  const time = clock();
  const changes: boolean[] = [];
  const arming = new Arming({ timers: time.timers, onChange: (armed) => changes.push(armed) });
  return { time, arming, changes };
}

const shown = { visible: true, focused: true };

describe('Arming: buttons work only after the window was visible and focused for a moment', () => {
  test(`arms ${ARM_DELAY_MS} ms after the window is visible and focused, not before`, () => {
    const { time, arming, changes } = setUp();
    arming.update(shown);
    time.advance(ARM_DELAY_MS - 1);
    expect(arming.armed).toBe(false);
    time.advance(1);
    expect(arming.armed).toBe(true);
    expect(changes).toEqual([true]);
  });

  test('a window that is not focused, or hidden, never arms', () => {
    const { time, arming } = setUp();
    arming.update({ visible: true, focused: false });
    time.advance(10 * ARM_DELAY_MS);
    expect(arming.armed).toBe(false);
    arming.update({ visible: false, focused: true });
    time.advance(10 * ARM_DELAY_MS);
    expect(arming.armed).toBe(false);
  });

  test('losing focus disarms at once, and the wait starts again from zero', () => {
    const { time, arming, changes } = setUp();
    arming.update(shown);
    time.advance(ARM_DELAY_MS);
    arming.update({ visible: true, focused: false });
    expect(arming.armed).toBe(false);
    arming.update(shown);
    time.advance(ARM_DELAY_MS / 2);
    // Another blur before the wait is over (a page popping something up): no arming from the old wait.
    arming.update({ visible: true, focused: false });
    arming.update(shown);
    time.advance(ARM_DELAY_MS - 1);
    expect(arming.armed).toBe(false);
    time.advance(1);
    expect(arming.armed).toBe(true);
    expect(changes).toEqual([true, false, true]);
  });

  test('repeated focus events do not shorten the wait; stop disarms', () => {
    const { time, arming } = setUp();
    arming.update(shown);
    time.advance(ARM_DELAY_MS / 2);
    arming.update(shown);
    time.advance(ARM_DELAY_MS / 2);
    expect(arming.armed).toBe(true);
    arming.stop();
    expect(arming.armed).toBe(false);
  });
});
