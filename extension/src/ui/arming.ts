/**
 * When a confirmation window's action buttons may be pressed: only after the window has been visible
 * and focused for {@link ARM_DELAY_MS} without a break. A page that opens a window under the user's
 * cursor (or brings it up just before an expected click) cannot have that click land on Confirm: the
 * click comes too early. Losing focus or visibility disarms at once, and the wait starts again.
 * Pure: the window's state and the timer come in from outside (see armed.svelte.ts).
 */
export const ARM_DELAY_MS = 1000;

export type ArmingTimers = { set: (run: () => void, ms: number) => unknown; clear: (handle: unknown) => void };

export class Arming {
  #visible = false;
  #focused = false;
  #armed = false;
  #timer: unknown = undefined;
  #timers: ArmingTimers;
  #delay: number;
  #onChange: (armed: boolean) => void;

  constructor({ timers, delay = ARM_DELAY_MS, onChange }: { timers: ArmingTimers; delay?: number; onChange: (armed: boolean) => void }) {
    this.#timers = timers;
    this.#delay = delay;
    this.#onChange = onChange;
  }

  get armed(): boolean {
    return this.#armed;
  }

  /** The window's current state, on every change (visibilitychange, focus, blur). */
  update({ visible, focused }: { visible: boolean; focused: boolean }): void {
    this.#visible = visible;
    this.#focused = focused;
    if (!visible || !focused) {
      this.#timers.clear(this.#timer);
      this.#timer = undefined;
      this.#set(false);
      return;
    }
    if (this.#armed || this.#timer !== undefined) return;
    this.#timer = this.#timers.set(() => {
      this.#timer = undefined;
      if (this.#visible && this.#focused) this.#set(true);
    }, this.#delay);
  }

  stop(): void {
    this.#timers.clear(this.#timer);
    this.#timer = undefined;
    this.#set(false);
  }

  #set(armed: boolean): void {
    if (this.#armed === armed) return;
    this.#armed = armed;
    this.#onChange(armed);
  }
}
