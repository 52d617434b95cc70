import { asDocs, asString, entityByName, isDoc, type Doc } from '../model/entity-types.js';
import { QboError, errors } from '../model/qbo-error.js';
import { deletedStub, present } from '../model/view.js';
import type { RuleContext } from '../rules/context.js';
import { writeEntity, type WriteOperation } from '../rules/operations.js';
import { runQuery } from './run.js';

/** With a requestid, each bId may be at most 10 characters (2015 blog). */
const BID_MAX_WITH_REQUEST_ID = 10;
const ITEM_KEYS = new Set(['bId', 'operation', 'optionsData']);

const writeItem = (ctx: RuleContext, item: Doc, bId: string): Doc => {
  const key = Object.keys(item).find((k) => !ITEM_KEYS.has(k));
  const entity = key ? entityByName(key) : undefined;
  const body = key ? item[key] : undefined;
  if (!key || !entity || !isDoc(body)) throw errors.unsupported(`batch item ${bId} names no supported entity`);
  const operation = asString(item.operation);
  let op: WriteOperation | undefined;
  if (operation === 'delete') op = 'delete';
  else if (operation === 'update' && item.optionsData === 'void') op = 'void';
  else if (operation !== 'create' && operation !== 'update') throw errors.enumeration('operation', String(operation));
  if (operation === 'create' && body.Id !== undefined) throw errors.business('a create item must not carry an Id', 'Id');
  if (operation === 'update' && body.Id === undefined) throw errors.required('Id');
  const result = writeEntity(ctx, entity, body, op);
  return result.kind === 'deleted'
    ? { bId, [entity]: deletedStub(result.id) }
    : { bId, [entity]: present(ctx.company, result.stored) };
};

const runItem = (ctx: RuleContext, item: Doc, withRequestId: boolean): Doc => {
  const bId = asString(item.bId) ?? '';
  try {
    if (!bId) throw errors.required('bId');
    if (withRequestId && bId.length > BID_MAX_WITH_REQUEST_ID) throw errors.stringLength('bId', BID_MAX_WITH_REQUEST_ID);
    const query = asString(item.Query);
    if (query !== undefined) return { bId, QueryResponse: runQuery(ctx.company, query) };
    return writeItem(ctx, item, bId);
  } catch (error) {
    if (error instanceof QboError) return { bId, Fault: error.toFault() };
    throw error;
  }
};

/**
 * `POST /batch`: each item answered on its own (entity, QueryResponse or Fault), the call
 * itself 200. Items run one after another in the order sent; callers must not rely on it.
 */
export const runBatch = (ctx: RuleContext, body: unknown, maxItems: number, withRequestId: boolean): Doc[] => {
  if (!isDoc(body) || !Array.isArray(body.BatchItemRequest)) throw errors.required('BatchItemRequest');
  const items = asDocs(body.BatchItemRequest);
  if (items.length !== body.BatchItemRequest.length) throw errors.invalidProperty('Property Name:BatchItemRequest must hold objects');
  if (items.length > maxItems) throw errors.batchTooLarge(maxItems);
  return items.map((item) => runItem(ctx, item, withRequestId));
};
