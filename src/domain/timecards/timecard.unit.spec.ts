import { describe, expect, it } from 'vitest';
import type { TimecardEvent } from '../documents/document-events.js';
import type { TimecardSnapshot } from '../documents/snapshots.js';
import { JOB, MAPPING, PROJECT, procoreRef } from '../change-orders/sample.fixtures.js';
import { ofType, sagaScenario } from '../shared/saga-scenario.js';
import { decideTimecard } from './decide-timecard.js';
import { evolveTimecard } from './evolve-timecard.js';
import { hoursAndMinutes } from './hours.js';
import { labourCost } from './labour-cost.js';
import type { TimecardContext, TimecardInput } from './timecard.inputs.js';
import { initialTimecardState } from './timecard.state.js';

const saga = sagaScenario({ initialState: initialTimecardState, evolve: evolveTimecard, decide: decideTimecard });
const HVAC_LABOR = { value: '12', name: 'HVAC Labor' };
const EMPLOYEES = [
  { id: '7788', name: 'Dana Ortiz', hours: '8.00', books: { value: '81', name: 'Dana Ortiz' } },
  { id: '7789', name: 'Luis Brennan', hours: '7.50', books: { value: '82', name: 'Luis Brennan' } },
] as const;
const ctxFor = (employeeId: string): TimecardContext => ({
  mapping: MAPPING, jobLink: null, employee: { employeeRef: EMPLOYEES.find((e) => e.id === employeeId)!.books, billRate: null, costRate: '46.00' },
});

const entry = (id: string, employee: (typeof EMPLOYEES)[number], date: string, overrides: Partial<TimecardSnapshot> = {}): TimecardSnapshot => ({
  projectId: PROJECT, employeeId: employee.id, employeeName: employee.name, date, hours: employee.hours, costCode: '23-05-00', costType: 'L',
  description: 'Equipment pads and supports', approvalStatus: 'approved', billable: false, updatedAt: `${date}T18:00:00Z`, ...overrides,
});
const event = (type: TimecardEvent['type'], id: string, version: string, snapshot: TimecardSnapshot): TimecardEvent =>
  ({ type, data: { ref: procoreRef('timecard', id), version, observedAt: version, snapshot, raw: null } });

/** The sample week: five days, two employees, all on 23-05-00 labor. */
const WEEK = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].flatMap((date, day) =>
  EMPLOYEES.map((employee, e) => event('TimecardApproved.v1', String(990100 + day * 2 + e), 'v1', entry(String(990100 + day * 2 + e), employee, date))));
const posted = (requestNo: number, timeActivityId: string): TimecardInput => ({ type: 'TimeActivityPosted.v1', data: { requestNo, timeActivityId, syncToken: '0' } });

describe('decimal hours to hours and minutes', () => {
  it('is exact on integers, rounding only what is not a whole minute', () => {
    expect(hoursAndMinutes('7.50')).toEqual({ hours: 7, minutes: 30 });
    expect(hoursAndMinutes('8')).toEqual({ hours: 8, minutes: 0 });
    expect(hoursAndMinutes('0.25')).toEqual({ hours: 0, minutes: 15 });
    expect(hoursAndMinutes('7.33')).toEqual({ hours: 7, minutes: 20 });
    expect(hoursAndMinutes('7.999')).toEqual({ hours: 8, minutes: 0 });
    for (const bad of ['', '7,5', '-1', '1e1', '7.']) expect(hoursAndMinutes(bad)).toBeNull();
  });
});

