import { mayView, page, refusal, type ConsoleView } from '../console-view.js';
import { html, query } from '../html.js';
import { csrfField } from '../layout.js';
import { chosenConnection, notice } from '../view-parts.js';
import { auditView } from './audit.view.js';
import { heldRequestDetail } from './held-request.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The operator's go-live approval queue: what connections in `approval` mode hold, each with what will post, approve or reject. */
export const approvalsView: ConsoleView = {
  slug: 'approvals', title: 'Approval queue', roles: ['operator'], query: ['connection', 'done'], nav: true,
  async render({ query: q, services, viewer }) {
    if (!services.outbound) return refusal('Approval queue', 'This hub runs without the outbound dispatcher.', 503);
    // No connection named is every connection's queue; a named one must exist.
    const named = q.connection ? chosenConnection(services, q.connection) : {};
    if (named.problem) return refusal('Approval queue', named.problem, 404);
    const all = await services.outbound.approvals.list({ connection: q.connection || undefined });
    const dryRun = (await services.outbound.dryRun.list({ connection: q.connection || undefined })).slice(-50).reverse();
    const pending = all.filter((h) => h.decision === null);
    const decided = all.filter((h) => h.decision !== null).slice(-20).reverse();
    const linkAudit = mayView(auditView, viewer.role);
    const body = html`${notice(q.done)}
<p class="muted">Connections in <code>approval</code> posting mode hold every write to the books here until someone approves it; those in <code>dry-run</code> mode record what they would write, below.</p>
<h2 id="pending">Waiting for approval (${pending.length})</h2>
${pending.length === 0 ? html`<p class="good">Nothing is waiting.</p>` : pending.map((h) => html`<section class="held" aria-label="${h.documentStream}">
<h3>${linkAudit ? html`<a href="/console/audit${query({ document: h.documentStream })}">${h.documentStream}</a>` : h.documentStream} <span class="muted">held ${h.heldAt}, to ${h.target}</span></h3>
${heldRequestDetail(h)}
<form class="inline" method="post" action="/console/approvals/approve">${csrfField(viewer)}<input type="hidden" name="requestId" value="${h.requestId}"><button type="submit">Approve and post</button></form>
<form class="inline" method="post" action="/console/approvals/reject">${csrfField(viewer)}<input type="hidden" name="requestId" value="${h.requestId}"><button type="submit" class="secondary">Reject</button></form>
</section>`)}
<h2 id="dry-run">Recorded in dry run (${dryRun.length})</h2>
${dryRun.length === 0 ? html`<p class="muted">Nothing: no connection in <code>dry-run</code> posting mode has drafted a write.</p>` : html`<p class="muted">Connections in <code>dry-run</code> posting mode write nothing to the books; each write they would have sent is recorded here.</p>
${dryRun.map((d) => html`<section class="dry-run" aria-label="${d.documentStream} (dry run)"><h3>${linkAudit ? html`<a href="/console/audit${query({ document: d.documentStream })}">${d.documentStream}</a>` : d.documentStream} <span class="muted">would post to ${d.target}, drafted ${d.recordedAt}</span></h3>
${heldRequestDetail(d)}</section>`)}`}
<h2 id="decided">Recent decisions</h2>
${decided.length === 0 ? html`<p class="muted">None yet.</p>` : html`<table><thead><tr><th scope="col">When</th><th scope="col">Document</th><th scope="col">Request</th><th scope="col">Decision</th><th scope="col">By</th></tr></thead>
<tbody>${decided.map((h) => html`<tr><td>${h.decision!.at}</td><td>${h.documentStream}</td><td>${h.requestType}</td><td>${h.decision!.decision}</td><td>${h.decision!.decidedBy ?? ''}</td></tr>`)}</tbody></table>`}`;
    return page('Approval queue', body);
  },
  actions: {
    approve: ({ body, services, viewer }) => decide(body.requestId, 'approved', services, viewer.name),
    reject: ({ body, services, viewer }) => decide(body.requestId, 'rejected', services, viewer.name),
  },
};

const decide = async (requestId: string | undefined, decision: 'approved' | 'rejected', services: Parameters<ConsoleView['render']>[0]['services'], by: string) => {
  if (!requestId || !UUID.test(requestId) || !services.outbound) return { redirect: `/console/approvals${query({ done: 'That is not a held request.' })}` };
  const answer = await services.outbound.approvals.decide(requestId, decision, by);
  const done = answer.ok ? `${answer.held.documentStream}: ${decision === 'approved' ? 'approved; posting now' : 'rejected; nothing will post'}.` : `Not changed: ${answer.detail}`;
  return { redirect: `/console/approvals${query({ done })}` };
};
