import { assertNever } from '../shared/assert-never.js';
import { refLabel } from '../shared/books-ref.js';
import { costCodeLabel } from './cost-code.js';
import { markdownCell, toCsv } from './csv.js';
import type { BooksChart, CostCodeInUse, CostCodeMapping, MappingSettings } from './mapping.types.js';
import type { MappingRow } from './mapping-rows.js';
import { mappingRows } from './mapping-rows.js';

export interface MappingDocumentFiles {
  readonly markdown: string;
  readonly csv: string;
}

const retainageText = (settings: MappingSettings): string => {
  const treatment = settings.retainage;
  switch (treatment.mode) {
    case 'negative-line': return `a negative line to ${refLabel(treatment.accountRef)}; the bill total is the net payable now`;
    case 'gross-open': return 'bills post at gross and the retainage stays open on the bill until it is released';
    case 'net-only': return 'bills post net of retainage; the retainage is posted when it is released';
    default: return assertNever(treatment);
  }
};

const labourRatesText = (settings: MappingSettings): string => {
  const rates = settings.labourRates;
  if (rates === undefined) return "at each employee's cost rate in the books; time without one posts uncosted (an alert says so)";
  const parts = [
    ...Object.entries(rates.workers).map(([worker, rate]) => `worker ${worker} at ${rate}`),
    "else the employee's cost rate in the books",
    ...rates.costCodes.map((r) => `else ${r.costType === null ? r.costCode : `${r.costCode}/${r.costType}`} at ${r.rate}`),
    ...(rates.default === null ? [] : [`else ${rates.default}`]),
  ];
  return `an hour costs ${parts.join(', ')}`;
};

const ownerBillingText = (settings: MappingSettings): string =>
  settings.ownerBilling
    ? `work billed on ${refLabel(settings.ownerBilling.progressItemRef)} (unless its rule names an item), retainage released on ${refLabel(settings.ownerBilling.retainageItemRef)}`
    : 'no items set (settings.ownerBilling): owner invoices are parked until they are';

const yesNo = (value: boolean | null): string => (value === null ? '' : value ? 'yes' : 'no');

const MD_HEADER = ['Project', 'Cost code', 'Cost type', 'Name', 'Posts to', 'Account / item', 'Class', 'Customer:Job', 'Billable', 'Rule', 'Status'];
const markdownRow = (r: MappingRow): string[] =>
  [r.inUse.projectId, r.inUse.costCode, r.inUse.costType ?? '', r.inUse.name, r.postsTo, r.targetLabel, r.classLabel, r.jobLabel, yesNo(r.billable), r.rule, r.status];

const CSV_HEADER = ['project_id', 'cost_code', 'cost_type', 'name', 'posts_to', 'ref_id', 'ref_name', 'class_id', 'class_name', 'customer_job', 'billable', 'rule', 'status'];
const csvRow = (r: MappingRow): string[] => [
  r.inUse.projectId, r.inUse.costCode, r.inUse.costType ?? '', r.inUse.name, r.postsTo,
  r.target?.value ?? '', r.target === null ? '' : r.targetLabel, r.classRef?.value ?? '', r.classLabel, r.jobLabel, yesNo(r.billable), r.rule, r.status,
];

const summary = (rows: readonly MappingRow[]): string => {
  const unmapped = rows.filter((r) => r.status === 'UNMAPPED');
  const names = unmapped.map((r) => `${costCodeLabel(r.inUse.costCode, r.inUse.costType)} (project ${r.inUse.projectId})`);
  const tail = unmapped.length === 0 ? 'every one has a home.' : `${unmapped.length} UNMAPPED: ${names.join(', ')}.`;
  return `${rows.length} cost codes in use; ${tail}`;
};

const markdown = (mapping: CostCodeMapping, rows: readonly MappingRow[]): string => [
  '# Cost-code mapping',
  '',
  `- Retainage: ${retainageText(mapping.settings)}.`,
  `- Vendors: ${mapping.settings.vendorMatch === 'lookup-or-create' ? 'found by name, created when missing' : 'found by name only; a missing vendor is parked'}.`,
  `- Lines billable to the customer unless a rule says otherwise: ${yesNo(mapping.settings.billableByDefault)}.`,
  `- Owner invoices: ${ownerBillingText(mapping.settings)}.`,
  `- Labour: ${labourRatesText(mapping.settings)}.`,
  '',
  summary(rows),
  '',
  `| ${MD_HEADER.join(' | ')} |`,
  `|${MD_HEADER.map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${markdownRow(r).map(markdownCell).join(' | ')} |`),
  '',
  'Approved by: ____________________  Date: ____________',
  '',
].join('\n');

/**
 * The mapping document for the bookkeeper to approve: every cost code in use and where it
 * posts (account or item, class, Customer:Job), or UNMAPPED. Markdown to read, CSV to sort.
 */
export const renderMappingDocument = (mapping: CostCodeMapping, costCodesInUse: readonly CostCodeInUse[], chart?: BooksChart): MappingDocumentFiles => {
  const rows = mappingRows(mapping, costCodesInUse, chart);
  return { markdown: markdown(mapping, rows), csv: toCsv(CSV_HEADER, rows.map(csvRow)) };
};
