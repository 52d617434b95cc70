import type { FailureEntry } from '../../../adapters/pipeline/outbound/failure-ledger.js';
import { mayView, page, refusal, type ConsoleView, type Viewer } from '../console-view.js';
import { html, query, type Html } from '../html.js';
import { csrfField } from '../layout.js';
import { chosenConnection, notice } from '../view-parts.js';
import { auditView } from './audit.view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const documentLink = (viewer: Viewer, stream: string | null): Html | string => {
  if (!stream) return '';
  return mayView(auditView, viewer.role) ? html`<a href="/console/audit${query({ document: stream })}">${stream}</a>` : stream;
};

const retryForm = (viewer: Viewer, f: FailureEntry): Html => (f.status === 'retrying' ? html`<span class="muted">retry requested ${f.retriedAt ?? ''}</span>` : html`
<form class="inline" method="post" action="/console/operator/retry">${csrfField(viewer)}<input type="hidden" name="requestId" value="${f.requestId}">
<button type="submit" aria-label="Retry ${f.requestType} for ${f.documentStream}">Retry</button></form>`);

/** The operator: failed and dead-lettered requests with a retry, parked documents, open alerts. */
export const operatorView: ConsoleView = {
  slug: 'operator', title: 'Operations', roles: ['operator'], query: ['connection', 'done'], nav: true,
  async render({ query: q, services, viewer }) {
    const connection = q.connection || undefined;
    if (!services.outbound || !services.alerts) return refusal('Operations', 'This hub runs without the outbound dispatcher or alerts.', 503);
    // No connection named is every connection's list; a named one must exist.
    const named = connection === undefined ? {} : chosenConnection(services, connection);
    if (named.problem) return refusal('Operations', named.problem, 404);
    const [failures, alerts] = await Promise.all([services.outbound.ledger.list({ connection, limit: 200 }), services.alerts.open({ connection })]);
    const parked = alerts.filter((a) => a.kind === 'quarantine');
    const others = alerts.filter((a) => a.kind !== 'quarantine');
    const body = html`${notice(q.done)}
<h2 id="failures">Failed and dead-lettered requests (${failures.items.length})</h2>
${failures.items.length === 0 ? html`<p class="good">None.</p>` : html`<table id="failures-table"><thead><tr><th scope="col">Failed at</th><th scope="col">Document</th><th scope="col">Request</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Attempts</th><th scope="col">Action</th></tr></thead>
<tbody>${failures.items.map((f) => html`<tr><td>${f.failedAt}</td><td>${documentLink(viewer, f.documentStream)}</td><td>${f.requestType} → ${f.target}</td>
<td class="bad">${f.status}</td><td>${[f.error.status === null ? null : `HTTP ${f.error.status}`, f.error.code, f.error.message].filter(Boolean).join(' · ')}</td><td class="num">${f.attempts}</td><td>${retryForm(viewer, f)}</td></tr>`)}</tbody></table>`}
<h2 id="parked">Parked documents (${parked.length})</h2>
${parked.length === 0 ? html`<p class="good">None.</p>` : html`<p class="muted">A parked document resumes by itself once its cause is fixed (a mapping added: see the mapping document).</p>
<table id="parked-table"><thead><tr><th scope="col">Since</th><th scope="col">Document</th><th scope="col">Reason</th></tr></thead>
<tbody>${parked.map((a) => html`<tr><td>${a.raisedAt}</td><td>${documentLink(viewer, a.documentStream)}</td><td>${a.error}</td></tr>`)}</tbody></table>`}
<h2 id="alerts">Open alerts (${others.length})</h2>
${others.length === 0 ? html`<p class="good">None.</p>` : html`<table id="alerts-table"><thead><tr><th scope="col">Raised</th><th scope="col">Kind</th><th scope="col">Subject</th><th scope="col">Error</th></tr></thead>
<tbody>${others.map((a) => html`<tr><td>${a.raisedAt}</td><td>${a.kind}</td><td>${a.documentStream ? documentLink(viewer, a.documentStream) : a.subject}</td><td>${a.error}</td></tr>`)}</tbody></table>`}`;
    return page('Operations', body);
  },
  actions: {
    async retry({ body, services, viewer }) {
      const requestId = body.requestId ?? '';
      if (!UUID.test(requestId) || !services.outbound) return { redirect: `/console/operator${query({ done: 'That is not a failed request.' })}` };
      const answer = await services.outbound.retry(requestId, { reason: 'retried from the console', requestedBy: viewer.name });
      const done = answer.ok ? `Retry requested for ${requestId} (cycle ${answer.cycle}).` : `Not retried: ${answer.detail}`;
      return { redirect: `/console/operator${query({ done })}` };
    },
  },
};
