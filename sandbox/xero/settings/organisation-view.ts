import type { Organisation } from '../org/organisation.js';
import { legacyDate } from '../support/dates.js';
import type { Json } from '../support/json.js';

/**
 * GET /Organisation's one object. Clients call it right after connecting (xero-node's
 * updateTenants matches OrganisationID to each /connections tenantId). The sandbox's
 * organisations are US companies on a calendar year.
 */
export const organisationView = (org: Organisation): Json => ({
  OrganisationID: org.tenantId,
  Name: org.name,
  LegalName: org.name,
  ShortCode: `!${org.tenantId.slice(0, 5)}`,
  Version: 'US',
  OrganisationType: 'COMPANY',
  OrganisationEntityType: 'COMPANY',
  BaseCurrency: 'USD',
  CountryCode: 'US',
  IsDemoCompany: false,
  OrganisationStatus: 'ACTIVE',
  PaysTax: true,
  FinancialYearEndDay: 31,
  FinancialYearEndMonth: 12,
  Edition: 'BUSINESS',
  Class: 'STANDARD',
  CreatedDateUTC: legacyDate(org.createdMs),
});
