import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero/index.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkMappingAgainstChart, formatProblem, parseMappingDocument, type BooksChart, type CostCodeMapping, type MappingRule } from '../../src/domain/mapping/index.js';
import { projectRoot } from '../../src/platform/config/project-root.js';
import { XeroClient } from '../../src/adapters/xero/xero-client.js';
import { readXeroChart } from '../../src/adapters/xero/xero-chart.js';
import { XeroBooksPort } from '../../src/adapters/xero/xero-books-port.js';
import { ChartUnavailableError } from '../../src/adapters/mapping/chart-of-accounts.js';

const rule = (costCode: string, account: string, classRef: MappingRule['classRef']): MappingRule =>
  ({ costCode, costType: null, projectId: null, target: { kind: 'account', accountRef: { value: account } }, classRef, billable: null });

/**
 * `mapping check` on a Xero connection: rules name account codes and tracking options; the
 * chart read from the organisation (accounts, tracking categories with archived ones, tax
 * rates, contacts) says which are archived or missing, in Xero's words.
 */
describe('readXeroChart against the Xero sandbox, and mapping check with it', () => {
  let sandbox: XeroSandbox;
  let xero: XeroClient;

  beforeAll(async () => {
    sandbox = await startXeroSandbox();
    const tokens = await sandbox.state.issueTokens();
    xero = XeroClient.create({
      system: 'xero', apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret,
      tenantId: SAMPLE_XERO.tenantId, webhookKey: 'unused-here',
    }, { accessToken: () => Promise.resolve(tokens.access_token), invalidate: () => undefined });
  });
  afterAll(() => sandbox.close());

  const chart = async (): Promise<BooksChart> => {
    const read = await readXeroChart(xero);
    if (!read.ok) throw new Error(read.error.message);
    return read.body;
  };
  const optionId = (c: BooksChart, category: string, option: string) =>
    c.trackingCategories?.find((t) => t.name === category)?.options.find((o) => o.name === option)?.id ?? '';

  it('reads accounts by code, tracking options with their categories, tax rates and contacts', async () => {
    const read = await chart();
    expect(read.accounts).toContainEqual({ id: '310', name: 'Subcontractors', active: true });
    expect(read.trackingCategories?.map((t) => [t.name, t.options.map((o) => o.name)])).toEqual([
      ['Job', ['2026-014 Riverside Medical Office']], ['Cost Code', ['22 Plumbing', '23 HVAC', '01 General Requirements']],
    ]);
    expect(read.classes.map((c) => c.name)).toContain('23 HVAC');
    expect(read.taxRates).toContainEqual({ id: 'TAX001', name: 'Old County Sales Tax', active: false, status: 'archived' });
    expect(read.customers.map((c) => c.name)).toContain('Northwind Sheet Metal LLC');
  });

  it('reads items by Code, so mapping check validates a rule\'s item: unknown and not-purchased ones are named', async () => {
    const read = await chart();
    expect(read.items).toEqual([
      { id: 'DUCT-SUB', name: 'Ductwork Subcontract', active: true },
      { id: 'HVAC-LAB', name: 'HVAC Labor', active: false, status: 'not purchased' },
    ]);
    const itemRule = (costCode: string, code: string): MappingRule =>
      ({ costCode, costType: null, projectId: null, target: { kind: 'item', itemRef: { value: code } }, classRef: null, billable: null });
    const mapping: CostCodeMapping = {
      settings: { retainage: { mode: 'gross-open' }, vendorMatch: 'lookup-or-create', billableByDefault: false },
      jobs: {}, rules: [itemRule('23-31', 'DUCT-SUB'), itemRule('23-05', 'HVAC-LAB'), itemRule('22', 'PIPE-SUB')],
    };
    expect(checkMappingAgainstChart(mapping, read).map(formatProblem)).toEqual([
      'rules[1].item: item HVAC-LAB "HVAC Labor" is not purchased in the books',
      'rules[2].item: item PIPE-SUB does not exist in the books',
    ]);
  });

  it('checks the Xero sample mapping clean against the sample organisation: account codes, tracking options, the owner, owner billing\'s accounts', async () => {
    const text = await readFile(join(projectRoot(), 'config/mapping.xero.sample.yaml'), 'utf8');
    const parsed = parseMappingDocument(parse(text));
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('; '));
    expect(checkMappingAgainstChart(parsed.mapping, await chart()).map(formatProblem)).toEqual([]);
  });

  it('serves mapping check through the books port of Xero connections, and says so for any other', async () => {
    const port = new XeroBooksPort({
      clients: { xero: (connection) => (connection === 'riverside-xero' ? xero : undefined) },
      known: { recordHubWrite: () => Promise.reject(new Error('reading the chart writes nothing')) },
    });
    const read = await port.readChart('riverside-xero');
    expect(read.accounts.map((a) => a.id)).toContain('815');
    expect(read.taxRates).toContainEqual({ id: 'TAX001', name: 'Old County Sales Tax', active: false, status: 'archived' });
    expect(read.trackingCategories?.map((t) => t.name)).toEqual(['Job', 'Cost Code']);
    await expect(port.readChart('keystone-qbo')).rejects.toThrow(ChartUnavailableError);
    await expect(port.readChart('keystone-qbo')).rejects.toThrow(/keystone-qbo.*not Xero/);
  });

  it('finds an archived account, a missing option, an archived option and an option of an archived category', async () => {
    const before = await chart();
    const hvac = { value: optionId(before, 'Cost Code', '23 HVAC'), name: '23 HVAC' };
    const plumbing = { value: optionId(before, 'Cost Code', '22 Plumbing'), name: '22 Plumbing' };
    const job = { value: optionId(before, 'Job', '2026-014 Riverside Medical Office') };

    const org = sandbox.state.organisation();
    const materials = [...org.data.accounts.values()].find((a) => a.Code === '320')!;
    org.data.accounts.set(materials.AccountID, { ...materials, Status: 'ARCHIVED' });
    const costCodes = [...org.data.tracking.values()].find((t) => t.Name === 'Cost Code')!;
    org.data.tracking.set(costCodes.TrackingCategoryID, {
      ...costCodes, Options: costCodes.Options.map((o) => (o.Name === '22 Plumbing' ? { ...o, Status: 'ARCHIVED' as const } : o)),
    });
    const jobs = [...org.data.tracking.values()].find((t) => t.Name === 'Job')!;
    org.data.tracking.set(jobs.TrackingCategoryID, { ...jobs, Status: 'ARCHIVED' });

    const mapping: CostCodeMapping = {
      settings: { retainage: { mode: 'negative-line', accountRef: { value: '815', name: 'Retainage Payable' } }, vendorMatch: 'lookup-or-create', billableByDefault: false },
      jobs: {},
      rules: [
        rule('23-31', '310', hvac), rule('23-05', '320', hvac), rule('22', '310', plumbing),
        rule('01', '310', { value: '00000000-0000-0000-0000-000000000001', name: '01 Temporary' }), rule('23-09', '310', job),
      ],
    };
    expect(checkMappingAgainstChart(mapping, await chart()).map(formatProblem)).toEqual([
      'rules[1].account: account 320 "Job Materials" is archived in the books',
      `rules[2].class: class ${plumbing.value} "22 Plumbing" is archived in the books`,
      'rules[3].class: class 00000000-0000-0000-0000-000000000001 "01 Temporary" does not exist in the books',
      `rules[4].class: class ${job.value} "2026-014 Riverside Medical Office" is archived in the books`,
    ]);
  });
});
