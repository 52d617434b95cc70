import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inboxEvent, pollNoticeId } from '../../src/adapters/pipeline/inbound/inbox/inbox-events.js';
import { isJsonContentType, parseJson } from '../../src/adapters/pipeline/inbound/webhooks/payload-guards.js';
import { parseProcorePayload } from '../../src/adapters/procore/inbound/procore-payload.js';
import { parseQuickBooksPayload } from '../../src/adapters/quickbooks/inbound/quickbooks-payload.js';
import { keysSigning, secretsMatch, signatureMatches } from '../../src/adapters/pipeline/inbound/webhooks/signatures.js';
import { parseXeroPayload } from '../../src/adapters/xero/inbound/xero-payload.js';

describe('signature checks', () => {
  const body = Buffer.from('{"eventNotifications":[{"realmId":"1185883450"}]}');
  const key = 'verifier-token';
  const signature = createHmac('sha256', key).update(body).digest('base64');

  it('accepts the base64 HMAC-SHA256 of the exact raw bytes, nothing else', () => {
    expect(signatureMatches(signature, key, body)).toBe(true);
    expect(signatureMatches(signature, key, Buffer.from(`${body.toString()} `))).toBe(false);
    expect(signatureMatches(signature, 'other-key', body)).toBe(false);
    expect(signatureMatches(undefined, key, body)).toBe(false);
    expect(signatureMatches('', key, body)).toBe(false);
    expect(signatureMatches(signature.slice(0, -2), key, body)).toBe(false);
  });

  it('compares secrets of any length without throwing', () => {
    expect(secretsMatch('Bearer abc', 'Bearer abc')).toBe(true);
    expect(secretsMatch('Bearer ab', 'Bearer abc')).toBe(false);
    expect(secretsMatch('x'.repeat(10_000), 'Bearer abc')).toBe(false);
    expect(secretsMatch(undefined, 'Bearer abc')).toBe(false);
    expect(secretsMatch('', '')).toBe(false);
  });

  it('tells which of several keys signed the body', () => {
    expect(keysSigning(signature, ['a', key, 'b'], body)).toEqual([key]);
    expect(keysSigning('nope', ['a', key], body)).toEqual([]);
  });
});

describe('Procore payloads v2, v3 and v4', () => {
  const v2 = { id: 123456789, ulid: '01HQ8Z3K8N0ABCDEFGHJKMNPQR', timestamp: '2026-02-06T23:34:12.246562Z', user_id: 987654321,
    company_id: 1357908642, project_id: 2468013579, api_version: 'v2.0', event_type: 'update', resource_name: 'Work Order Contracts', resource_id: 54321,
    metadata: { source_user_id: 987654321 } };

  it('reads v2 with the ulid as the dedupe key and numeric ids as strings', () => {
    const parsed = parseProcorePayload(v2);
    expect(parsed).toMatchObject({ ok: true, value: { resource: 'Work Order Contracts', resourceId: '54321', projectId: '2468013579', companyId: '1357908642',
      action: 'update', noticeId: '01HQ8Z3K8N0ABCDEFGHJKMNPQR', occurredAt: '2026-02-06T23:34:12.246Z', payloadVersion: 'v2' } });
  });

  it('reads v3 (related_resources) and v4 (string ids, reason, resource_type, no ulid)', () => {
    expect(parseProcorePayload({ ...v2, api_version: 'v3.0', resource_name: 'Direct Cost Line Items', related_resources: [{ id: 1234, name: 'Direct Costs' }] }))
      .toMatchObject({ ok: true, value: { payloadVersion: 'v3', resource: 'Direct Cost Line Items' } });
    const v4 = { id: '01JMYXMZRBVKK0PC6XS8SA4QRE', timestamp: '2026-02-25T16:04:43.619085Z', reason: 'update', company_id: '8', project_id: '6778',
      user_id: '5447', resource_type: 'Direct Cost Line Items', resource_id: '379913' };
    expect(parseProcorePayload(v4)).toMatchObject({ ok: true, value: { payloadVersion: 'v4', resourceId: '379913', projectId: '6778', noticeId: '01JMYXMZRBVKK0PC6XS8SA4QRE' } });
  });

  it('refuses wrong shapes and types with a reason', () => {
    expect(parseProcorePayload([v2])).toMatchObject({ ok: false });
    expect(parseProcorePayload({ ...v2, resource_id: { id: 1 } })).toEqual({ ok: false, detail: 'resource_id must be an id' });
    expect(parseProcorePayload({ ...v2, resource_id: '../../etc' })).toEqual({ ok: false, detail: 'resource_id must be an id' });
    expect(parseProcorePayload({ ...v2, event_type: 7 })).toEqual({ ok: false, detail: 'event_type must be a non-empty string' });
    expect(parseProcorePayload({ ...v2, project_id: 'x y' })).toEqual({ ok: false, detail: 'project_id must be an id' });
  });
});

