import { ARM_DELAY_MS, Arming } from './arming.js';

/**
 * Reactive arming for a wallet window's action buttons (see {@link Arming}): `ready` turns true once the
 * window has been visible and focused for a moment. Use `disabled={!armed.ready}` on Confirm, Sign and
 * Connect, and start it in an effect: `$effect(() => armed.start())`.
 */
export class Armed {
  ready = $state(false);
  #delay: number;

  constructor(delay = ARM_DELAY_MS) {
    this.#delay = delay;
  }

  /** Follows the window's focus and visibility; returns the cleanup (for `$effect`). */
  start(target: Window = window): () => void {
    const arming = new Arming({
      delay: this.#delay,
      timers: { set: (run, ms) => target.setTimeout(run, ms), clear: (handle) => target.clearTimeout(handle as number) },
      onChange: (armed) => (this.ready = armed),
    });
    const update = () => arming.update({ visible: target.document.visibilityState === 'visible', focused: target.document.hasFocus() });
    const events = ['focus', 'blur', 'visibilitychange', 'pageshow', 'pagehide'] as const;
    for (const event of events) target.addEventListener(event, update);
    update();
    return () => {
      for (const event of events) target.removeEventListener(event, update);
      arming.stop();
    };
  }
}
