import { BooksLookupUnavailableError } from '../../../domain/books/index.js';
import type { QboObject, QuickBooksClient } from '../quickbooks-client.js';
import { byId, quote, type QboEntity } from '../outbound/qbo-calls.js';

/**
 * The objects of one entity whose field equals one of `values`, oldest first: the saga-side
 * lookups' one query. A final refusal is an empty answer (the saga then records what is
 * missing); a passing outage throws, and the saga runner retries the input with backoff.
 */
export const queryBooks = async (client: QuickBooksClient, entity: QboEntity | 'Employee', field: string, values: readonly string[]): Promise<QboObject[]> => {
  const query = `SELECT * FROM ${entity} WHERE ${field} IN (${values.map(quote).join(', ')})`;
  const result = await client.send<{ QueryResponse?: Record<string, unknown> }>('GET', '/query', { query: { query } });
  if (!result.ok) {
    if (result.error.retryable) throw new BooksLookupUnavailableError(`looking up ${entity} by ${field}`, result.error.message);
    return [];
  }
  const list = result.body.QueryResponse?.[entity];
  const objects = Array.isArray(list) ? list.filter((o): o is QboObject => typeof o === 'object' && o !== null) : [];
  return objects.sort(byId);
};
