import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolveJobRequested, ResolveVendorRequested } from '../../src/domain/invoice-sync/invoice-sync.outputs.js';
import type { VendorMatchMode } from '../../src/domain/mapping/mapping.types.js';
import type { OutboundResult } from '../../src/adapters/pipeline/outbound/index.js';
import { contextOf, invoiceRef, requestOf, startQboOutbound, type QboOutboundHarness } from './support/qbo-outbound-harness.js';

type VendorData = ResolveVendorRequested['data'];
type JobData = ResolveJobRequested['data'];

describe('QuickBooks outbound: resolving vendors and jobs (sandbox over HTTP)', () => {
  let h: QboOutboundHarness;
  beforeAll(async () => {
    h = await startQboOutbound();
  });
  afterAll(() => h?.close());

  const vendorRequest = (displayName: string, match: VendorMatchMode = 'lookup-or-create') =>
    requestOf<VendorData>('ResolveVendorRequested.v1', { requestNo: 1, invoice: invoiceRef('7001'), version: '1', vendorId: '5521', displayName, match });
  const resolveVendor = (displayName: string, match?: VendorMatchMode): Promise<OutboundResult> => {
    const request = vendorRequest(displayName, match);
    return h.handler<VendorData>('ResolveVendorRequested.v1').execute(request, contextOf(request));
  };
  const resolveJob = (jobName: string): Promise<OutboundResult> => {
    const request = requestOf<JobData>('ResolveJobRequested.v1', {
      requestNo: 2, invoice: invoiceRef('7001'), version: '1', projectId: '880', parentCustomerRef: { value: '58', name: 'Harbor Point Builders' }, jobName,
    });
    return h.handler<JobData>('ResolveJobRequested.v1').execute(request, contextOf(request));
  };
  /** The vendor's id, or the failure's message (so a mismatch shows why). */
  const refOf = (result: OutboundResult): string => (result.ok ? (result.outcome.data as { vendorRef: { value: string } }).vendorRef.value : result.message);
  const vendorsNamed = (prefix: string) => h.sandbox.company().list('Vendor').filter((v) => String(v.DisplayName).startsWith(prefix));

  it('finds an existing vendor by its display name', async () => {
    expect(await resolveVendor('Northwind Sheet Metal LLC')).toMatchObject({
      ok: true, outcome: { type: 'BooksVendorResolved.v1', data: { requestNo: 1, vendorId: '5521', vendorRef: { value: '46', name: 'Northwind Sheet Metal LLC' }, created: false } },
    });
  });

  it('creates a new vendor once: a second request, or two at once, find the same one', async () => {
    const first = await resolveVendor('Cascade Electric LLC');
    expect(first).toMatchObject({ ok: true, outcome: { data: { created: true, vendorRef: { name: 'Cascade Electric LLC' } } } });
    const again = await resolveVendor('Cascade Electric LLC');
    expect(again).toMatchObject({ ok: true, outcome: { data: { created: false } } });
    expect(refOf(again)).toBe(refOf(first));
    expect(await h.known.get('acme', 'quickbooks', 'Vendor', refOf(first))).toMatchObject({ origin: 'hub' });

    const racing = await Promise.all([resolveVendor('Delta Fire Protection'), resolveVendor('Delta Fire Protection')]);
    const refs = racing.map(refOf);
    expect(refs[0]).toBe(refs[1]);
    expect(vendorsNamed('Delta Fire')).toHaveLength(1);
  });

  it('creates "Apex Controls Co (vendor)" when a customer holds the name (6240), and finds it next time', async () => {
    const first = await resolveVendor('Apex Controls Co');
    expect(first).toMatchObject({ ok: true, outcome: { data: { created: true, vendorRef: { name: 'Apex Controls Co (vendor)' } } } });
    expect(await resolveVendor('Apex Controls Co')).toMatchObject({ ok: true, outcome: { data: { created: false, vendorRef: { name: 'Apex Controls Co (vendor)' } } } });
    expect(vendorsNamed('Apex')).toHaveLength(1);
    expect(h.sandbox.company().get('Customer', '70')).toMatchObject({ DisplayName: 'Apex Controls Co' });
  });

  it('looks up only when the mapping says so; reactivates an inactive vendor only when it may write', async () => {
    expect(await resolveVendor('Nobody Mechanical', 'lookup-only')).toMatchObject({ ok: false, kind: 'permanent', code: 'NOT_FOUND' });
    expect(vendorsNamed('Nobody')).toHaveLength(0);
    h.sandbox.company().setActive('Vendor', '47', false);
    expect(await resolveVendor('Summit Insulation Inc', 'lookup-only')).toMatchObject({ ok: false, kind: 'permanent', code: 'INACTIVE' });
    expect(await resolveVendor('Summit Insulation Inc')).toMatchObject({ ok: true, outcome: { data: { created: false, vendorRef: { value: '47' } } } });
    expect(h.sandbox.company().get('Vendor', '47')).toMatchObject({ Active: true });
  });

  it('sanitises a name with a colon (the hierarchy separator) the same way every time', async () => {
    const first = await resolveVendor('Keystone: West Division');
    expect(first).toMatchObject({ ok: true, outcome: { data: { created: true, vendorRef: { name: 'Keystone - West Division' } } } });
    expect(await resolveVendor('Keystone: West Division')).toMatchObject({ ok: true, outcome: { data: { created: false } } });
  });

  it('creates a job under its parent, then finds it; finds the sample job that exists', async () => {
    const created = await resolveJob('2026-022 Lakeside Clinic');
    expect(created).toMatchObject({
      ok: true, outcome: { type: 'BooksJobResolved.v1', data: { requestNo: 2, projectId: '880', created: true, customerRef: { name: 'Harbor Point Builders:2026-022 Lakeside Clinic' } } },
    });
    const id = created.ok ? (created.outcome.data as { customerRef: { value: string } }).customerRef.value : '';
    expect(h.sandbox.company().get('Customer', id)).toMatchObject({ Job: true, ParentRef: { value: '58' }, BillWithParent: true });
    expect(await resolveJob('2026-022 Lakeside Clinic')).toMatchObject({ ok: true, outcome: { data: { created: false, customerRef: { value: id } } } });
    expect(await resolveJob('2026-014 Riverside Medical Office')).toMatchObject({ ok: true, outcome: { data: { created: false, customerRef: { value: '59' } } } });
  });

  it('qualifies a job name another customer holds with the parent name, without duplicates', async () => {
    const first = await resolveJob('Apex Controls Co');
    expect(first).toMatchObject({ ok: true, outcome: { data: { created: true, customerRef: { name: 'Harbor Point Builders:Apex Controls Co (Harbor Point Builders)' } } } });
    expect(await resolveJob('Apex Controls Co')).toMatchObject({ ok: true, outcome: { data: { created: false } } });
    expect(h.sandbox.company().list('Customer').filter((c) => String(c.DisplayName).startsWith('Apex'))).toHaveLength(2);
  });
});