describe('QuickBooks payloads, legacy and CloudEvents', () => {
  it('reads the legacy shape, one notice per entity, with a key derived from the change', () => {
    const body = { eventNotifications: [{ realmId: '1185883450', dataChangeEvent: { entities: [
      { name: 'Bill', id: '145', operation: 'Create', lastUpdated: '2026-03-02T14:42:19-0700' },
      { name: 'Vendor', id: '46', operation: 'Merge', lastUpdated: '2026-03-02T14:42:19-0700', deletedId: '57' }] } }] };
    const parsed = parseQuickBooksPayload(body);
    expect(parsed.ok && parsed.value.map((n) => [n.realmId, n.resource, n.resourceId, n.action, n.occurredAt])).toEqual([
      ['1185883450', 'Bill', '145', 'create', '2026-03-02T21:42:19.000Z'], ['1185883450', 'Vendor', '46', 'merge', '2026-03-02T21:42:19.000Z']]);
    // The key is the entity and the version announced: what the CDC poll derives for that version too.
    expect(parsed.ok && parsed.value[0]!.noticeId).toBe(pollNoticeId('Bill', '145', '2026-03-02T21:42:19.000Z'));
  });

  it('reads CloudEvents arrays, mapping the type to the entity and verb', () => {
    const parsed = parseQuickBooksPayload([{ specversion: '1.0', id: '88cd52aa-33b6-4351-9aa4-47572edbd068', source: 'intuit.x', type: 'qbo.billpayment.created.v1',
      time: '2026-03-02T21:31:25.179Z', intuitentityid: '145', intuitaccountid: '1185883450', data: {} }]);
    expect(parsed).toMatchObject({ ok: true, value: [{ realmId: '1185883450', resource: 'BillPayment', resourceId: '145', action: 'create', noticeId: 'ce:88cd52aa-33b6-4351-9aa4-47572edbd068' }] });
  });

  it('refuses anything else', () => {
    expect(parseQuickBooksPayload({})).toMatchObject({ ok: false });
    expect(parseQuickBooksPayload([{ id: 'x', type: 'bill.created', intuitentityid: '1', intuitaccountid: '2' }])).toMatchObject({ ok: false });
    expect(parseQuickBooksPayload({ eventNotifications: [{ realmId: '1', dataChangeEvent: { entities: [{ name: 'Bill' }] } }] })).toMatchObject({ ok: false });
  });
});

describe('Xero payloads', () => {
  it('reads events and treats an empty list as intent to receive', () => {
    expect(parseXeroPayload({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: 'S0m3r4Nd0mt3xt' })).toEqual({ ok: true, value: [] });
    const parsed = parseXeroPayload({ events: [{ resourceUrl: 'https://api.xero.com/api.xro/2.0/Invoices/55d84274-a3da-4829-a7c0-0cab601b95cc',
      resourceId: '55d84274-a3da-4829-a7c0-0cab601b95cc', tenantId: 'aef86862-2015-4b6b-88bc-d89032cecc50', tenantType: 'ORGANISATION',
      eventCategory: 'INVOICE', eventType: 'UPDATE', eventDateUtc: '2026-03-31T00:44:09.923' }], firstEventSequence: 76, lastEventSequence: 76, entropy: 'x' });
    expect(parsed).toMatchObject({ ok: true, value: [{ resource: 'INVOICE', action: 'update', occurredAt: '2026-03-31T00:44:09.923Z' }] });
    expect(parseXeroPayload({ events: 'none' })).toMatchObject({ ok: false });
  });
});

describe('guards', () => {
  it('knows JSON media types, CloudEvents included', () => {
    expect(['application/json', 'application/json; charset=utf-8', 'application/cloudevents-batch+json'].every(isJsonContentType)).toBe(true);
    expect(['text/plain', 'application/xml', '', undefined].some(isJsonContentType)).toBe(false);
  });

  it('refuses bodies nested deeper than 32 levels', () => {
    expect(parseJson(Buffer.from('[[[[1]]]]'))).toEqual({ ok: true, value: [[[[1]]]] });
    expect(parseJson(Buffer.from(`${'['.repeat(40)}${']'.repeat(40)}`))).toMatchObject({ ok: false });
    expect(parseJson(Buffer.from('{"a":'))).toMatchObject({ ok: false });
  });

  it('gives the same notice the same inbox event, id and content alike', () => {
    const notice = { connection: 'acme', source: 'procore' as const, resource: 'Requisitions', resourceId: '1', projectId: '2', action: 'update', occurredAt: null, noticeId: 'u1', raw: {} };
    expect(inboxEvent(notice, 'webhook')).toEqual(inboxEvent({ ...notice }, 'webhook'));
    expect(inboxEvent(notice, 'webhook').id).not.toBe(inboxEvent({ ...notice, connection: 'other' }, 'webhook').id);
  });
});
