import { reconciliationCsv } from '../../finance/finance-csv.js';
import { toRowDto } from '../../finance/finance-response.dto.js';
import { refusal, type ConsoleView } from '../console-view.js';
import { chosenConnection, unknownProject } from '../view-parts.js';

/** The finance screen's CSV link: the same file as GET /finance/reconciliation.csv, with the session instead of a key header. */
export const financeCsvView: ConsoleView = {
  slug: 'finance-csv', title: 'Reconciliation CSV', roles: ['finance'], query: ['connection', 'project'], nav: false,
  async render({ query: q, services }) {
    const { connection, problem } = chosenConnection(services, q.connection);
    if (!connection) return refusal('Reconciliation CSV', problem!, 404);
    const noProject = await unknownProject(services, connection, q.project);
    if (noProject) return refusal('Reconciliation CSV', noProject, 404);
    const rows = await services.reconciliation.rows({ connection, ...(q.project ? { project: q.project.slice(0, 64) } : {}) });
    return { kind: 'download', contentType: 'text/csv; charset=utf-8', filename: `${connection}-reconciliation.csv`, body: reconciliationCsv(rows.items.map(toRowDto)) };
  },
};
