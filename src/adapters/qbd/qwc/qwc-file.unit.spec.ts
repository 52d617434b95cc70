import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildQwc } from './qwc-file.js';

const input = { connection: 'acme-qbd', appUrl: 'https://sync.example.com/qbwc', userName: 'acme-qbwc', runEveryMinutes: 15 };
const read = (xml: string) => (new XMLParser({ parseTagValue: false }).parse(xml) as { QBWCXML: Record<string, unknown> }).QBWCXML;

describe('the .qwc file', () => {
  it('names the endpoint, the user, QuickBooks Financial Software and the schedule (qbd §3)', () => {
    const qwc = read(buildQwc(input));
    expect(qwc).toMatchObject({
      AppName: 'Trestle (acme-qbd)', AppURL: 'https://sync.example.com/qbwc', AppSupport: 'https://sync.example.com/', UserName: 'acme-qbwc',
      QBType: 'QBFS', Style: 'Document', Scheduler: { RunEveryNMinutes: '15' }, IsReadOnly: 'false',
    });
    expect(qwc.OwnerID).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
  });

  it('keeps OwnerID and FileID for a connection, and gives another connection its own', () => {
    const first = read(buildQwc(input));
    const again = read(buildQwc({ ...input, appUrl: 'https://new-host.example.com/qbwc', runEveryMinutes: 5 }));
    const other = read(buildQwc({ ...input, connection: 'other' }));
    expect([again.OwnerID, again.FileID]).toEqual([first.OwnerID, first.FileID]);
    expect(other.FileID).not.toBe(first.FileID);
    expect(first.OwnerID).not.toBe(first.FileID);
  });

  it('escapes what it writes', () => {
    expect(buildQwc({ ...input, userName: 'a&b<c>' })).toContain('<UserName>a&amp;b&lt;c&gt;</UserName>');
  });
});
