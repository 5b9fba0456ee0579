import { rpcError } from '../../shared/rpcErrors.js';
import type { ApprovalDecision, ApprovalKind, ApprovalView, PendingApproval } from '../../shared/views.js';
import { OriginCooldown } from './OriginCooldown.js';

export type ApprovalWindows = {
  /** Opens the confirmation window for approval `id`; returns its window id. */
  open(id: string): Promise<number | undefined>;
  focus(windowId: number): Promise<void>;
  close(windowId: number): Promise<void>;
};

type Entry = {
  approval: PendingApproval;
  /** `queued`: waiting for the site's earlier window; `opening`/`open`: its window is (being) shown. */
  state: 'queued' | 'opening' | 'open';
  windowId: number | undefined;
  resolve: (decision: ApprovalDecision) => void;
  reject: (error: Error) => void;
};

function pageGone() {
  return rpcError.userRejected('The page that asked for this was closed or reloaded.');
}

/**
 * A site whose connect or unlock request the user turned down this many times within
 * {@link TURNED_DOWN_WINDOW_MS} may not open another such window until that time has passed (its
 * requests get 4001 at once), so a page cannot keep the user busy closing windows.
 */
export const TURNED_DOWN_LIMIT = 3;
export const TURNED_DOWN_WINDOW_MS = 10 * 60_000;
const COOLING_KINDS: ReadonlySet<ApprovalKind> = new Set(['connect', 'unlock', 'network']);

/** Requests that may wait for the user at once, all sites together. */
const MAX_PENDING = 32;

/** Requests without a site (none today: every request names the page that made it) share one queue. */
const NO_SITE = 'the wallet';

/**
 * The queue of requests waiting for the user. A site has at most one window open at a time: its other
 * requests wait, in the order they came, and each window opens only when the one before it was answered
 * or closed. So a site cannot open a window over its own window, under the user's click. Another
 * request of the same kind as the one shown is still refused with -32002 (the window is brought
 * forward), since answering the first settles what the second would ask.
 * {@link Approvals.request} settles when the window answers, or rejects with 4001 when it is closed.
 */
export class Approvals {
  #windows: ApprovalWindows;
  /** In arrival order: the first entry of a site is the one it shows. */
  #entries = new Map<string, Entry>();
  /** Windows closed before we learned their id (the user can be faster than `windows.create`). */
  #closedEarly = new Set<number>();
  #now: () => number;
  #turnedDown: OriginCooldown;

  constructor({ windows, now = Date.now }: { windows: ApprovalWindows; now?: () => number }) {
    this.#windows = windows;
    this.#now = now;
    this.#turnedDown = new OriginCooldown({ limit: TURNED_DOWN_LIMIT, windowMs: TURNED_DOWN_WINDOW_MS, now });
  }

