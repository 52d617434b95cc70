/**
 * Reading a Projects API request body. Failures collect per field, as the API's
 * `modelState` reports them (facts §11: `{ message, modelState }`; per-field arrays UNCONFIRMED).
 */
export type ModelState = Record<string, string[]>;

export class FieldErrors {
  readonly state: ModelState = {};

  add(field: string, message: string): void {
    (this.state[field] ??= []).push(message);
  }

  get empty(): boolean {
    return Object.keys(this.state).length === 0;
  }
}

export const invalidRequest = (modelState: ModelState) => ({ message: 'The request is invalid.', modelState });

export const notFoundBody = (what: string) => ({ message: `${what} not found.` });

export const bodyObject = (body: unknown): Record<string, unknown> =>
  (typeof body === 'object' && body !== null && !Array.isArray(body) ? body as Record<string, unknown> : {});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** An ISO-8601 date-time with a zone (the API's "UTC Date Time"), as `…Z`; undefined when unreadable. */
export const utcDateTime = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');
};

export const requiredText = (errors: FieldErrors, raw: Record<string, unknown>, field: string, max?: number): string | undefined => {
  const value = raw[field];
  if (typeof value !== 'string' || value.trim() === '') return void errors.add(field, `The ${field} field is required.`);
  if (max !== undefined && value.length > max) return void errors.add(field, `The ${field} field must be at most ${max} characters.`);
  return value;
};

export const optionalInteger = (errors: FieldErrors, raw: Record<string, unknown>, field: string, min: number, max: number): number | undefined => {
  const value = raw[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return void errors.add(field, `The ${field} field must be a whole number between ${min} and ${max}.`);
  }
  return value;
};
