/**
 * The sample project both sandboxes are seeded with: Keystone Mechanical, an HVAC and
 * plumbing subcontractor, on a medical office building for Harbor Point Builders (the GC,
 * who is Keystone's "owner" customer). Money is decimal strings, as Procore sends it.
 * Ids are strings of digits; the Procore simulator serialises them as numbers (v1 API).
 */
export const SAMPLE_COMPANY = { id: '5358233', name: 'Keystone Mechanical Inc.' } as const;

export const SAMPLE_PROJECT = {
  id: '2468013',
  name: 'Riverside Medical Office Building',
  projectNumber: '2026-014',
  address: '400 Riverside Dr', city: 'Omaha', stateCode: 'NE', zip: '68102',
} as const;

/** Cost types (Procore "line item types"). */
export const SAMPLE_COST_TYPES = [
  { id: '50881', code: 'L', name: 'Labor', baseType: 'labor' },
  { id: '50882', code: 'M', name: 'Material', baseType: 'materials' },
  { id: '50883', code: 'S', name: 'Subcontract', baseType: 'commitment' },
  { id: '50884', code: 'E', name: 'Equipment', baseType: 'equipment' },
  { id: '50885', code: 'O', name: 'Other', baseType: 'other' },
] as const;

/** CSI MasterFormat codes: division 22 plumbing, 23 HVAC, 01 general requirements. */
export const SAMPLE_COST_CODES = [
  { id: '78261101', fullCode: '01-50-00', name: 'Temporary Facilities and Controls' },
  { id: '78261122', fullCode: '22-11-00', name: 'Facility Water Distribution' },
  { id: '78261135', fullCode: '23-05-00', name: 'Common Work Results for HVAC' },
  { id: '78261137', fullCode: '23-07-00', name: 'HVAC Insulation' },
  { id: '78261139', fullCode: '23-09-00', name: 'Instrumentation and Control for HVAC' },
  { id: '78261151', fullCode: '23-31-00', name: 'HVAC Ducts and Casings' },
  { id: '78261153', fullCode: '23-33-00', name: 'Air Duct Accessories' },
  { id: '78261157', fullCode: '23-37-00', name: 'Air Outlets and Inlets' },
] as const;

/** Original budget per cost code and cost type (code, type code, amount). */
export const SAMPLE_BUDGET: ReadonlyArray<readonly [string, string, string]> = [
  ['01-50-00', 'O', '18500.00'],
  ['22-11-00', 'L', '96000.00'],
  ['22-11-00', 'M', '74000.00'],
  ['23-05-00', 'L', '42000.00'],
  ['23-07-00', 'S', '66000.00'],
  ['23-09-00', 'M', '38000.00'],
  ['23-31-00', 'S', '150000.00'],
  ['23-31-00', 'M', '24000.00'],
  ['23-33-00', 'S', '21000.00'],
  ['23-37-00', 'S', '17500.00'],
];

/** Three subcontractors; Apex is not yet in QuickBooks under its own name (exercises lookup/create and 6240). */
export const SAMPLE_VENDORS = [
  { id: '5521', name: 'Northwind Sheet Metal LLC', trade: 'Sheet metal / ductwork' },
  { id: '5522', name: 'Summit Insulation Inc', trade: 'Mechanical insulation' },
  { id: '5523', name: 'Apex Controls Co', trade: 'Building automation' },
] as const;

export interface SampleLine {
  readonly costCode: string;
  readonly costType: string;
  readonly description: string;
  readonly amount: string;
}

/** Two commitments (work order contracts), with their schedule of values. */
export const SAMPLE_COMMITMENTS = [
  {
    id: '786001', number: 'WO-001', vendorId: '5521', title: 'Ductwork fabrication and installation', retainagePercent: '10.00',
    lines: [
      { costCode: '23-31-00', costType: 'S', description: 'Supply and return ductwork', amount: '150000.00' },
      { costCode: '23-31-00', costType: 'M', description: 'Duct sealant and hangers', amount: '12000.00' },
      { costCode: '23-33-00', costType: 'S', description: 'Dampers and access doors', amount: '21000.00' },
      { costCode: '23-37-00', costType: 'S', description: 'Diffusers, registers, grilles', amount: '17500.00' },
    ] satisfies SampleLine[],
  },
  {
    id: '786002', number: 'WO-002', vendorId: '5522', title: 'Duct and pipe insulation', retainagePercent: '10.00',
    lines: [{ costCode: '23-07-00', costType: 'S', description: 'Duct and piping insulation', amount: '64000.00' }] satisfies SampleLine[],
  },
] as const;

