import { ReconciliationDocumentView } from '../../../projections/reconciliation/recon-views.entities.js';
import { mayView, page, refusal, type ConsoleView } from '../console-view.js';
import { html, query } from '../html.js';
import { chosenConnection, moneyCell, unknownProject } from '../view-parts.js';
import { auditView } from './audit.view.js';

/** Finance's drill-down: every document on one project and cost code, with both sides' amounts. */
export const financeDocumentsView: ConsoleView = {
  slug: 'finance-documents', title: 'Documents on a cost code', roles: ['finance'], query: ['connection', 'project', 'costCode'], nav: false,
  async render({ query: q, services, viewer }) {
    const { connection, problem } = chosenConnection(services, q.connection);
    if (!connection) return refusal('Documents', problem!, 404);
    if (!q.project || !q.costCode) return refusal('Documents', 'Choose a project and a cost code on the reconciliation screen.', 400);
    const noProject = await unknownProject(services, connection, q.project);
    if (noProject) return refusal('Documents', noProject, 404);
    const documents = await services.projections.getRepository(ReconciliationDocumentView).createQueryBuilder('d')
      .where('d.connection = :connection', { connection }).andWhere('d.projectId = :project', { project: q.project })
      .andWhere(':costCode = ANY(d.costCodes)', { costCode: q.costCode }).orderBy('d.updatedAt', 'DESC').addOrderBy('d.document').getMany();
    const linkAudit = mayView(auditView, viewer.role);
    const body = html`<p><a href="/console/finance${query({ connection, project: q.project })}">Back to the reconciliation</a></p>
${documents.length === 0 ? html`<p class="muted">No documents on this cost code.</p>` : html`<table><caption>${documents.length} documents</caption>
<thead><tr><th scope="col">Document</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col" class="num">Construction</th><th scope="col" class="num">Books</th><th scope="col" class="num">Difference</th><th scope="col">Books object</th><th scope="col">Reason</th></tr></thead>
<tbody>${documents.map((d) => html`<tr><td>${linkAudit ? html`<a href="/console/audit${query({ document: d.document })}">${d.label || d.externalId}</a>` : d.label || d.externalId}</td>
<td>${d.docType}</td><td>${d.status}</td>${moneyCell(d.expectedAmount)}${moneyCell(d.booksAmount)}${moneyCell(d.difference, true)}
<td>${d.booksEntity ? `${d.booksEntity} ${d.booksId ?? ''}` : ''}</td><td>${d.reason ?? ''}${d.detail ? `: ${d.detail}` : ''}</td></tr>`)}</tbody></table>`}`;
    return page(`Documents on ${q.project} ${q.costCode}`, body);
  },
};
