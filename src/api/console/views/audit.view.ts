import type { HistoryEntry } from '../../../projections/audit/document-history.js';
import { page, refusal, type ConsoleView } from '../console-view.js';
import { html, type Html } from '../html.js';
import { json } from '../view-parts.js';

const DOCUMENT = /^[a-z0-9][a-z0-9_-]*\.(procore|quickbooks|xero|qbd|planswift|buildertrend)\.[a-z_]+-.{1,200}$/;

/** `2026-03-31T17:00` (a datetime-local field, read as UTC) or any ISO time; undefined when it is neither. */
const momentOf = (text: string): Date | undefined => {
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(text) ? `${text}Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(withZone)) return undefined;
  const at = new Date(withZone);
  return Number.isNaN(at.getTime()) ? undefined : at;
};

const attemptText = (entry: HistoryEntry): string => {
  const a = entry.attempt;
  if (!a) return '';
  return [a.outcome, a.status === null ? null : `HTTP ${a.status}`, a.code, a.message, a.durationMs === null ? null : `${a.durationMs} ms`].filter((x) => x !== null).join(' · ');
};

const timeline = (entries: readonly HistoryEntry[]): Html => html`<table id="timeline"><caption>Every event of the document, its sagas, outbound calls and books objects (${entries.length})</caption>
<thead><tr><th scope="col">Recorded (UTC)</th><th scope="col">Stream</th><th scope="col">Event</th><th scope="col">API response</th><th scope="col">Payload</th></tr></thead>
<tbody>${entries.map((e) => html`<tr><td>${e.recordedAt}</td><td>${e.streamKind}<br><span class="muted">${e.stream}@${e.revision}</span></td><td>${e.type}</td><td>${attemptText(e)}</td>
<td><details><summary>payload and metadata</summary>${json({ data: e.data, metadata: e.metadata })}</details></td></tr>`)}</tbody></table>`;

/** The auditor: a document's whole timeline, its state as of a chosen moment, and whether its connection's history verifies. */
export const auditView: ConsoleView = {
  slug: 'audit', title: 'Audit', roles: ['auditor'], query: ['document', 'at'], nav: true,
  async render({ query: q, services }) {
    const form = html`<form class="filters" method="get" action="/console/audit">
<div><label for="document">Document stream</label><input id="document" name="document" value="${q.document ?? ''}" size="52" placeholder="demo.procore.subcontractor_invoice-1280643" required></div>
<div><label for="at">As of (UTC)</label><input id="at" name="at" type="datetime-local" step="1" value="${q.at ?? ''}"></div>
<div><button type="submit">Open</button></div></form>`;
    if (!q.document) return page('Audit', html`${form}<p class="muted">Open a document by its stream name, or follow a link from the reconciliation or the operator screen.</p>`);
    if (!DOCUMENT.test(q.document)) return refusal('Audit', 'A document is named {connection}.{source}.{type}-{externalId}, e.g. demo.procore.subcontractor_invoice-1280643.', 400, form);
    const at = q.at ? momentOf(q.at) : undefined;
    if (q.at && !at) return refusal('Audit', `"${q.at.slice(0, 40)}" is not a time: use the date and time picker, or an ISO time.`, 400, form);
    const entries = await services.documents.history(q.document);
    if (!entries) return refusal('Audit', `There are no events for ${q.document}.`, 404, form);
    const connection = q.document.slice(0, q.document.indexOf('.'));
    const [state, verify] = await Promise.all([at ? services.documents.asOf(q.document, at) : undefined, services.anchors.verify(`${connection}.`)]);
    const asOf = state ? html`<section id="as-of" aria-labelledby="as-of-title"><h2 id="as-of-title">As of ${state.asOf}</h2>
<p>${state.existed ? html`${state.eventsApplied} events applied; last <strong>${state.lastEventType}</strong>, version ${state.version ?? 'none'}. Sync status: <strong>${state.sync.status}</strong>${state.sync.reason ? ` (${state.sync.reason})` : ''}.` : 'The document did not exist yet at that moment.'}</p>
${state.existed ? html`<details open><summary>Snapshot then</summary>${json(state.snapshot)}</details><details><summary>Books side then</summary>${json(state.sync.books)}</details>` : ''}</section>` : html``;
    const verified = html`<section id="verify" aria-labelledby="verify-title"><h2 id="verify-title">Verify (${connection})</h2>
<p class="${verify.ok ? 'good' : 'bad'}">${verify.ok ? `History intact: ${verify.streamsChecked} streams, ${verify.eventsChecked} events checked.` : `History altered: first at ${verify.firstBroken?.streamName ?? '?'}@${verify.firstBroken?.revision ?? '?'} (${verify.firstBroken?.reason ?? 'global chain'}).`}</p>
<p class="muted">Global chain: ${verify.globalChain.checked ? (verify.globalChain.ok ? `intact, ${verify.globalChain.eventsChecked} events checked against the latest anchor` : 'differs from the anchor') : `not checked (${verify.globalChain.problem ?? 'no anchor'})`}.</p></section>`;
    return page(`Audit: ${q.document}`, html`${form}${asOf}${verified}<h2>Timeline</h2>${timeline(entries)}`);
  },
};
