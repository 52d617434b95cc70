import type { XeroSideConfig } from '../../../platform/config/connection.types.js';
import { apiError, type ApiResult } from '../../../platform/http/api-result.js';
import { HttpApiClient, type HttpClientOptions, type Query } from '../../../platform/http/http-client.js';
import { HeaderThrottle, xeroRateLimit } from '../../../platform/http/throttle.js';
import type { TokenSource } from '../../../platform/oauth/oauth-errors.js';
import type { XeroClient } from '../xero-client.js';
import {
  readProject, readTask, readTimeEntry, readUser, type XeroChargeType, type XeroProject, type XeroProjectUser, type XeroTask, type XeroTimeEntry,
} from './projects-types.js';

/** The Projects API's largest page (facts §11: pageSize 1–500). */
const PAGE_SIZE = 500;
const MAX_PAGES = 200;
/** A time entry holds 1 to 59940 minutes (facts §11). */
export const MAX_ENTRY_MINUTES = 59_940;

/**
 * The Projects API lives beside the Accounting API on the same host (`…/api.xro/2.0` →
 * `…/projects.xro/2.0`), so a connection's configured apiBaseUrl (Xero's or a sandbox's) names both.
 */
export const projectsBaseUrl = (apiBaseUrl: string): string => apiBaseUrl.replace(/\/api\.xro\/2\.0\/?$/, '/projects.xro/2.0');

type Raw = Record<string, unknown>;

/** What a time entry's create or update sends (TimeEntryCreateOrUpdate). */
export type TimeEntryFields = Omit<XeroTimeEntry, 'timeEntryId' | 'projectId'>;

const timeEntryPath = (projectId: string, timeEntryId: string): string => `/Projects/${encodeURIComponent(projectId)}/Time/${encodeURIComponent(timeEntryId)}`;

const timeEntryBody = (entry: TimeEntryFields) =>
  ({ userId: entry.userId, taskId: entry.taskId, dateUtc: entry.dateUtc, duration: entry.duration, ...(entry.description !== null ? { description: entry.description } : {}) });

const durationRefused = (entry: TimeEntryFields): ApiResult<never> | undefined =>
  (!Number.isInteger(entry.duration) || entry.duration < 1 || entry.duration > MAX_ENTRY_MINUTES
    ? { ok: false, error: apiError('rejected', `a Xero time entry holds 1 to ${MAX_ENTRY_MINUTES} whole minutes, not ${entry.duration}`) }
    : undefined);

const besides = new WeakMap<XeroClient, XeroProjectsClient>();

const invalid = (what: string): ApiResult<never> => ({ ok: false, error: apiError('invalid_response', what) });

/** Reads each item with `read`; one unreadable item makes the whole answer invalid. */
const readAll = <T>(items: readonly Raw[], read: (raw: Raw) => T | undefined, what: string): ApiResult<T[]> | T[] => {
  const out: T[] = [];
  for (const item of items) {
    const value = read(item);
    if (value === undefined) return invalid(`${what}: an item without its ids`);
    out.push(value);
  }
  return out;
};

/**
 * Xero Projects API for one tenant: projects, tasks, project users and time entries (facts
 * §11). Writes carry the Idempotency-Key they are given; shares the tenant's rate limits
 * with the Accounting API (same per-tenant pacing).
 */
export class XeroProjectsClient {
  constructor(readonly http: HttpApiClient) {}

  static create(config: XeroSideConfig, tokens: TokenSource, options: Partial<HttpClientOptions> = {}): XeroProjectsClient {
    return new XeroProjectsClient(new HttpApiClient({
      target: 'xero', baseUrl: projectsBaseUrl(config.apiBaseUrl), tokens, headers: { 'xero-tenant-id': config.tenantId },
      throttle: new HeaderThrottle(4, xeroRateLimit), ...options,
    }));
  }

  /**
   * The Projects client of the tenant an Accounting client serves: same tokens, options and
   * throttle (the tenant's limits are shared by both APIs), one per Accounting client.
   */
  static beside(client: XeroClient): XeroProjectsClient {
    let projects = besides.get(client);
    if (!projects) {
      const options = client.http.options;
      besides.set(client, (projects = new XeroProjectsClient(new HttpApiClient({ ...options, baseUrl: projectsBaseUrl(options.baseUrl) }))));
    }
    return projects;
  }

