import { legacyDate } from '../support/dates.js';
import type { AccountRec } from '../org/model.js';

/** Xero's account Class follows from its Type. */
const CLASS_OF: Record<string, string> = {
  BANK: 'ASSET', CURRENT: 'ASSET', FIXED: 'ASSET', INVENTORY: 'ASSET', NONCURRENT: 'ASSET', PREPAYMENT: 'ASSET',
  CURRLIAB: 'LIABILITY', LIABILITY: 'LIABILITY', TERMLIAB: 'LIABILITY', EQUITY: 'EQUITY',
  DIRECTCOSTS: 'EXPENSE', EXPENSE: 'EXPENSE', OVERHEADS: 'EXPENSE', DEPRECIATN: 'EXPENSE',
  REVENUE: 'REVENUE', SALES: 'REVENUE', OTHERINCOME: 'REVENUE',
};

export const accountView = (account: AccountRec): Record<string, unknown> => ({
  AccountID: account.AccountID,
  Code: account.Code,
  Name: account.Name,
  Type: account.Type,
  Status: account.Status,
  Class: CLASS_OF[account.Type] ?? 'EXPENSE',
  TaxType: 'NONE',
  EnablePaymentsToAccount: account.EnablePaymentsToAccount,
  ShowInExpenseClaims: false,
  ...(account.Type === 'BANK' ? { BankAccountType: 'BANK', CurrencyCode: 'USD' } : {}),
  ReportingCode: CLASS_OF[account.Type]?.slice(0, 3) ?? 'EXP',
  HasAttachments: false,
  UpdatedDateUTC: legacyDate(account.updatedMs),
});