describe('timecard saga', () => {
  it('given a week of approved entries, then each becomes a TimeActivity for its employee on the job with the HVAC Labor item', () => {
    const requests = WEEK.flatMap((e) => ofType(saga.given([]).when(e, ctxFor(e.data.snapshot.employeeId)), 'PostTimeActivityRequested.v1'));
    expect(requests).toHaveLength(10);
    for (const r of requests) expect(r.data).toMatchObject({ customerRef: JOB, itemRef: HVAC_LABOR });
    expect(requests.map((r) => [r.data.employeeRef.value, r.data.hours, r.data.minutes]).slice(0, 2)).toEqual([['81', 8, 0], ['82', 7, 30]]);
    expect(requests[1]?.data).toMatchObject({
      txnDate: '2026-03-02', billableStatus: 'NotBillable', hourlyRate: null, classRef: { value: '200000000000000123', name: '23 HVAC' },
      description: 'trestle:keystone:timecard-990101:v1 Equipment pads and supports',
    });
  });

  it('when posted, then the entry is synced; revised, updated; rejected, deleted', () => {
    const first = WEEK[1]!;
    const ctx = ctxFor('7789');
    const history = saga.play([[first, ctx], [posted(1, '3101'), ctx]]);
    expect(history.at(-1)).toEqual({ type: 'TimecardSynced.v1', data: { document: first.data.ref, version: 'v1', timeActivityId: '3101', hours: 7, minutes: 30 } });
    const revised = event('TimecardRevised.v1', '990101', 'v2', { ...first.data.snapshot, hours: '6.25' });
    expect(saga.given(history).when(revised, ctx)).toMatchObject([{ type: 'UpdateTimeActivityRequested.v1', data: { timeActivityId: '3101', hours: 6, minutes: 15 } }]);
    const rejected = event('TimecardVoided.v1', '990101', 'v3', { ...first.data.snapshot, approvalStatus: 'rejected' });
    const updated: TimecardInput = { type: 'TimeActivityUpdated.v1', data: { requestNo: 2, timeActivityId: '3101', syncToken: '1' } };
    const later = saga.play([[revised, ctx], [updated, ctx]], history);
    expect(saga.given(later).when(rejected, ctx)).toMatchObject([{ type: 'DeleteTimeActivityRequested.v1', data: { timeActivityId: '3101', lastKnownSyncToken: '1' } }]);
  });

  it('given a cost code whose rule is not a service item, then it parks naming the code', () => {
    const ducts = event('TimecardApproved.v1', '990200', 'v1', entry('990200', EMPLOYEES[0], '2026-03-09', { costCode: '23-31-00', costType: 'S' }));
    const outputs = saga.given([]).when(ducts, ctxFor('7788'));
    expect(ofType(outputs, 'DocumentMappingMissing.v1')[0]?.data).toMatchObject({ costCodes: [{ costCode: '23-31-00', costType: 'S' }], jobMissingFor: null });
    expect(ofType(outputs, 'DocumentSyncParked.v1')[0]?.data.message).toContain('cost code 23-31-00/S maps to an account, and a TimeActivity needs a service item');
  });

  it('given books that file time under the cost code itself (Xero Projects), then an account rule, or none, is enough: no service item', () => {
    const xero: TimecardContext = { ...ctxFor('7788'), timeNeeds: { serviceItem: false, worker: 'a user of the Xero organisation' } };
    for (const costCode of ['23-31-00', '26-05-00']) {
      const labour = event('TimecardApproved.v1', '990201', 'v1', entry('990201', EMPLOYEES[0], '2026-03-09', { costCode, costType: 'S' }));
      const [request] = ofType(saga.given([]).when(labour, xero), 'PostTimeActivityRequested.v1');
      expect(request?.data).toMatchObject({ itemRef: null, costCode, costType: 'S', customerRef: JOB });
    }
    const [mapped] = ofType(saga.given([]).when(WEEK[0]!, xero), 'PostTimeActivityRequested.v1');
    expect(mapped?.data).toMatchObject({ itemRef: HVAC_LABOR, costCode: '23-05-00', costType: 'L' });
  });

  it('given no books employee linked to the worker, then it parks naming the worker and how the books take them', () => {
    const xero: TimecardContext = { ...ctxFor('7788'), employee: null, timeNeeds: { serviceItem: false, worker: 'a user of the Xero organisation with access to Projects' } };
    const [parked] = ofType(saga.given([]).when(WEEK[0]!, xero), 'DocumentSyncParked.v1');
    expect(parked?.data.message).toContain('Procore worker 7788 (Dana Ortiz): add Dana Ortiz as a user of the Xero organisation with access to Projects, named exactly so, then retry');
  });

  it('given no books employee linked to the worker, then it parks until a retry', () => {
    const first = WEEK[0]!;
    const outputs = saga.given([]).when(first, { ...ctxFor('7788'), employee: null });
    expect(outputs).toMatchObject([{ type: 'DocumentSyncParked.v1', data: { reasons: ['link-missing'] } }]);
    const retried = saga.given([first, ...outputs]).when({ type: 'SyncRetryRequested.v1', data: { requestedBy: 'employee-links', requestedAt: '2026-03-10T08:00:00Z' } }, ctxFor('7788'));
    expect(retried.map((o) => o.type)).toEqual(['DocumentSyncResumed.v1', 'PostTimeActivityRequested.v1']);
  });

  it('given a dead-lettered request, then it parks; when an operator retry gets it through, it resumes and syncs', () => {
    const ctx = ctxFor('7788');
    const history = saga.play([[WEEK[0]!, ctx]]);
    const deadLettered: TimecardInput = { type: 'PostingDeadLettered.v1', data: { requestNo: 1, reason: 'QuickBooks unavailable', code: '503', attempts: 8 } };
    const parked = saga.given(history).when(deadLettered, ctx);
    expect(parked).toMatchObject([{ type: 'DocumentSyncParked.v1', data: { reasons: ['dead-lettered'] } }]);
    const outputs = saga.given([...history, deadLettered, ...parked]).when(posted(1, '3100'), ctx);
    expect(outputs).toMatchObject([{ type: 'DocumentSyncResumed.v1', data: { cause: 'request-completed' } }, { type: 'TimecardSynced.v1', data: { timeActivityId: '3100' } }]);
  });

  it('given an input already handled (a replay after a crash), then nothing new is decided', () => {
    const ctx = ctxFor('7788');
    const history = saga.play([[WEEK[0]!, ctx], [posted(1, '3100'), ctx]]);
    expect(saga.given(history).when(WEEK[0]!, ctx)).toEqual([]);
    expect(saga.given(history).when(posted(1, '3100'), ctx)).toEqual([]);
  });
});

