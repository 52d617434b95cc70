import { apiError, type ApiResult } from '../../../../platform/http/api-result.js';
import type { QboObject, QuickBooksClient } from '../../quickbooks-client.js';
import { writeEntity, type QboEntity } from '../qbo-calls.js';

/** The entities project sync writes, and Account (read for a PurchaseOrder's A/P account). */
export type ProjectEntity = 'PurchaseOrder' | 'Estimate' | 'Invoice' | 'TimeActivity' | 'Account';

/**
 * qbo-calls' `QboEntity` lists the entities invoice-sync writes; its calls use the name only
 * as the wire name (URL segment, response key, FROM clause), so they serve these entities
 * as they are. The one cast of that name lives here (widening QboEntity would remove it).
 */
export const wire = (entity: ProjectEntity): QboEntity => entity as string as QboEntity;

export type WriteOperation = 'delete' | 'void';

const isObject = (value: unknown): value is QboObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `operation=void` (facts §1): qbo-calls' writeEntity knows only delete. The answer is the voided entity. */
const voidEntity = async (client: QuickBooksClient, entity: ProjectEntity, body: Record<string, unknown>, requestId: string): Promise<ApiResult<QboObject>> => {
  const result = await client.send<Record<string, unknown>>('POST', `/${entity.toLowerCase()}`, { body, query: { requestid: requestId, operation: 'void' } });
  if (!result.ok) return result;
  const object = result.body[entity];
  // As writeEntity: a 2xx without the entity probably wrote; the caller treats it as ambiguous.
  if (!isObject(object)) return { ok: false, error: apiError('invalid_response', `no ${entity} in the answer`, { status: result.status, body: result.body }) };
  return { ...result, body: object };
};

/** A create, full or sparse update, delete or void, at most once per `requestid` (facts §8). */
export const writeProject = (
  client: QuickBooksClient, entity: ProjectEntity, body: Record<string, unknown>, options: { requestId: string; operation?: WriteOperation },
): Promise<ApiResult<QboObject>> => {
  if (options.operation === 'void') return voidEntity(client, entity, body, options.requestId);
  return writeEntity(client, wire(entity), body, { requestId: options.requestId, ...(options.operation ? { operation: options.operation } : {}) });
};
