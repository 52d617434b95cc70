import type { BooksRef } from '../../../domain/shared/books-ref.js';
import type { ApiResult } from '../../../platform/http/api-result.js';
import type { QboObject, QuickBooksClient } from '../quickbooks-client.js';
import { isMarkedBy } from './books-body.js';
import { byId, queryEntities, quote, type QboDocumentEntity } from './qbo-calls.js';

/**
 * How to find what one create wrote when its answer was lost. QuickBooks filters only on
 * documented fields (facts §3: never PrivateNote, Memo or Description), so the query narrows
 * on fields the hub itself wrote and the marker is compared here.
 */
export interface MarkerLookup {
  readonly entity: QboDocumentEntity;
  /** Filterable conditions only, joined by AND. */
  readonly where: string;
  /** Where the marker leads the text: PrivateNote; Description on a TimeActivity, which has no PrivateNote. */
  readonly field: 'PrivateNote' | 'Description';
  readonly marker: string;
}

/** QuickBooks' largest page (facts §3). */
export const PAGE_SIZE = 1000;

/** The hub's own draft: its number if it sent one, else the date, with the party it is for. */
export const partyFilter = (party: 'VendorRef' | 'CustomerRef', ref: BooksRef, docNumber: string, txnDate: string): string =>
  `${party} = ${quote(ref.value)} AND ${docNumber ? `DocNumber = ${quote(docNumber)}` : `TxnDate = ${quote(txnDate)}`}`;

/**
 * The oldest object whose text carries the marker, or undefined: every page of the filtered
 * query is read (a full page may have a next one), each compared client-side.
 */
export const findMarkedObject = async (client: QuickBooksClient, lookup: MarkerLookup): Promise<ApiResult<QboObject | undefined>> => {
  const matches: QboObject[] = [];
  for (let start = 1; ; start += PAGE_SIZE) {
    const page = await queryEntities(client, lookup.entity, `${lookup.where} STARTPOSITION ${start} MAXRESULTS ${PAGE_SIZE}`);
    if (!page.ok) return page;
    matches.push(...page.body.filter((o) => isMarkedBy(o[lookup.field], lookup.marker)));
    if (page.body.length < PAGE_SIZE) return { ...page, body: matches.sort(byId)[0] };
  }
};