describe('labour cost', () => {
  it('is the posted duration at the hourly cost rate, to the cent, half up', () => {
    expect(labourCost({ hours: 8, minutes: 0 }, '48.00')).toBe(384_00);
    expect(labourCost({ hours: 7, minutes: 30 }, '44.00')).toBe(330_00);
    expect(labourCost({ hours: 0, minutes: 20 }, '10.00')).toBe(3_33);
    expect(labourCost({ hours: 0, minutes: 10 }, '0.03')).toBe(1); // 0.5 cent rounds up
  });
});

describe('timecard saga: labour cost', () => {
  it('costs each entry at the employee\'s cost rate from the books and posts the rate', () => {
    const costed = (employeeId: string, costRate: string | null): TimecardContext => ({ ...ctxFor(employeeId), employee: { ...ctxFor(employeeId).employee!, costRate } });
    const [dana, luis] = [WEEK[0]!, WEEK[1]!];
    const [first] = ofType(saga.given([]).when(dana, costed('7788', '48.00')), 'PostTimeActivityRequested.v1');
    const [second] = ofType(saga.given([]).when(luis, costed('7789', '44.00')), 'PostTimeActivityRequested.v1');
    expect(first?.data).toMatchObject({ costRate: '48.00', labour: { projectId: PROJECT, costCode: '23-05-00', costType: 'L', amount: 384_00 } });
    expect(second?.data).toMatchObject({ costRate: '44.00', labour: { amount: 330_00 } });
    const outputs = saga.given([]).when(dana, costed('7788', null));
    expect(ofType(outputs, 'PostTimeActivityRequested.v1')[0]?.data).toMatchObject({ costRate: null, labour: null });
    expect(ofType(outputs, 'TimecardLabourUncosted.v1')[0]?.data).toMatchObject({ employeeId: '7788', employeeName: 'Dana Ortiz' });
    expect(ofType(outputs, 'TimecardLabourUncosted.v1')[0]?.data.message).toContain('settings.labourRates');
  });

  const withRates = (labourRates: NonNullable<typeof MAPPING.settings.labourRates>): TimecardContext['mapping'] =>
    ({ ...MAPPING, settings: { ...MAPPING.settings, labourRates } });
  const postedRate = (ctx: TimecardContext): unknown => ofType(saga.given([]).when(WEEK[0]!, ctx), 'PostTimeActivityRequested.v1')[0]?.data.costRate;

  it('takes the mapping\'s rate for the worker over the books\', the books\' over the cost code\'s, the cost code\'s over the default', () => {
    const rates = { workers: { 7788: '61.25' }, costCodes: [{ costCode: '23', costType: null, rate: '39.00' }, { costCode: '23-05-00', costType: 'L', rate: '41.50' }], default: '30.00' };
    const books = ctxFor('7788');
    const noBooks: TimecardContext = { ...books, employee: { ...books.employee!, costRate: null } };
    expect(postedRate({ ...books, mapping: withRates(rates) })).toBe('61.25');
    expect(postedRate({ ...books, mapping: withRates({ ...rates, workers: {} }) })).toBe('46.00');
    expect(postedRate({ ...noBooks, mapping: withRates({ ...rates, workers: {} }) })).toBe('41.50');
    expect(postedRate({ ...noBooks, mapping: withRates({ ...rates, workers: {}, costCodes: [rates.costCodes[0]!] }) })).toBe('39.00');
    expect(postedRate({ ...noBooks, mapping: withRates({ workers: {}, costCodes: [], default: '30.00' }) })).toBe('30.00');
    const [draft] = ofType(saga.given([]).when(WEEK[0]!, { ...noBooks, mapping: withRates({ workers: {}, costCodes: [], default: '30.00' }) }), 'PostTimeActivityRequested.v1');
    expect(draft?.data.labour?.amount).toBe(240_00); // 8 h at 30.00
  });
});

