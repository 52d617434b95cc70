import type { ReconciliationRowView } from '../../../projections/reconciliation/recon-views.entities.js';
import { page, refusal, mayView, type ConsoleView } from '../console-view.js';
import { html, query } from '../html.js';
import { chosenConnection, connectionPicker, displayMoney, moneyCell, unknownProject } from '../view-parts.js';
import { budgetChart, type ChartGroup } from './budget-chart.js';
import { auditView } from './audit.view.js';
import { retainageSection } from './retainage-section.js';

const perCostCode = (rows: readonly ReconciliationRowView[]): ChartGroup[] => {
  const groups = new Map<string, { label: string; budget: number; committed: number; posted: number; paid: number }>();
  for (const r of rows) {
    const label = `${r.projectId} ${r.costCode}`;
    const g = groups.get(label) ?? { label, budget: 0, committed: 0, posted: 0, paid: 0 };
    g.budget += r.revisedBudget; g.committed += r.committed; g.posted += r.posted; g.paid += r.paid;
    groups.set(label, g);
  }
  return [...groups.values()];
};

const projectField = (project: string | undefined) => html`<div><label for="project">Project</label><input id="project" name="project" value="${project ?? ''}" size="12"></div>`;

const statusCell = (status: string) => html`<td class="${status === 'in_sync' ? 'good' : 'bad'}">${status.replace('_', ' ')}</td>`;

/** Finance: reconciliation per project x cost code, the chart, discrepancies, drill-down and CSV. */
export const financeView: ConsoleView = {
  slug: 'finance', title: 'Reconciliation', roles: ['finance'], query: ['connection', 'project'], nav: true,
  async render({ query: q, services, viewer }) {
    const { connection, problem } = chosenConnection(services, q.connection);
    if (!connection) return refusal('Reconciliation', problem!, q.connection ? 404 : 200);
    const noProject = await unknownProject(services, connection, q.project);
    if (noProject) return refusal('Reconciliation', noProject, 404, connectionPicker(services, 'finance', connection, projectField(q.project)));
    const filter = { connection, ...(q.project ? { project: q.project.slice(0, 64) } : {}) };
    const [rows, discrepancies, retainage] = await Promise.all([
      services.reconciliation.rows(filter), services.reconciliation.discrepancies(filter), services.reconciliation.retainage(filter),
    ]);
    const linkAudit = mayView(auditView, viewer.role);
    const body = html`
${connectionPicker(services, 'finance', connection, projectField(q.project))}
<p><a href="/console/finance-csv${query(filter)}" download>Download the reconciliation as CSV</a></p>
<table aria-describedby="recon-caption"><caption id="recon-caption">Project × cost code: construction side against the books (${rows.items.length} rows)</caption>
<thead><tr><th scope="col">Project</th><th scope="col">Cost code</th><th scope="col">Type</th><th scope="col" class="num">Budget</th><th scope="col" class="num">Committed</th><th scope="col" class="num">Invoiced</th><th scope="col" class="num">Posted</th><th scope="col" class="num">Paid</th><th scope="col" class="num">Retainage held</th><th scope="col" class="num">Retainage released</th><th scope="col" class="num">Variance</th><th scope="col">Status</th></tr></thead>
<tbody>${rows.items.map((r) => html`<tr>
<td>${r.projectId}</td><td><a href="/console/finance-documents${query({ connection, project: r.projectId, costCode: r.costCode })}">${r.costCode}</a></td><td>${r.costType}</td>
${moneyCell(r.revisedBudget)}${moneyCell(r.committed)}${moneyCell(r.invoiced)}${moneyCell(r.posted)}${moneyCell(r.paid)}${moneyCell(r.retainageHeld)}${moneyCell(r.retainageReleased)}${moneyCell(r.variance, true)}${statusCell(r.status)}</tr>`)}
</tbody></table>
<h2>Budget, committed, posted and paid per cost code</h2>
${rows.items.length === 0 ? html`<p class="muted">No rows yet.</p>` : budgetChart(perCostCode(rows.items))}
${retainageSection(retainage)}
<h2 id="discrepancies">Discrepancies (${discrepancies.items.length})</h2>
${discrepancies.items.length === 0 ? html`<p class="good">None: both sides agree.</p>` : html`<table><thead><tr><th scope="col">Document</th><th scope="col">Reason</th><th scope="col" class="num">Construction</th><th scope="col" class="num">Books</th><th scope="col" class="num">Difference</th><th scope="col">Detail</th></tr></thead>
<tbody>${discrepancies.items.map((d) => html`<tr><td>${linkAudit ? html`<a href="/console/audit${query({ document: d.document })}">${d.label || d.document}</a>` : d.label || d.document}</td>
<td>${d.reason}</td>${moneyCell(d.expectedAmount)}${moneyCell(d.booksAmount)}${moneyCell(d.difference, true)}<td>${d.detail ?? ''}</td></tr>`)}</tbody></table>`}
<p class="muted">Totals: budget ${displayMoney(rows.items.reduce((s, r) => s + r.revisedBudget, 0))}, posted ${displayMoney(rows.items.reduce((s, r) => s + r.posted, 0))}.</p>`;
    return page(`Reconciliation: ${connection}`, body);
  },
};
