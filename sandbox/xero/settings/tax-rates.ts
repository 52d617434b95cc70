/**
 * The organisation's tax rates (GET /TaxRates; accounting facts §5 TaxType, statuses from
 * xero-node's TaxRate: ACTIVE, DELETED, ARCHIVED, PENDING). Read-only and the same for every
 * organisation of the simulator: the three a US organisation starts with, plus one archived
 * county rate so a mapping check has an archived tax type to find.
 */
export interface TaxRateRec {
  readonly Name: string;
  readonly TaxType: string;
  readonly Status: 'ACTIVE' | 'DELETED' | 'ARCHIVED' | 'PENDING';
  readonly ReportTaxType: string;
  readonly EffectiveRate: number;
}

export const TAX_RATES: readonly TaxRateRec[] = [
  { Name: 'Tax Exempt', TaxType: 'NONE', Status: 'ACTIVE', ReportTaxType: 'NONE', EffectiveRate: 0 },
  { Name: 'Tax on Purchases', TaxType: 'INPUT', Status: 'ACTIVE', ReportTaxType: 'INPUT', EffectiveRate: 0 },
  { Name: 'Tax on Sales', TaxType: 'OUTPUT', Status: 'ACTIVE', ReportTaxType: 'OUTPUT', EffectiveRate: 0 },
  { Name: 'Old County Sales Tax', TaxType: 'TAX001', Status: 'ARCHIVED', ReportTaxType: 'OUTPUT', EffectiveRate: 7.25 },
];

export const taxRateView = (rate: TaxRateRec): Record<string, unknown> => ({
  Name: rate.Name, TaxType: rate.TaxType, Status: rate.Status, ReportTaxType: rate.ReportTaxType,
  CanApplyToAssets: true, CanApplyToEquity: true, CanApplyToExpenses: true, CanApplyToLiabilities: true, CanApplyToRevenue: true,
  DisplayTaxRate: rate.EffectiveRate, EffectiveRate: rate.EffectiveRate,
  TaxComponents: [{ Name: rate.Name, Rate: rate.EffectiveRate, IsCompound: false, IsNonRecoverable: false }],
});
