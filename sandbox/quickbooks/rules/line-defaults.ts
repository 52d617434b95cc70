import { asDoc, asString, type Doc } from '../model/entity-types.js';

/** US companies: a line without a tax code is non-taxable. The simulated companies are all US. */
const NON_TAXABLE = { value: 'NON' };

const EXPENSE_DETAILS: ReadonlySet<string> = new Set(['AccountBasedExpenseLineDetail', 'ItemBasedExpenseLineDetail']);

const withDetailDefaults = (line: Doc, detailType: string, defaults: Doc): Doc => {
  const detail = asDoc(line[detailType]);
  if (!detail) return line;
  const filled: Doc = { ...detail };
  for (const [key, value] of Object.entries(defaults)) filled[key] ??= value;
  return { ...line, [detailType]: filled };
};

/**
 * What the server fills into lines the request left bare (facts §1 "References in
 * responses"): expense lines get `BillableStatus` NotBillable and `TaxCodeRef` NON, sales
 * item lines `TaxCodeRef` NON.
 */
export const withLineDefaults = (lines: Doc[]): Doc[] => lines.map((line) => {
  const detailType = asString(line.DetailType) ?? '';
  if (EXPENSE_DETAILS.has(detailType)) return withDetailDefaults(line, detailType, { BillableStatus: 'NotBillable', TaxCodeRef: NON_TAXABLE });
  if (detailType === 'SalesItemLineDetail') return withDetailDefaults(line, detailType, { TaxCodeRef: NON_TAXABLE });
  return line;
});
