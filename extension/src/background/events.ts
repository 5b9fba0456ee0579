/**
 * A small typed event emitter for the background modules: each module declares its events as a map of
 * past-tense names to argument lists, emits them right after the change they describe, and exposes
 * `on` to whoever wires it up (`wallet.ts`). Listeners run in order; one that throws does not stop the
 * others or the module that emitted.
 */
export class Emitter<Events extends { [name: string]: unknown[] }> {
  // Each set holds listeners of its own event's signature (see `on`).
  #listeners = new Map<keyof Events, Set<unknown>>();

  /** Calls `listener` on every `event`; returns a function that stops it. */
  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        (listener as (...args: Events[E]) => void)(...args);
      } catch (error) {
        console.error(`CommonGuard: a listener of "${String(event)}" failed`, error);
      }
    }
  }
}
