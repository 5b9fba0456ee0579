/** Constructor argument of {@link CommonGuardError}. */
export type CommonGuardErrorParameters = {
  /** The cause: another error, or the underlying failure. */
  cause?: unknown;
  /** Extra facts shown as a block under the message (e.g. "Address: 0x…"). */
  details?: string | undefined;
  /** Lines shown between the short message and the details: what to check, what to do. */
  metaMessages?: readonly string[] | undefined;
  /** Overrides the error's `name`; subclasses set their own. */
  name?: string | undefined;
};

export type CommonGuardErrorType = CommonGuardError & { name: 'CommonGuardError' };

/**
 * Base of every error the sdk throws. `shortMessage` is one plain sentence; `message` adds the
 * `metaMessages` and `details`, so printing `error.message` tells a person what went wrong and what
 * to try. `walk()` follows the `cause` chain.
 *
 * @example
 * import { CommonGuardError } from '@commonguard/sdk'
 * try { await readPolicy(client, { address }) }
 * catch (error) { if (error instanceof CommonGuardError) console.error(error.shortMessage) }
 */
export class CommonGuardError extends Error {
  override name = 'CommonGuardError';
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly metaMessages: readonly string[] | undefined;

  constructor(shortMessage: string, parameters: CommonGuardErrorParameters = {}) {
    const details =
      parameters.details ??
      (parameters.cause instanceof CommonGuardError
        ? parameters.cause.details
        : parameters.cause instanceof Error
          ? (shortMessageOf(parameters.cause) ?? parameters.cause.message)
          : undefined);
    const message = [
      shortMessage,
      ...(parameters.metaMessages?.length ? ['', ...parameters.metaMessages] : []),
      ...(details ? ['', `Details: ${details}`] : []),
    ].join('\n');
    super(message, parameters.cause === undefined ? undefined : { cause: parameters.cause });
    if (parameters.name) this.name = parameters.name;
    this.shortMessage = shortMessage;
    this.details = details;
    this.metaMessages = parameters.metaMessages;
  }

  /** The deepest error in the `cause` chain, or the first one for which `predicate` returns true. */
  walk(predicate?: (error: unknown) => boolean): unknown {
    return walk(this, predicate);
  }
}

function shortMessageOf(error: Error): string | undefined {
  const value = (error as { shortMessage?: unknown }).shortMessage;
  return typeof value === 'string' ? value : undefined;
}

function walk(error: unknown, predicate?: (error: unknown) => boolean): unknown {
  if (predicate?.(error)) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (error && typeof error === 'object' && cause !== undefined && cause !== null) return walk(cause, predicate);
  return predicate ? null : error;
}
