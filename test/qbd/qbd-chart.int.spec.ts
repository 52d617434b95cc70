import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMappingAgainstChart, formatProblem, parseMappingDocument } from '../../src/domain/mapping/index.js';
import { useDatabase } from '../integration/eventstore/store-fixture.js';
import { startQbdSim, type QbdSimHarness } from './sim-harness.js';

/** A QuickBooks Desktop bookkeeper's mapping: FullNames, one ListID, three names the company file lacks. */
const mappingWith = (accountListId: string) => ({
  settings: { retainage: { mode: 'gross-open' }, vendorMatch: 'lookup-or-create', billableByDefault: false },
  rules: [
    { costCode: '23', costType: 'S', account: 'job costs:subcontractors', class: '23 HVAC' },
    { costCode: '23', costType: 'M', account: accountListId, class: '99 Nowhere' },
    { costCode: '23', costType: 'L', item: 'HVAC Labor' },
    { costCode: '26', account: 'Job Costs:Electrical' },
    { costCode: '22', item: 'Plumbing Subcontract' },
  ],
  jobs: { '2468013': { parentCustomer: 'Harbor Point Builders', jobName: '2026-014 Riverside Medical Office' } },
});

describe('mapping check against a QuickBooks Desktop company\'s chart, read through the Web Connector', () => {
  const db = useDatabase('server');
  let sim: QbdSimHarness;

  beforeAll(async () => {
    sim = await startQbdSim(await db.openStore());
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('asks for a Web Connector session first, then checks every FullName or ListID against the accounts, items, classes and customers', async () => {
    await expect(sim.port.readChart(sim.connection)).rejects.toThrow(/read through the Web Connector and no session has answered yet\. Run the Web Connector \(Update Selected\)/);
    await sim.qbd.connector.runSession();
    const chart = await sim.port.readChart(sim.connection);
    const materials = chart.accounts.find((a) => a.fullName === 'Job Costs:Job Materials');
    expect(materials).toMatchObject({ name: 'Job Materials' });
    expect(chart.items.map((i) => i.fullName)).toEqual(expect.arrayContaining(['HVAC Labor', 'Progress Billing']));
    expect(chart.classes.map((c) => c.fullName)).toContain('23 HVAC');
    expect(chart.customers.map((c) => c.fullName)).toContain('Harbor Point Builders:2026-014 Riverside Medical Office');
    expect(sim.handedOut.filter((q) => /<(Account|Item|Class|Customer)QueryRq requestID="read:chart:\w+:1" iterator="Start"><MaxReturned>100<\/MaxReturned><ActiveStatus>All<\/ActiveStatus>/.test(q))).toHaveLength(4);

    const parsed = parseMappingDocument(mappingWith(materials!.id), 'id-or-full-name');
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
    const problems = checkMappingAgainstChart(parsed.mapping, chart).map(formatProblem);
    expect(problems.filter((p) => p.includes('does not exist'))).toEqual([
      'rules[1].class: class 99 Nowhere does not exist in the books',
      'rules[3].account: account Job Costs:Electrical does not exist in the books',
      'rules[4].item: item Plumbing Subcontract does not exist in the books',
    ]);
    expect(problems).toContain('rules[0].account: purchase orders take items only in these books: commitments on cost code 23/S can\'t become purchase orders; '
      + 'add a rule for it that names an item (a service or non-inventory item) if commitments are synced');
    expect(problems.some((p) => p.startsWith('rules[2]'))).toBe(false);
  });

  it('answers later checks from the reads recorded in the queue stream, and queues one fresh read per list for the next session', async () => {
    const before = sim.handedOut.length;
    const chart = await sim.port.readChart(sim.connection);
    expect(chart.classes.map((c) => c.fullName)).toContain('23 HVAC');
    await sim.port.readChart(sim.connection);
    await sim.qbd.connector.runSession();
    expect(sim.handedOut.slice(before).filter((q) => q.includes('requestID="read:chart:'))).toHaveLength(4);
  });
});
