import type { ApiError } from '../../platform/http/api-result.js';
import type { ProcoreClient } from '../../adapters/procore/procore-client.js';
import type { QboObject, QuickBooksClient } from '../../adapters/quickbooks/quickbooks-client.js';

/** `SourceClients` satisfies this; a connection unknown to it (it throws) counts as having no client. */
export interface LookupClients {
  quickBooks(connection: string): QuickBooksClient | undefined;
  procore(connection: string): ProcoreClient;
}

/** Thrown for a lookup worth repeating (throttled, down): the saga runner retries the input with backoff. */
export class LookupUnavailableError extends Error {
  constructor(what: string, error: ApiError) {
    super(`${what}: ${error.message}`);
    this.name = 'LookupUnavailableError';
  }
}

export const clientOr = <T>(make: () => T | undefined): T | undefined => {
  try {
    return make();
  } catch {
    return undefined;
  }
};

/** A query string literal: single quotes, `'` and `\` escaped with a backslash (QBO query language). */
const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The objects of one entity whose field equals one of `values`, oldest first. A final refusal
 * is an empty answer (the saga then records what is missing); a passing outage throws.
 */
export const queryBooks = async (client: QuickBooksClient, entity: string, field: string, values: readonly string[]): Promise<QboObject[]> => {
  const query = `SELECT * FROM ${entity} WHERE ${field} IN (${values.map(quote).join(', ')})`;
  const result = await client.send<{ QueryResponse?: Record<string, unknown> }>('GET', '/query', { query: { query } });
  if (!result.ok) {
    if (result.error.retryable) throw new LookupUnavailableError(`looking up ${entity} by ${field}`, result.error);
    return [];
  }
  const list = result.body.QueryResponse?.[entity];
  const objects = Array.isArray(list) ? list.filter((o): o is QboObject => typeof o === 'object' && o !== null) : [];
  return objects.sort((a, b) => Number(a.Id) - Number(b.Id));
};
