import type { ApiResult } from '../../../http/api-result.js';
import type { QboObject } from '../../quickbooks-client.js';
import { isMarkedBy } from '../books-body.js';
import type { QboCall } from '../deps.js';
import { byId, queryEntities, quote } from '../qbo-calls.js';
import { faultCode } from '../qbo-failure.js';
import { wire, type ProjectEntity } from './entities.js';

/** How to find what a create of one request wrote: the hub marker its text field starts with. */
export interface MarkerSearch {
  readonly entity: ProjectEntity;
  /** PrivateNote; Description on a TimeActivity, which has no PrivateNote. */
  readonly field: 'PrivateNote' | 'Description';
  readonly marker: string;
  /** A narrower filter (e.g. `TxnDate = '…'`) for a company that refuses LIKE on the field; the marker is checked here. */
  readonly fallback: string;
}

/** Refusals of the query itself (4000 parse, 4001 "not queryable"), not of the call. */
const QUERY_REFUSED = new Set(['4000', '4001']);

/** The oldest object carrying the marker, or undefined. Reads only. */
export const findMarked = async (call: QboCall, search: MarkerSearch): Promise<ApiResult<QboObject | undefined>> => {
  const entity = wire(search.entity);
  let result = await queryEntities(call.client, entity, `${search.field} LIKE ${quote(`${search.marker}%`)}`);
  if (!result.ok && QUERY_REFUSED.has(faultCode(result.error) ?? '')) {
    result = await queryEntities(call.client, entity, `${search.fallback} MAXRESULTS 1000`);
  }
  if (!result.ok) return result;
  return { ...result, body: result.body.filter((o) => isMarkedBy(o[search.field], search.marker)).sort(byId)[0] };
};

/** Text that starts with the marker (the lookup after a lost answer searches for it), within `max` characters. */
export const markedText = (text: string, marker: string, max: number): string =>
  (isMarkedBy(text, marker) ? text : `${marker} ${text}`).slice(0, max);
