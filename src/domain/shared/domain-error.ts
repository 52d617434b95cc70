/** A broken business rule, with a stable code that the HTTP layer maps to a problem type. */
export class DomainError extends Error {
  constructor(readonly code: string, message: string, readonly details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.name = 'DomainError';
  }
}