  /** Every item of a paged list (`{ pagination, items }`). */
  private async list<T>(path: string, query: Query, read: (raw: Raw) => T | undefined): Promise<ApiResult<T[]>> {
    const rows: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.http.get<Raw>(path, { query: { ...query, page, pageSize: PAGE_SIZE } });
      if (!result.ok) return result;
      const items = result.body.items;
      if (!Array.isArray(items)) return invalid(`${path}: no items list`);
      const readable = readAll(items as Raw[], read, path);
      if (!Array.isArray(readable)) return readable;
      rows.push(...readable);
      if (items.length < PAGE_SIZE) return { ...result, body: rows };
    }
    return invalid(`${path}: more than ${MAX_PAGES} pages`);
  }

  private async create<T>(path: string, body: unknown, idempotencyKey: string, read: (raw: Raw) => T | undefined): Promise<ApiResult<T>> {
    const result = await this.http.request<Raw>('POST', path, { body, headers: { 'Idempotency-Key': idempotencyKey } });
    if (!result.ok) return result;
    const value = read(result.body);
    return value === undefined ? invalid(`${path}: created object without its ids`) : { ...result, body: value };
  }

  /**
   * All projects, in progress and closed: `states` takes one state, and what an absent one
   * returns is UNCONFIRMED (facts §11), so both are asked for by name.
   */
  async listProjects(): Promise<ApiResult<XeroProject[]>> {
    const open = await this.list('/Projects', { states: 'INPROGRESS' }, readProject);
    if (!open.ok) return open;
    const closed = await this.list('/Projects', { states: 'CLOSED' }, readProject);
    return closed.ok ? { ...closed, body: [...open.body, ...closed.body] } : closed;
  }

  createProject(input: { readonly name: string; readonly contactId: string }, idempotencyKey: string): Promise<ApiResult<XeroProject>> {
    return this.create('/Projects', { name: input.name, contactId: input.contactId }, idempotencyKey, readProject);
  }

  listTasks(projectId: string): Promise<ApiResult<XeroTask[]>> {
    return this.list(`/Projects/${encodeURIComponent(projectId)}/Tasks`, {}, readTask);
  }

  /** `rate` is the decimal string the hub keeps money in; the wire wants a number. */
  createTask(projectId: string, input: { readonly name: string; readonly rate: string; readonly chargeType: XeroChargeType }, idempotencyKey: string): Promise<ApiResult<XeroTask>> {
    const body = { name: input.name, rate: { value: Number(input.rate) }, chargeType: input.chargeType };
    return this.create(`/Projects/${encodeURIComponent(projectId)}/Tasks`, body, idempotencyKey, readTask);
  }

  listUsers(): Promise<ApiResult<XeroProjectUser[]>> {
    return this.list('/ProjectsUsers', {}, readUser);
  }

  /** A project's time, narrowed by task and by dateUtc (both bounds inclusive) when given. */
  listTime(projectId: string, filter: { readonly taskId?: string; readonly fromUtc?: string; readonly toUtc?: string } = {}): Promise<ApiResult<XeroTimeEntry[]>> {
    const query: Query = { taskId: filter.taskId, dateAfterUtc: filter.fromUtc, dateBeforeUtc: filter.toUtc };
    return this.list(`/Projects/${encodeURIComponent(projectId)}/Time`, query, readTimeEntry);
  }

  createTimeEntry(projectId: string, entry: TimeEntryFields, idempotencyKey: string): Promise<ApiResult<XeroTimeEntry>> {
    const refused = durationRefused(entry);
    if (refused) return Promise.resolve(refused);
    return this.create(`/Projects/${encodeURIComponent(projectId)}/Time`, timeEntryBody(entry), idempotencyKey, readTimeEntry);
  }

  /** One entry; a 404 when the project holds none by that id (deleted). */
  async getTimeEntry(projectId: string, timeEntryId: string): Promise<ApiResult<XeroTimeEntry>> {
    const result = await this.http.get<Raw>(timeEntryPath(projectId, timeEntryId));
    if (!result.ok) return result;
    const entry = readTimeEntry(result.body);
    return entry ? { ...result, body: entry } : invalid(`${timeEntryPath(projectId, timeEntryId)}: an entry without its ids`);
  }

  /** PUT the whole entry again (facts §12: 204, no body; a description left out becomes null). */
  async updateTimeEntry(projectId: string, timeEntryId: string, entry: TimeEntryFields, idempotencyKey: string): Promise<ApiResult<undefined>> {
    const refused = durationRefused(entry);
    if (refused) return refused;
    const result = await this.http.request<unknown>('PUT', timeEntryPath(projectId, timeEntryId), { body: timeEntryBody(entry), headers: { 'Idempotency-Key': idempotencyKey } });
    return result.ok ? { ...result, body: undefined } : result;
  }

  /** DELETE (facts §12: 204; the spec takes no Idempotency-Key here). */
  async deleteTimeEntry(projectId: string, timeEntryId: string): Promise<ApiResult<undefined>> {
    const result = await this.http.request<unknown>('DELETE', timeEntryPath(projectId, timeEntryId));
    return result.ok ? { ...result, body: undefined } : result;
  }
}
