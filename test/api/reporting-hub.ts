import { AuthModule } from '../../src/api/auth/auth.module.js';
import type { Role } from '../../src/api/auth/api-keys.js';
import { ReportingApiModule } from '../../src/api/reporting-api.module.js';
import { ProjectionsService } from '../../src/projections/projections.service.js';
import type { FlowEvent } from '../../bench/replay/invoice-flow.js';
import { appendAll } from '../projections/append-flows.js';
import type { HubOptions } from '../../src/hub/create-hub.js';
import { startTestHub, type TestHub } from '../support/hub.js';

export const KEYS: Record<Role, string> = { finance: 'finance-key-0123456789', auditor: 'auditor-key-0123456789', operator: 'operator-key-012345678', bookkeeper: 'bookkeeper-key-0123456', estimator: 'estimator-key-01234567', admin: 'admin-key-0123456789ab' };

export interface ReportingHub extends TestHub {
  get(path: string, role?: Role): Promise<Response>;
  send(method: string, path: string, role?: Role): Promise<Response>;
  /** Appends events and waits until every projection has applied them. */
  feed(events: readonly FlowEvent[]): Promise<void>;
  readonly projections: ProjectionsService;
}

/** A hub with the reporting API and API keys for each role, on the backend CI chose (TRESTLE_TEST_BACKEND). */
export const startReportingHub = async (options: HubOptions = {}): Promise<ReportingHub> => {
  const keys = Object.entries(KEYS).map(([role, key]) => ({ role: role as Role, key }));
  const backend = process.env.TRESTLE_TEST_BACKEND === 'embedded' ? 'embedded' : 'server';
  const hub = await startTestHub([AuthModule.forRoot(keys), ReportingApiModule.forRoot()], { backend, hub: options });
  const projections = hub.app.get(ProjectionsService, { strict: false });
  const send = (method: string, path: string, role?: Role) =>
    fetch(`${hub.url}${path}`, { method, headers: role ? { 'x-api-key': KEYS[role] } : {} });
  return {
    ...hub, projections, send,
    get: (path, role) => send('GET', path, role),
    feed: async (events) => {
      const last = await appendAll(hub.storage.store, events);
      if (last) await projections.reached(last);
    },
  };
};
