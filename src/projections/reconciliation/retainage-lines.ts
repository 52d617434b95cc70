import type { ReconDoc } from './recon-doc.js';

/**
 * One approved subcontractor invoice line as the per-commitment retainage report reads it
 * (cents): the work billed at gross, what the line retained this period at gross (before
 * what it releases), and the retainage it releases (held on earlier invoices).
 */
export interface RetainageLine {
  readonly costCode: string;
  readonly costType: string;
  readonly work: number;
  readonly retained: number;
  readonly released: number;
}

/** An approved invoice's lines for the retainage report; none for anything else. */
export const retainageLinesOf = (doc: ReconDoc): RetainageLine[] => {
  const side = doc.construction;
  if (side?.kind !== 'subcontractor_invoice' || !side.effective) return [];
  // A line's retainage is already net of what it released: add the release back for what it retained.
  return side.lines.map((l) => ({
    costCode: l.costCode, costType: l.costType, work: l.amount, retained: l.retainage + (l.released ?? 0), released: l.released ?? 0,
  }));
};
