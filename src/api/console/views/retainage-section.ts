import type { CommitmentRetainage } from '../../../projections/reconciliation/retainage-report.js';
import { html, type Html } from '../html.js';
import { moneyCell } from '../view-parts.js';

const HEAD = html`<th scope="col" class="num">Retained</th><th scope="col" class="num">Released</th><th scope="col" class="num">Held</th><th scope="col" class="num">Paid</th><th scope="col" class="num">Paid before release</th><th scope="col" class="num">Outstanding</th>`;

const figures = (f: CommitmentRetainage | CommitmentRetainage['costCodes'][number]): Html =>
  html`${moneyCell(f.retained)}${moneyCell(f.released)}${moneyCell(f.held)}${moneyCell(f.paid)}${moneyCell(f.paidBeforeRelease, true)}${moneyCell(f.outstanding)}`;

/** Finance: retainage per commitment, its cost codes under it, and what was paid over the net due or before release (as GET /finance/retainage). */
export const retainageSection = (commitments: readonly CommitmentRetainage[]): Html => html`
<h2 id="retainage">Retainage per commitment</h2>
${commitments.length === 0 ? html`<p class="muted">No retainage yet.</p>` : html`<table aria-describedby="retainage-caption"><caption id="retainage-caption">Retainage per commitment and cost code (${commitments.length} commitments)</caption>
<thead><tr><th scope="col">Commitment / cost code</th>${HEAD}<th scope="col">Discrepancy</th></tr></thead>
<tbody>${commitments.map((c) => html`<tr><th scope="row">${c.projectId} ${c.label}</th>${figures(c)}<td class="${c.discrepancies.length === 0 ? 'good' : 'bad'}">${c.discrepancies.length === 0 ? 'none' : c.discrepancies.map((d) => d.detail).join('; ')}</td></tr>
${c.costCodes.map((l) => html`<tr><td>&nbsp;&nbsp;${l.costCode}${l.costType ? `/${l.costType}` : ''}</td>${figures(l)}<td></td></tr>`)}`)}</tbody></table>`}`;