/** Two commitment change orders and one prime change order. */
export const SAMPLE_CHANGE_ORDERS = [
  { id: '91001', kind: 'commitment', contractId: '786001', number: 'CCO-001', title: 'Add exhaust ductwork at imaging suite',
    lines: [{ costCode: '23-31-00', costType: 'S', description: 'Exhaust ductwork, imaging suite', amount: '12500.00' }] satisfies SampleLine[] },
  { id: '91002', kind: 'commitment', contractId: '786002', number: 'CCO-002', title: 'Insulate added exhaust duct',
    lines: [{ costCode: '23-07-00', costType: 'S', description: 'Exhaust duct insulation', amount: '4200.00' }] satisfies SampleLine[] },
  { id: '92001', kind: 'prime', contractId: '640001', number: 'PCO-001', title: 'Owner-requested imaging suite exhaust',
    lines: [
      { costCode: '23-31-00', costType: 'S', description: 'Imaging suite exhaust ductwork', amount: '16800.00' },
      { costCode: '23-07-00', costType: 'S', description: 'Imaging suite exhaust insulation', amount: '5600.00' },
    ] satisfies SampleLine[] },
] as const;

/** The prime contract with the GC; owner invoices (payment applications) bill against it. */
export const SAMPLE_PRIME_CONTRACT = { id: '640001', number: 'PC-001', title: 'Mechanical and plumbing', ownerName: 'Harbor Point Builders', retainagePercent: '10.00', amount: '612000.00' } as const;

/**
 * Subcontractor invoices (requisitions), 10% retainage. Invoice 3 has 4 lines across
 * 3 cost codes; invoice 4 is a credit (a back-charge), which Procore's own connector skips.
 */
export const SAMPLE_REQUISITIONS = [
  { id: '1280641', commitmentId: '786001', number: 1, invoiceNumber: 'NSM-1041', billingDate: '2026-03-31', periodStart: '2026-03-01', periodEnd: '2026-03-31',
    lines: [
      { costCode: '23-31-00', costType: 'S', description: 'Supply and return ductwork', amount: '45000.00' },
    ] satisfies SampleLine[] },
  { id: '1280642', commitmentId: '786002', number: 1, invoiceNumber: 'SI-2207', billingDate: '2026-03-31', periodStart: '2026-03-01', periodEnd: '2026-03-31',
    lines: [{ costCode: '23-07-00', costType: 'S', description: 'Duct and piping insulation', amount: '16000.00' }] satisfies SampleLine[] },
  { id: '1280643', commitmentId: '786001', number: 2, invoiceNumber: 'NSM-1077', billingDate: '2026-04-30', periodStart: '2026-04-01', periodEnd: '2026-04-30',
    lines: [
      { costCode: '23-31-00', costType: 'S', description: 'Supply and return ductwork', amount: '52500.00' },
      { costCode: '23-31-00', costType: 'M', description: 'Duct sealant and hangers', amount: '4800.00' },
      { costCode: '23-33-00', costType: 'S', description: 'Dampers and access doors', amount: '8400.00' },
      { costCode: '23-37-00', costType: 'S', description: 'Diffusers, registers, grilles', amount: '6300.00' },
    ] satisfies SampleLine[] },
  { id: '1280644', commitmentId: '786001', number: 3, invoiceNumber: 'NSM-1077-CR', billingDate: '2026-05-05', periodStart: '2026-05-01', periodEnd: '2026-05-05',
    lines: [{ costCode: '23-31-00', costType: 'S', description: 'Back-charge: damaged duct section replaced by GC', amount: '-2500.00' }] satisfies SampleLine[] },
] as const;

/** Owner invoices (payment applications) on the prime contract, 10% retainage; #3 releases retainage. */
export const SAMPLE_PAYMENT_APPLICATIONS = [
  { id: '3301', number: 1, invoiceNumber: 'KM-PA-01', billingDate: '2026-03-31', periodStart: '2026-03-01', periodEnd: '2026-03-31',
    lines: [
      { costCode: '23-31-00', costType: 'S', description: 'Ductwork', amount: '58000.00' },
      { costCode: '23-07-00', costType: 'S', description: 'Insulation', amount: '19000.00' },
    ] satisfies SampleLine[], retainageReleased: '0.00' },
  { id: '3302', number: 2, invoiceNumber: 'KM-PA-02', billingDate: '2026-04-30', periodStart: '2026-04-01', periodEnd: '2026-04-30',
    lines: [
      { costCode: '23-31-00', costType: 'S', description: 'Ductwork incl. PCO-001', amount: '84000.00' },
      { costCode: '23-07-00', costType: 'S', description: 'Insulation incl. PCO-001', amount: '21000.00' },
    ] satisfies SampleLine[], retainageReleased: '0.00' },
] as const;

/** One week of approved labor on 23-05-00 by two Keystone employees. */
export const SAMPLE_EMPLOYEES = [
  { id: '7788', name: 'Dana Ortiz', hourlyCost: '48.00' },
  { id: '7789', name: 'Luis Brennan', hourlyCost: '44.00' },
] as const;

