import { rpcError } from '../../shared/rpcErrors.js';
import type { ApprovalDecision, ApprovalKind, ApprovalView, PendingApproval } from '../../shared/views.js';

export type ApprovalWindows = {
  /** Opens the confirmation window for approval `id`; returns its window id. */
  open(id: string): Promise<number | undefined>;
  focus(windowId: number): Promise<void>;
  close(windowId: number): Promise<void>;
};

type Entry = {
  approval: PendingApproval;
  windowId: number | undefined;
  resolve: (decision: ApprovalDecision) => void;
  reject: (error: Error) => void;
};

function pageGone() {
  return rpcError.userRejected('The page that asked for this was closed or reloaded.');
}

/**
 * A site whose connect request the user turned down this many times within {@link TURNED_DOWN_WINDOW_MS}
 * may not open another connect window until that time has passed (its requests get 4001 at once), so a
 * page cannot keep the user busy closing windows.
 */
export const TURNED_DOWN_LIMIT = 3;
export const TURNED_DOWN_WINDOW_MS = 10 * 60_000;
const COOLING_KINDS: ReadonlySet<ApprovalKind> = new Set(['connect']);

/** Requests that may wait for the user at once, all sites together. */
const MAX_PENDING = 32;

/**
 * The queue of requests waiting for the user. Each opens its own confirmation window; at most one
 * per site and kind (a second one is refused with -32002 and the first window is brought forward).
 * {@link Approvals.request} settles when the window answers, or rejects with 4001 when it is closed.
 */
export class Approvals {
  #windows: ApprovalWindows;
  #entries = new Map<string, Entry>();
  /** Windows closed before we learned their id (the user can be faster than `windows.create`). */
  #closedEarly = new Set<number>();
  #now: () => number;
  /** When the user turned down each site's requests, per kind that cools down (see {@link TURNED_DOWN_LIMIT}). */
  #turnedDown = new Map<string, number[]>();

  constructor({ windows, now = Date.now }: { windows: ApprovalWindows; now?: () => number }) {
    this.#windows = windows;
    this.#now = now;
  }

  /**
   * Opens a confirmation window and waits for its answer. `signal` is the asking page's lifetime: when
   * it aborts (the page reloaded, navigated or closed), the window closes and the request is rejected
   * with 4001, so nothing is left waiting for a page that is gone.
   */
  async request(origin: string | null, approval: ApprovalView, { signal }: { signal?: AbortSignal | undefined } = {}): Promise<ApprovalDecision> {
    if (signal?.aborted) throw pageGone();
    if (origin !== null && COOLING_KINDS.has(approval.kind) && this.#recentlyTurnedDown(origin, approval.kind) >= TURNED_DOWN_LIMIT)
      throw rpcError.userRejected('The user turned this site down several times; it cannot ask again for a few minutes.');
    for (const entry of this.#entries.values()) {
      if (entry.approval.origin === origin && entry.approval.kind === approval.kind) {
        if (entry.windowId !== undefined) void this.#windows.focus(entry.windowId).catch(() => {});
        throw rpcError.pending();
      }
    }
    if (this.#entries.size >= MAX_PENDING) throw rpcError.limitExceeded('Too many requests are waiting for confirmation.');
    const id = crypto.randomUUID();
    const pending = { id, origin, createdAt: this.#now(), ...approval } as PendingApproval;
    const decision = new Promise<ApprovalDecision>((resolve, reject) => {
      this.#entries.set(id, { approval: pending, windowId: undefined, resolve, reject });
    });
    const withdraw = () => this.withdraw(id);
    signal?.addEventListener('abort', withdraw, { once: true });
    const settled = decision.finally(() => signal?.removeEventListener('abort', withdraw));
    try {
      const windowId = await this.#windows.open(id);
      const entry = this.#entries.get(id);
      if (entry) entry.windowId = windowId;
      // Withdrawn while the window was opening: nobody will answer it.
      else if (windowId !== undefined) void this.#windows.close(windowId).catch(() => {});
      if (windowId !== undefined && this.#closedEarly.delete(windowId)) this.windowClosed(windowId);
    } catch {
      this.#entries.delete(id);
      signal?.removeEventListener('abort', withdraw);
      throw rpcError.internal('The wallet could not open its confirmation window.');
    }
    return settled;
  }

  /** The page that asked went away: its window closes and its request is rejected with 4001. */
  withdraw(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    entry.reject(pageGone());
    if (entry.windowId !== undefined) void this.#windows.close(entry.windowId).catch(() => {});
  }

  get(id: string): PendingApproval | null {
    return this.#entries.get(id)?.approval ?? null;
  }

  pendingKinds(): ApprovalKind[] {
    return [...this.#entries.values()].map((entry) => entry.approval.kind);
  }

  /** The window answered. The caller (rpc) decides what an answer is worth; this only delivers it. */
  resolve(id: string, decision: ApprovalDecision): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    if (!decision.approved) this.#noteTurnedDown(entry.approval);
    entry.resolve(decision);
    if (entry.windowId !== undefined) void this.#windows.close(entry.windowId).catch(() => {});
  }

  /** A window was closed: whatever it showed is rejected. */
  windowClosed(windowId: number): void {
    let found = false;
    for (const [id, entry] of this.#entries) {
      if (entry.windowId !== windowId) continue;
      found = true;
      this.#entries.delete(id);
      this.#noteTurnedDown(entry.approval);
      entry.reject(rpcError.userRejected());
    }
    if (!found && [...this.#entries.values()].some((entry) => entry.windowId === undefined)) {
      this.#closedEarly.add(windowId);
      if (this.#closedEarly.size > 64) this.#closedEarly.delete(this.#closedEarly.values().next().value as number);
    }
  }

  #recentlyTurnedDown(origin: string, kind: ApprovalKind): number {
    const since = this.#now() - TURNED_DOWN_WINDOW_MS;
    const key = `${kind} ${origin}`;
    const recent = (this.#turnedDown.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.#turnedDown.delete(key);
    else this.#turnedDown.set(key, recent);
    return recent.length;
  }

  #noteTurnedDown(approval: PendingApproval): void {
    if (approval.origin === null || !COOLING_KINDS.has(approval.kind)) return;
    const key = `${approval.kind} ${approval.origin}`;
    this.#turnedDown.set(key, [...(this.#turnedDown.get(key) ?? []), this.#now()].slice(-TURNED_DOWN_LIMIT));
    // Bounded: a flood of origins cannot grow this without end.
    if (this.#turnedDown.size > 256) this.#turnedDown.delete(this.#turnedDown.keys().next().value as string);
  }

  /** Rejects every pending request of `kind` (e.g. all unlock requests once the wallet is unlocked elsewhere). */
  settleAll(kind: ApprovalKind, decision: ApprovalDecision): void {
    for (const [id, entry] of this.#entries) if (entry.approval.kind === kind) this.resolve(id, decision);
  }
}
