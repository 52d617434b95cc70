import { createHash } from 'node:crypto';
import type { ConnectionConfig } from '../../../platform/config/connection.types.js';
import { canonicalJson } from '../../../eventstore/hash-chain.js';
import { unwrap } from '../../../platform/http/api-result.js';
import type { Query } from '../../../platform/http/http-client.js';
import { ProcoreClient, type Json } from '../procore-client.js';
import { pollNoticeId, type ChangeNotice } from '../../pipeline/inbound/inbox/inbox-events.js';
import { idOf, isoTime } from '../../pipeline/inbound/normalise/json-read.js';
import type { PollWindow, ResourcePoll } from '../../pipeline/inbound/polling/poll-types.js';

interface ListSpec {
  /** The webhook resource name, so a polled change takes the same path as a webhook. */
  readonly resource: string;
  readonly path: (projectId: string) => string;
  readonly query: (projectId: string, companyId: string) => Query;
  /** Line item types carry no updated_at: listed whole, each row's content is its version. */
  readonly filtered: boolean;
}

const byProject = (resource: string, path: (projectId: string) => string): ListSpec =>
  ({ resource, path, query: (projectId) => ({ project_id: projectId }), filtered: true });
const nested = (resource: string, segment: string): ListSpec =>
  ({ resource, path: (p) => `/rest/v1.0/projects/${encodeURIComponent(p)}/${segment}`, query: () => ({}), filtered: true });

const COMPANY_LISTS: readonly ListSpec[] = [
  { resource: 'Projects', path: () => '/rest/v1.0/projects', query: (_p, companyId) => ({ company_id: companyId }), filtered: true },
  { resource: 'Company Vendors', path: () => '/rest/v1.0/vendors', query: (_p, companyId) => ({ company_id: companyId }), filtered: true },
  { resource: 'Line Item Types', path: () => '/rest/v1.0/line_item_types', query: (_p, companyId) => ({ company_id: companyId }), filtered: false },
];

const PROJECT_LISTS: readonly ListSpec[] = [
  byProject('Cost Codes', () => '/rest/v1.0/cost_codes'),
  byProject('Work Order Contracts', () => ProcoreClient.commitmentPath('work_order')),
  byProject('Purchase Order Contracts', () => ProcoreClient.commitmentPath('purchase_order')),
  nested('Commitment Change Orders', 'commitment_change_orders'),
  nested('Prime Change Orders', 'prime_change_orders'),
  byProject('Requisitions', () => '/rest/v1.1/requisitions'),
  byProject('Payment Applications', () => '/rest/v1.0/payment_applications'),
  byProject('Budget Line Items', () => '/rest/v1.0/budget_line_items'),
  nested('Timecard Entries', 'timecard_entries'),
];

const contentVersion = (row: Json): string => `sha256:${createHash('sha256').update(canonicalJson(row)).digest('hex').slice(0, 32)}`;

const noticeOf = (connection: string, spec: ListSpec, projectId: string | null, row: Json): ChangeNotice | undefined => {
  const id = idOf(row.id);
  if (!id) return undefined;
  const deletedAt = isoTime(row.deleted_at);
  const version = isoTime(row.updated_at) ?? contentVersion(row);
  return {
    connection, source: 'procore', resource: spec.resource, resourceId: id, projectId,
    action: deletedAt ? 'delete' : 'update', occurredAt: deletedAt ?? isoTime(row.updated_at), version,
    noticeId: pollNoticeId(spec.resource, id, version), raw: { id: row.id, updated_at: row.updated_at ?? null, deleted_at: row.deleted_at ?? null },
  };
};

const pollList = (client: ProcoreClient, connection: ConnectionConfig, spec: ListSpec, projectId: string | null): ResourcePoll => ({
  key: projectId === null ? spec.resource : `${spec.resource}:${projectId}`,
  run: async (window: PollWindow) => {
    const range = `${(window.since ?? new Date(Date.UTC(2000, 0, 1))).toISOString()}...${window.until.toISOString()}`;
    const query = { ...spec.query(projectId ?? '', connection.construction.companyId), 'filters[include_deleted]': 'with', ...(spec.filtered ? { 'filters[updated_at]': range } : {}) };
    const rows = unwrap('procore', await client.listAll(spec.path(projectId ?? ''), query));
    // A connection limited to some projects follows only those of the company's projects.
    const followed = spec.resource === 'Projects' && connection.construction.projectIds
      ? rows.filter((row) => connection.construction.projectIds?.includes(idOf(row.id) ?? '')) : rows;
    return { notices: followed.flatMap((row) => noticeOf(connection.name, spec, projectId, row) ?? []) };
  },
});

/** The projects this connection follows: the configured ones, else every project of the company. */
const projectsOf = async (client: ProcoreClient, connection: ConnectionConfig): Promise<string[]> => {
  if (connection.construction.projectIds) return [...connection.construction.projectIds];
  const projects = unwrap('procore', await client.listProjects());
  return projects.flatMap((p) => idOf(p.id) ?? []);
};

/**
 * Procore's reconciliation sweep (facts §3, §6.4): every followed list, filtered by
 * `filters[updated_at]=cursor...now`, deleted rows included so deletions are seen too.
 */
export const procorePolls = async (client: ProcoreClient, connection: ConnectionConfig): Promise<ResourcePoll[]> => {
  const projects = await projectsOf(client, connection);
  return [
    ...COMPANY_LISTS.map((spec) => pollList(client, connection, spec, null)),
    ...projects.flatMap((projectId) => PROJECT_LISTS.map((spec) => pollList(client, connection, spec, projectId))),
  ];
};
