import { CommonGuardError, type CommonGuardErrorParameters } from '../errors/base.js';

/**
 * Errors raised while decoding a pay request. Each one says what was wrong and what to do, so a
 * wallet can show `shortMessage` to a person as it is.
 */
export type DecodeErrorParameters = Omit<CommonGuardErrorParameters, 'name'>;

export class DecodeError extends CommonGuardError {
  override name = 'DecodeError';
}
export type DecodeErrorType = DecodeError & { name: 'DecodeError' };

/** The value is not something a pay request can carry (wrong type, bad hex, missing field). */
export class InvalidPayRequestError extends DecodeError {
  override name = 'InvalidPayRequestError';
  constructor({ reason, ...rest }: { reason: string } & DecodeErrorParameters) {
    super(`This payment request is malformed: ${reason}.`, rest);
  }
}
export type InvalidPayRequestErrorType = InvalidPayRequestError & { name: 'InvalidPayRequestError' };

/** An `ethereum:` payment link (ERC-681) that cannot be read. */
export class InvalidPaymentLinkError extends DecodeError {
  override name = 'InvalidPaymentLinkError';
  readonly uri: string;
  constructor({ uri, reason, ...rest }: { uri: string; reason: string } & DecodeErrorParameters) {
    super(`This payment link cannot be used: ${reason}.`, {
      ...rest,
      metaMessages: [`Link: ${uri.length > 120 ? `${uri.slice(0, 117)}...` : uri}`, ...(rest.metaMessages ?? [])],
    });
    this.uri = uri;
  }
}
export type InvalidPaymentLinkErrorType = InvalidPaymentLinkError & { name: 'InvalidPaymentLinkError' };