export const SAMPLE_TIMECARDS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].flatMap((date, day) =>
  SAMPLE_EMPLOYEES.map((employee, e) => ({
    id: String(990100 + day * 2 + e), date, partyId: employee.id, costCode: '23-05-00', costType: 'L',
    hours: e === 0 ? '8.00' : '7.50', description: 'Equipment pads and supports',
  })));

/** The QuickBooks company the sample connection posts to (realm ids are strings). */
export const SAMPLE_QBO = {
  realmId: '9130350000000001',
  accounts: [
    { id: '33', name: 'Accounts Payable (A/P)', type: 'Accounts Payable', acctNum: '2000' },
    { id: '34', name: 'Retainage Payable', type: 'Other Current Liability', acctNum: '2150' },
    { id: '35', name: 'Checking', type: 'Bank', acctNum: '1000' },
    { id: '36', name: 'Accounts Receivable (A/R)', type: 'Accounts Receivable', acctNum: '1200' },
    { id: '37', name: 'Retainage Receivable', type: 'Other Current Asset', acctNum: '1250' },
    { id: '40', name: 'Contract Revenue', type: 'Income', acctNum: '4000' },
    { id: '60', name: 'Job Costs', type: 'Cost of Goods Sold', acctNum: '5000' },
    { id: '61', name: 'Subcontractors', type: 'Cost of Goods Sold', acctNum: '5100', parent: '60' },
    { id: '62', name: 'Job Materials', type: 'Cost of Goods Sold', acctNum: '5200', parent: '60' },
    { id: '63', name: 'Direct Labor', type: 'Cost of Goods Sold', acctNum: '5300', parent: '60' },
    { id: '64', name: 'Equipment Rental', type: 'Cost of Goods Sold', acctNum: '5400', parent: '60' },
    { id: '65', name: 'Other Job Costs', type: 'Cost of Goods Sold', acctNum: '5900', parent: '60' },
  ],
  items: [
    { id: '11', name: 'Ductwork Subcontract', type: 'Service', expenseAccount: '61', incomeAccount: '40' },
    { id: '12', name: 'HVAC Labor', type: 'Service', expenseAccount: '63', incomeAccount: '40' },
    { id: '21', name: 'Progress Billing', type: 'Service', incomeAccount: '40' },
    { id: '22', name: 'Retainage', type: 'Service', incomeAccount: '37' },
  ],
  classes: [
    { id: '200000000000000101', name: '01 General Requirements' },
    { id: '200000000000000122', name: '22 Plumbing' },
    { id: '200000000000000123', name: '23 HVAC' },
  ],
  /** The GC as customer, the project as its Job sub-customer. */
  customers: [
    { id: '58', displayName: 'Harbor Point Builders' },
    { id: '59', displayName: '2026-014 Riverside Medical Office', parent: '58', job: true },
  ],
  /** Two subs already exist as vendors; Apex Controls exists only as a Customer (a 6240 collision when created as a vendor). */
  vendors: [
    { id: '46', displayName: 'Northwind Sheet Metal LLC' },
    { id: '47', displayName: 'Summit Insulation Inc' },
  ],
  nameCollisions: [{ id: '70', entity: 'Customer', displayName: 'Apex Controls Co' }],
  /** Each with the hourly cost of SAMPLE_EMPLOYEES (QBO Employee CostRate), which costs their time on the job. */
  employees: [
    { id: '81', displayName: 'Dana Ortiz', costRate: SAMPLE_EMPLOYEES[0].hourlyCost },
    { id: '82', displayName: 'Luis Brennan', costRate: SAMPLE_EMPLOYEES[1].hourlyCost },
  ],
} as const;

/** The Xero organisation of the sample's Xero variant. */
export const SAMPLE_XERO = {
  tenantId: 'aef86862-2015-4b6b-88bc-d89032cecc50',
  accounts: [
    { code: '310', name: 'Subcontractors', type: 'DIRECTCOSTS' },
    { code: '320', name: 'Job Materials', type: 'DIRECTCOSTS' },
    { code: '330', name: 'Direct Labor', type: 'DIRECTCOSTS' },
    { code: '800', name: 'Accounts Payable', type: 'CURRLIAB' },
    { code: '815', name: 'Retainage Payable', type: 'CURRLIAB' },
    { code: '090', name: 'Business Bank Account', type: 'BANK' },
    { code: '200', name: 'Sales', type: 'REVENUE' },
  ],
  trackingCategories: [
    { name: 'Job', options: ['2026-014 Riverside Medical Office'] },
    { name: 'Cost Code', options: ['22 Plumbing', '23 HVAC', '01 General Requirements'] },
  ],
} as const;
