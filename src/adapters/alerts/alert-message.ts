import type { AlertClearedData, AlertInput, AlertRaisedData } from './alert-events.js';

/** Slack and Google Chat incoming webhooks both take `{ text }` and the same `<url|label>` links. */
export interface ChatMessage {
  readonly text: string;
}

const TITLES: Readonly<Record<string, string>> = {
  'dead-letter': 'Posting gave up after its retries',
  breaker: 'Target unreachable, posting paused',
  quarantine: 'Document parked',
  'target-paused': 'Target paused: its limit is spent',
};

/** Both formats treat &, < and > as markup. */
const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The document's history for auditors; a target-wide alert links to the connection's failures. */
export const historyLink = (publicUrl: string, alert: AlertInput): string => {
  const base = publicUrl.replace(/\/+$/, '');
  if (alert.documentStream) return `${base}/audit/documents/${encodeURIComponent(alert.documentStream)}/history`;
  return `${base}/admin/failures${alert.connection ? `?connection=${encodeURIComponent(alert.connection)}` : ''}`;
};

const header = (alert: AlertInput): string => `[${escape(alert.connection ?? 'hub')}] ${TITLES[alert.kind] ?? escape(alert.kind)}`;

const linkLine = (publicUrl: string, alert: AlertInput): string =>
  `${alert.documentStream ? 'History' : 'Failures'}: <${historyLink(publicUrl, alert)}|${escape(alert.documentStream ?? alert.subject)}>`;

export const raisedMessage = (alert: AlertRaisedData, publicUrl: string): ChatMessage => ({
  text: [
    `:rotating_light: *Trestle alert* ${header(alert)}: ${escape(alert.subject)}`,
    `Error: ${escape(alert.error)}`,
    linkLine(publicUrl, alert),
  ].join('\n'),
});

export const clearedMessage = (alert: AlertClearedData, publicUrl: string): ChatMessage => ({
  text: [
    `:white_check_mark: *Trestle resolved* ${header(alert)}: ${escape(alert.subject)}`,
    `Resolved: ${escape(alert.reason)} (was: ${escape(alert.error)})`,
    linkLine(publicUrl, alert),
  ].join('\n'),
});