describe('timecard saga: a remap applied with "update posted"', () => {
  const LABOUR_2 = { value: '13', name: 'HVAC Field Labor' };
  const remapped: TimecardContext['mapping'] = {
    ...MAPPING, rules: MAPPING.rules.map((r) => (r.costCode === '23-05-00' ? { ...r, target: { kind: 'item' as const, itemRef: LABOUR_2 } } : r)),
  };
  const first = WEEK[0]!;
  const remap = (version: number): TimecardInput => ({
    type: 'MappingRemapApplied.v1',
    data: { version, posted: 'update', changedBy: 'bookkeeper', changedAt: '2026-03-10T09:00:00Z', documents: [{ document: first.data.ref, version: 'v1', sagaStream: 'keystone.saga.timecard_sync-990100' }] },
  });
  const updated = (requestNo: number): TimecardInput => ({ type: 'TimeActivityUpdated.v1', data: { requestNo, timeActivityId: '3100', syncToken: String(requestNo) } });

  it('rewrites the posted TimeActivity once with the new item, the entry unchanged, and then rests', () => {
    const ctx = { ...ctxFor('7788'), mapping: remapped };
    const synced = saga.play([[first, ctxFor('7788')], [posted(1, '3100'), ctxFor('7788')]]);
    const outputs = saga.given(synced).when(remap(7), ctx);
    expect(outputs).toMatchObject([{
      type: 'UpdateTimeActivityRequested.v1',
      data: { requestNo: 2, timeActivityId: '3100', lastKnownSyncToken: '0', itemRef: LABOUR_2, hours: 8, minutes: 0, version: 'v1', hubMarker: 'trestle:keystone:timecard-990100:v1+remap7' },
    }]);
    const after = saga.play([[remap(7), ctx], [updated(2), ctx]], synced);
    expect(after.slice(synced.length + 3)).toEqual([]);
    // Redelivered, the remap changes nothing more; a later remap rewrites again.
    expect(saga.given(after).when(remap(7), ctx)).toEqual([]);
    expect(saga.given(after).when(remap(8), ctx).map((o) => o.type)).toEqual(['UpdateTimeActivityRequested.v1']);
  });

  it('with a request out, rewrites once that request lands', () => {
    const ctx = { ...ctxFor('7788'), mapping: remapped };
    const requested = saga.play([[first, ctxFor('7788')]]);
    expect(saga.given(requested).when(remap(7), ctx)).toEqual([]);
    const landed = saga.play([[remap(7), ctx]], requested);
    expect(saga.given(landed).when(posted(1, '3100'), ctx)).toMatchObject([{ type: 'UpdateTimeActivityRequested.v1', data: { requestNo: 2, itemRef: LABOUR_2 } }]);
  });
});
