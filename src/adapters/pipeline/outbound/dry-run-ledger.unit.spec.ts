import { describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../../platform/config/connection.types.js';
import { dryRunConnections } from './connection-tuning.js';
import { dryRunStep } from './dry-run-ledger.js';
import type { OutboundRequest } from './outbound-handler.js';

const request = (type: string, data: object = {}): OutboundRequest =>
  ({ id: 'r1', type, data, streamName: 'acme.saga.invoice_sync-1', revision: 3, metadata: { connection: 'acme', recordedAt: '2026-12-04T00:00:00Z' } }) as unknown as OutboundRequest;

describe('dry-run posting mode', () => {
  it('is taken from each connection\'s postingMode in the config', () => {
    const connections = [{ name: 'live', postingMode: 'live' }, { name: 'trial', postingMode: 'dry-run' }, { name: 'golive', postingMode: 'approval' }] as unknown as ConnectionConfig[];
    expect(dryRunConnections(connections)).toEqual(['trial']);
  });

  it('records writes and job resolutions (a sub-customer may be created), sends reads, and looks vendors up without creating them', () => {
    expect(dryRunStep(request('PostBillRequested.v1'), true)).toEqual({ kind: 'record' });
    expect(dryRunStep(request('BooksJobResolutionRequested.v1'), false)).toEqual({ kind: 'record' });
    expect(dryRunStep(request('ResolveJobRequested.v1'), false)).toEqual({ kind: 'record' });
    const vendor = dryRunStep(request('ResolveVendorRequested.v1', { vendorId: '5522', match: 'lookup-or-create' }), false);
    expect(vendor).toMatchObject({ kind: 'deliver', request: { id: 'r1', data: { vendorId: '5522', match: 'lookup-only' } } });
    expect(dryRunStep(request('BooksVendorResolutionRequested.v1', { match: 'lookup-or-create' }), false)).toMatchObject({ kind: 'deliver', request: { data: { match: 'lookup-only' } } });
    expect(dryRunStep(request('FetchSomethingRequested.v1'), false)).toMatchObject({ kind: 'deliver', request: { type: 'FetchSomethingRequested.v1' } });
  });
});
