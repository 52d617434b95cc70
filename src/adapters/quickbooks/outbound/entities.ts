import { apiError, type ApiResult } from '../../../platform/http/api-result.js';
import type { QboObject, QuickBooksClient } from '../quickbooks-client.js';
import { writeEntity, type QboDocumentEntity } from './qbo-calls.js';

export type WriteOperation = 'delete' | 'void';

const isObject = (value: unknown): value is QboObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `operation=void` (facts §1): qbo-calls' writeEntity knows only delete. The answer is the voided entity. */
const voidEntity = async (client: QuickBooksClient, entity: QboDocumentEntity, body: Record<string, unknown>, requestId: string): Promise<ApiResult<QboObject>> => {
  const result = await client.send<Record<string, unknown>>('POST', `/${entity.toLowerCase()}`, { body, query: { requestid: requestId, operation: 'void' } });
  if (!result.ok) return result;
  const object = result.body[entity];
  // As writeEntity: a 2xx without the entity probably wrote; the caller treats it as ambiguous.
  if (!isObject(object)) return { ok: false, error: apiError('invalid_response', `no ${entity} in the answer`, { status: result.status, body: result.body }) };
  return { ...result, body: object };
};

/** A create, full or sparse update, delete or void, at most once per `requestid` (facts §8). */
export const writeDocument = (
  client: QuickBooksClient, entity: QboDocumentEntity, body: Record<string, unknown>, options: { requestId: string; operation?: WriteOperation },
): Promise<ApiResult<QboObject>> => {
  if (options.operation === 'void') return voidEntity(client, entity, body, options.requestId);
  return writeEntity(client, entity, body, { requestId: options.requestId, ...(options.operation ? { operation: options.operation } : {}) });
};
