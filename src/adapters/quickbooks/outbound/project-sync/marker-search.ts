import type { ApiResult } from '../../../../platform/http/api-result.js';
import type { QboObject } from '../../quickbooks-client.js';
import { isMarkedBy } from '../books-body.js';
import type { QboCall } from '../deps.js';
import { findMarkedObject, type MarkerLookup } from '../marker-lookup.js';
import { wire, type ProjectEntity } from './entities.js';

/** How to find what a create of one request wrote: filterable fields it wrote, then its marker. */
export interface MarkerSearch extends Omit<MarkerLookup, 'entity'> {
  readonly entity: ProjectEntity;
}

/** The oldest object carrying the marker, or undefined. Reads only. */
export const findMarked = (call: QboCall, search: MarkerSearch): Promise<ApiResult<QboObject | undefined>> =>
  findMarkedObject(call.client, { ...search, entity: wire(search.entity) });

/** Text that starts with the marker (the lookup after a lost answer searches for it), within `max` characters. */
export const markedText = (text: string, marker: string, max: number): string =>
  (isMarkedBy(text, marker) ? text : `${marker} ${text}`).slice(0, max);
