import type { HandlerResult, RequestContext } from './context.js';
import { children, el, leaf, type XmlNode } from './xml.js';

/** Answers of the automatic HostQuery + CompanyQuery + PreferencesQuery the Web Connector runs first. */
export const SUPPORTED_VERSIONS = ['1.0', '1.1', '2.0', '2.1', '3.0', '4.0', '4.1', '5.0', '6.0', '7.0', '8.0', '9.0', '10.0', '11.0', '12.0', '13.0', '14.0', '15.0', '16.0'];

export const hostQuery = (ctx: RequestContext): HandlerResult => ({
  rets: [el('HostRet', [
    leaf('ProductName', 'QuickBooks Enterprise Solutions: Contractor 23.0'), leaf('MajorVersion', '33'), leaf('MinorVersion', '0'),
    leaf('Country', 'US'),
    ...SUPPORTED_VERSIONS.filter((v) => Number(v) <= ctx.version).map((v) => leaf('SupportedQBXMLVersion', v)),
    leaf('IsAutomaticLogin', 'true'), leaf('QBFileMode', 'MultiUser'),
  ])],
});

export const companyQuery = (ctx: RequestContext, rq: XmlNode): HandlerResult => {
  const owners = children(rq, 'OwnerID').map((n) => n.text);
  const ext = ctx.company.dataExts.filter((d) => owners.includes(d.ownerId));
  return {
    rets: [el('CompanyRet', [
      leaf('IsSampleCompany', 'false'), leaf('CompanyName', ctx.company.info.companyName), leaf('LegalCompanyName', ctx.company.info.companyName),
      ...ext.map((d) => el('DataExtRet', [leaf('OwnerID', d.ownerId), leaf('DataExtName', d.name), leaf('DataExtType', 'STR255TYPE'), leaf('DataExtValue', d.value)])),
    ])],
  };
};

export const preferencesQuery = (_ctx: RequestContext): HandlerResult => ({
  rets: [el('PreferencesRet', [
    el('AccountingPreferences', [
      leaf('IsUsingAccountNumbers', 'true'), leaf('IsRequiringAccounts', 'true'), leaf('IsUsingClassTracking', 'true'),
      leaf('IsUsingAuditTrail', 'true'), leaf('IsAssigningJournalEntryNumbers', 'true'),
    ]),
    el('JobsAndEstimatesPreferences', [leaf('IsUsingEstimates', 'true'), leaf('IsUsingProgressInvoicing', 'true'), leaf('IsPrintingItemsWithZeroAmounts', 'false')]),
    el('PurchasesAndVendorsPreferences', [leaf('IsUsingInventory', 'false'), leaf('DaysBillsAreDue', '30'), leaf('IsAutomaticallyUsingDiscounts', 'false')]),
    el('TimeTrackingPreferences', [leaf('FirstDayOfWeek', 'Monday')]),
  ])],
});
