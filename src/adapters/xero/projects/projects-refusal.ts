import { apiError, type ApiError, type ApiResult } from '../../../platform/http/api-result.js';

/**
 * A connection without the `projects` scope is refused with 403, and so, by third-party
 * reports, is an organisation whose plan has no Projects (facts §11; a 401 there is
 * UNCONFIRMED and stays a token problem here): the timecard parks saying so.
 */
export const projectsRefusal = (error: ApiError): ApiError =>
  (error.kind === 'forbidden'
    ? apiError('rejected', `Xero Projects refused the call (${error.status ?? '?'}): the organisation does not use Xero Projects, or the connection was not granted the 'projects' scope; reconnect with it to post time`, { status: error.status })
    : error);

/** The result with a Projects refusal worded for the operator. */
export const refused = <T>(result: ApiResult<T>): ApiResult<T> => (result.ok ? result : { ok: false, error: projectsRefusal(result.error) });
