import { describe, expect, it } from 'vitest';
import { clearedMessage, historyLink, raisedMessage } from './alert-message.js';

const raised = {
  key: 'dead-letter:r1', kind: 'dead-letter', connection: 'acme', subject: 'acme.procore.subcontractor_invoice-88412',
  documentStream: 'acme.procore.subcontractor_invoice-88412', error: 'PostBillRequested.v1 gave up after 8 attempts: 503 <html>', incident: 1, raisedAt: '2026-03-02T10:00:00Z',
};

describe('alert messages', () => {
  it('names the connection, the document and the error, and links the document history', () => {
    const { text } = raisedMessage(raised, 'https://trestle.example.com/');
    expect(text).toContain('[acme] Posting gave up after its retries: acme.procore.subcontractor_invoice-88412');
    expect(text).toContain('Error: PostBillRequested.v1 gave up after 8 attempts: 503 &lt;html&gt;');
    expect(text).toContain('<https://trestle.example.com/audit/documents/acme.procore.subcontractor_invoice-88412/history|acme.procore.subcontractor_invoice-88412>');
  });

  it('writes the recovery message from the cleared event alone', () => {
    const { text } = clearedMessage({ ...raised, reason: 'posted after an operator retry', clearedAt: '2026-03-02T11:00:00Z' }, 'https://t.example');
    expect(text).toMatch(/^:white_check_mark: \*Trestle resolved\* \[acme\]/);
    expect(text).toContain('Resolved: posted after an operator retry');
  });

  it('links a target-wide alert to the connection failures', () => {
    expect(historyLink('http://h:3000', { ...raised, kind: 'breaker', subject: 'quickbooks:9130', documentStream: null }))
      .toBe('http://h:3000/admin/failures?connection=acme');
  });
});
