import { ProviderRpcError, type RpcErrorObject, rpcError, toRpcErrorObject } from '../../shared/rpcErrors.js';
import { CONNECTED_BUDGET, RequestBudget, UNCONNECTED_BUDGET } from './RequestBudget.js';

/**
 * Who is asking: the origin is always taken from the port's sender, never from the message. `signal`
 * aborts when the asking page goes away (reload, navigation, tab closed): windows it opened are withdrawn.
 */
export type RequestContext = { origin: string; signal?: AbortSignal | undefined };

type Handle = (context: RequestContext, params: unknown) => Promise<unknown>;

/**
 * One provider method and its policy, side by side: `public` methods answer any site; `connected` ones
 * only sites the user connected (others get 4100 before anything runs); `refused` ones always fail with
 * their reason. `cost` is what a call takes from the site's request budget (default 1; 0 for answers
 * the wallet has in memory). Account checks happen inside handlers that need them.
 */
export type MethodHandler =
  | { access: 'public' | 'connected'; cost?: number; handle: Handle }
  | { access: 'refused'; reason: string };

export type MethodTable = Readonly<Record<string, MethodHandler>>;

/** Requests one site may have running at once in the background (floods get -32005). */
export const MAX_CONCURRENT_PER_ORIGIN = 32;

/**
 * Answers EIP-1193 requests from pages: looks the method up in an explicit table (an unknown name
 * gets 4200, never a property lookup on some object), runs it, and turns every outcome into a
 * JSON-RPC result or error object.
 */
export type ProviderRpcOptions = {
  methods: MethodTable;
  /** Whether the user connected `origin` (decides `connected` methods and which request budget applies). */
  isConnected?: (origin: string) => Promise<boolean>;
  budget?: RequestBudget;
};

export class ProviderRpc {
  #methods: Map<string, MethodHandler>;
  #running = new Map<string, number>();
  #isConnected: (origin: string) => Promise<boolean>;
  #budget: RequestBudget;

  constructor({ methods, isConnected = async () => false, budget = new RequestBudget() }: ProviderRpcOptions) {
    this.#methods = new Map(Object.entries(methods));
    this.#isConnected = isConnected;
    this.#budget = budget;
  }

  async handle(context: RequestContext, method: unknown, params: unknown): Promise<{ result: unknown } | { error: RpcErrorObject }> {
    if (typeof method !== 'string') return { error: rpcError.invalidRequest('"method" must be a string.').toJSON() };
    const handler = this.#methods.get(method);
    if (!handler) return { error: rpcError.unsupported(method.slice(0, 64), 'This wallet does not support this method.').toJSON() };
    if (handler.access === 'refused') return { error: rpcError.unsupported(method, handler.reason).toJSON() };
    if (params !== undefined && (typeof params !== 'object' || params === null))
      return { error: rpcError.invalidParams('"params" must be an array or an object.').toJSON() };
    const running = this.#running.get(context.origin) ?? 0;
    if (running >= MAX_CONCURRENT_PER_ORIGIN) return { error: rpcError.limitExceeded().toJSON() };
    this.#running.set(context.origin, running + 1);
    try {
      const cost = handler.cost ?? 1;
      if (handler.access === 'connected' || cost > 0) {
        const connected = await this.#isConnected(context.origin);
        // The wallet's node is the user's: a site the user did not connect cannot use it as a proxy.
        if (handler.access === 'connected' && !connected) return { error: rpcError.unauthorized().toJSON() };
        if (!this.#budget.take(context.origin, connected ? CONNECTED_BUDGET : UNCONNECTED_BUDGET, cost))
          return { error: rpcError.limitExceeded('Too many requests from this site. Slow down and try again in a moment.').toJSON() };
      }
      const result = await handler.handle(context, params ?? []);
      return { result: result === undefined ? null : result };
    } catch (error) {
      if (!(error instanceof ProviderRpcError)) console.error(`CommonGuard: ${method} failed`, error);
      return { error: toRpcErrorObject(error) };
    } finally {
      const left = (this.#running.get(context.origin) ?? 1) - 1;
      if (left <= 0) this.#running.delete(context.origin);
      else this.#running.set(context.origin, left);
    }
  }
}

/** `params` as a positional list with at least `min` entries, or -32602. */
export function positional(params: unknown, method: string, min: number): unknown[] {
  if (!Array.isArray(params)) throw rpcError.invalidParams(`${method} expects its parameters as a list.`);
  if (params.length < min) throw rpcError.invalidParams(`${method} expects at least ${min} parameter${min === 1 ? '' : 's'}.`);
  return params;
}
