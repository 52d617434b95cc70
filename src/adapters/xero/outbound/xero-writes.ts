import { deterministicEventId } from '../../../eventstore/index.js';
import { apiError, type ApiResult } from '../../../platform/http/api-result.js';
import type { XeroObject } from '../xero-client.js';
import type { XeroCall } from './deps.js';

const isObject = (value: unknown): value is XeroObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A key for a follow-up write inside one execute (a second name, a tracking option, a
 * chunk of a batch): derived from the request's key, so a redelivery sends the same one and
 * Xero replays instead of writing twice. Within Xero's 128 characters.
 */
export const derivedKey = (idempotencyKey: string, ...parts: string[]): string => deterministicEventId('xero-write', idempotencyKey, ...parts);

/** `where=` text literal: double quotes, `"` and `\` escaped. */
export const quoted = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Writes `objects` to a collection in one call (PUT creates, POST creates or updates) and
 * answers each object's echo in order: the saved object, or the one carrying
 * `HasErrors`/`ValidationErrors` (summarizeErrors=false). An answer without the objects is
 * `invalid_response` (the write may have happened).
 */
export const writeObjects = async (
  call: XeroCall, method: 'PUT' | 'POST', collection: string, objects: readonly XeroObject[], key: string, path = `/${collection}`,
): Promise<ApiResult<XeroObject[]>> => {
  const result = await call.client.write(method, path, { [collection]: objects }, key);
  if (!result.ok) return result;
  const echoed = result.body[collection];
  if (!Array.isArray(echoed) || echoed.length !== objects.length || !echoed.every(isObject)) {
    return { ok: false, error: apiError('invalid_response', `${method} ${path}: the answer does not hold the ${objects.length} ${collection} sent`, { status: result.status, body: result.body }) };
  }
  return { ...result, body: echoed };
};

/** Whether an echoed object is one Xero refused. */
export const hasErrors = (object: XeroObject): boolean =>
  object.HasErrors === true || object.StatusAttributeString === 'ERROR' || (Array.isArray(object.ValidationErrors) && object.ValidationErrors.length > 0);