  /**
   * Queues a confirmation and waits for its answer; its window opens once the site has no other window
   * open. `signal` is the asking page's lifetime: when it aborts (the page reloaded, navigated or
   * closed), the window closes (or the queued request is dropped) and the request is rejected with 4001.
   */
  async request(origin: string | null, approval: ApprovalView, { signal }: { signal?: AbortSignal | undefined } = {}): Promise<ApprovalDecision> {
    if (signal?.aborted) throw pageGone();
    if (origin !== null && COOLING_KINDS.has(approval.kind) && this.#turnedDown.blocked(`${approval.kind} ${origin}`))
      throw rpcError.userRejected('The user turned this site down several times; it cannot ask again for a few minutes.');
    const site = this.#siteEntries(origin);
    if (site.some((entry) => entry.approval.kind === approval.kind)) {
      const shown = site[0]?.windowId;
      if (shown !== undefined) void this.#windows.focus(shown).catch(() => {});
      throw rpcError.pending();
    }
    if (this.#entries.size >= MAX_PENDING) throw rpcError.limitExceeded('Too many requests are waiting for confirmation.');
    const id = crypto.randomUUID();
    const pending = { id, origin, createdAt: this.#now(), ...approval } as PendingApproval;
    const decision = new Promise<ApprovalDecision>((resolve, reject) => {
      this.#entries.set(id, { approval: pending, state: 'queued', windowId: undefined, resolve, reject });
    });
    const withdraw = () => this.withdraw(id);
    signal?.addEventListener('abort', withdraw, { once: true });
    const settled = decision.finally(() => signal?.removeEventListener('abort', withdraw));
    if (site.length === 0) await this.#show(id);
    else {
      // Waits for the site's window: bring that one forward so the user sees what is asked first.
      const shown = site[0]?.windowId;
      if (shown !== undefined) void this.#windows.focus(shown).catch(() => {});
    }
    return settled;
  }

  /** The page that asked went away: its window closes (or its place in the queue is dropped) and its request is rejected with 4001. */
  withdraw(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#finish(id, entry);
    entry.reject(pageGone());
  }

  get(id: string): PendingApproval | null {
    const entry = this.#entries.get(id);
    // A queued request has no window yet: nothing may read or answer it.
    return entry && entry.state !== 'queued' ? entry.approval : null;
  }

  pendingKinds(): ApprovalKind[] {
    return [...this.#entries.values()].map((entry) => entry.approval.kind);
  }

  /**
   * The window answered. The caller (rpc) decides what an answer is worth; this only delivers it.
   * Returns `false` when nothing was waiting for it (answered already, the page went away, the worker restarted).
   */
  resolve(id: string, decision: ApprovalDecision): boolean {
    const entry = this.#entries.get(id);
    if (!entry || entry.state === 'queued') return false;
    this.#settle(id, entry, decision);
    return true;
  }

  /** A window was closed: whatever it showed is rejected. */
  windowClosed(windowId: number): void {
    let found = false;
    for (const [id, entry] of this.#entries) {
      if (entry.windowId !== windowId || entry.state === 'queued') continue;
      found = true;
      this.#noteTurnedDown(entry.approval);
      this.#finish(id, entry, { closeWindow: false });
      entry.reject(rpcError.userRejected());
    }
    if (!found && [...this.#entries.values()].some((entry) => entry.state === 'opening')) {
      this.#closedEarly.add(windowId);
      if (this.#closedEarly.size > 64) this.#closedEarly.delete(this.#closedEarly.values().next().value as number);
    }
  }

  /** Settles every pending request of `kind`, shown or queued (e.g. all unlock requests once the wallet is unlocked elsewhere). */
  settleAll(kind: ApprovalKind, decision: ApprovalDecision): void {
    for (const [id, entry] of [...this.#entries]) if (entry.approval.kind === kind && this.#entries.has(id)) this.#settle(id, entry, decision);
  }

  #settle(id: string, entry: Entry, decision: ApprovalDecision): void {
    if (!decision.approved) this.#noteTurnedDown(entry.approval);
    this.#finish(id, entry);
    entry.resolve(decision);
  }

  /** Removes `id`, closes its window if it had one, and shows the site's next request. */
  #finish(id: string, entry: Entry, { closeWindow = true }: { closeWindow?: boolean } = {}): void {
    this.#entries.delete(id);
    if (closeWindow && entry.windowId !== undefined) void this.#windows.close(entry.windowId).catch(() => {});
    if (entry.state === 'queued') return;
    const next = this.#siteEntries(entry.approval.origin)[0];
    if (next && next.state === 'queued') void this.#show(next.approval.id);
  }

  async #show(id: string): Promise<void> {
    const entry = this.#entries.get(id);
    if (!entry) return;
    entry.state = 'opening';
    let windowId: number | undefined;
    try {
      windowId = await this.#windows.open(id);
    } catch {
      this.#finish(id, entry);
      entry.reject(rpcError.internal('The wallet could not open its confirmation window.'));
      return;
    }
    if (this.#entries.get(id) === entry) {
      entry.windowId = windowId;
      entry.state = 'open';
    }
    // Withdrawn while the window was opening: nobody will answer it.
    else if (windowId !== undefined) void this.#windows.close(windowId).catch(() => {});
    if (windowId !== undefined && this.#closedEarly.delete(windowId)) this.windowClosed(windowId);
  }

  #siteEntries(origin: string | null): Entry[] {
    const site = origin ?? NO_SITE;
    return [...this.#entries.values()].filter((entry) => (entry.approval.origin ?? NO_SITE) === site);
  }

  #noteTurnedDown(approval: PendingApproval): void {
    if (approval.origin === null || !COOLING_KINDS.has(approval.kind)) return;
    this.#turnedDown.note(`${approval.kind} ${approval.origin}`);
  }
}
