import type { HeldRequest } from '../../../adapters/pipeline/outbound/approval-queue.js';
import { html, type Html } from '../html.js';
import { displayMoney, json } from '../view-parts.js';

interface RefLike { readonly value: string; readonly name?: string }
interface LineLike {
  readonly description?: string; readonly amount?: number; readonly kind?: string; readonly accountRef?: RefLike; readonly itemRef?: RefLike;
  readonly classRef?: RefLike | null; readonly customerRef?: RefLike | null; readonly source?: { readonly costCode: string; readonly costType: string | null } | null;
}
interface DraftLike { readonly docNumber?: string; readonly txnDate?: string; readonly vendorRef?: RefLike; readonly total?: number; readonly lines?: readonly LineLike[] }

const ref = (r: RefLike | null | undefined): string => (r ? `${r.name ?? ''} (${r.value})`.trim() : '');

/**
 * What a held request will post: header and lines when it is a books draft (bills, credits,
 * purchase orders carry `lines`), and always the request exactly as it will be sent.
 */
export const heldRequestDetail = (held: Pick<HeldRequest, 'request' | 'requestType'>): Html => {
  const draft = (held.request ?? {}) as DraftLike;
  const lines = Array.isArray(draft.lines) ? draft.lines : [];
  return html`<div>${draft.docNumber ? html`<p><strong>${held.requestType.replace(/Requested\.v\d+$/, '')}</strong> ${draft.docNumber}, ${draft.txnDate ?? ''}, vendor ${ref(draft.vendorRef)}${typeof draft.total === 'number' ? html`, total <strong>${displayMoney(draft.total)}</strong>` : ''}</p>` : ''}
${lines.length === 0 ? '' : html`<table><thead><tr><th scope="col">Cost code</th><th scope="col">Description</th><th scope="col">Account or item</th><th scope="col">Class</th><th scope="col">Customer:Job</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>${lines.map((l) => html`<tr><td>${l.source ? `${l.source.costCode}${l.source.costType ? ` ${l.source.costType}` : ''}` : 'retainage'}</td><td>${l.description ?? ''}</td><td>${ref(l.accountRef ?? l.itemRef)}</td><td>${ref(l.classRef)}</td><td>${ref(l.customerRef)}</td><td class="num">${typeof l.amount === 'number' ? displayMoney(l.amount) : ''}</td></tr>`)}</tbody></table>`}
<details><summary>The request exactly as it will be sent</summary>${json(held.request)}</details></div>`;
};
