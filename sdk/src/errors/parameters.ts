import { CommonGuardError } from './base.js';

export type InvalidParameterErrorType = InvalidParameterError & { name: 'InvalidParameterError' };

/** An argument passed to an sdk function is out of range or of the wrong kind. */
export class InvalidParameterError extends CommonGuardError {
  override name = 'InvalidParameterError' as const;
  readonly parameter: string;

  constructor({ parameter, expected, received }: { parameter: string; expected: string; received: unknown }) {
    super(`${parameter} must be ${expected}, got ${String(received)}.`);
    this.parameter = parameter;
  }
}
