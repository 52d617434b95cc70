import { randomUUID } from 'node:crypto';
import { buildRequestDocument, parseResponseDocument, QbxmlParseError, qbxmlVersion } from '../qbxml/qbxml-document.js';
import type { QbxmlNode } from '../qbxml/qbxml-node.js';
import { withEditSequence } from '../qbxml/requests.js';
import { classifyResponse } from '../queue/classify-response.js';
import type { QbdQueue } from '../queue/qbd-queue.js';
import { iteratorStep, nextForSession, pendingEntries, type QueueState } from '../queue/queue-state.js';
import type { QbdSettingsSource } from '../qbd-settings.js';
import { verifyPassword } from '../../../platform/config/password-hash.js';

/** One Web Connector session, from `authenticate` to `closeConnection`; lost on restart (QBWC then starts a new one). */
interface Session {
  readonly connection: string;
  version: string;
  current: { readonly requestId: string; readonly step: 'write' | 'probe' } | null;
  answered: number;
  /** Entries that asked to be retried in this session: their turn comes in the next one. */
  readonly deferred: Set<string>;
  lastError: string;
}

export const SERVER_VERSION = 'Trestle QuickBooks Desktop connector 1.0';

/**
 * The Web Connector's callbacks (qbd §2) over the durable queue. Each callback returns the
 * documented value on failure (empty string, negative percent, `nvu`) and leaves the reason
 * for `getLastError`; nothing queued is lost: a request handed out and never answered is
 * probed for in the next session before it is written again.
 */
export class WebConnectorService {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly queue: QbdQueue,
    private readonly settings: QbdSettingsSource,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  serverVersion(): string {
    return SERVER_VERSION;
  }

  /** Any Web Connector 2.x speaks this protocol: '' lets it proceed. */
  clientVersion(_version: string): string {
    return '';
  }

  /** `[ticket, '' | company file | 'none' | 'nvu']` (qbd §2). */
  async authenticate(userName: string, password: string): Promise<[string, string]> {
    const ticket = randomUUID();
    const settings = this.settings().find((s) => s.userName === userName);
    if (!settings || !verifyPassword(password, settings.passwordHash)) return [ticket, 'nvu'];
    const pending = pendingEntries(await this.queue.state(settings.connection)).length;
    await this.queue.record(settings.connection, { type: 'QbdSessionOpened.v1', data: { ticket, userName, pending, openedAt: this.now() } });
    // The Web Connector runs one session per application at a time: a new one means any earlier one died.
    for (const [other, session] of this.sessions) if (session.connection === settings.connection) this.sessions.delete(other);
    if (pending === 0) return [ticket, 'none'];
    this.sessions.set(ticket, { connection: settings.connection, version: qbxmlVersion(undefined), current: null, answered: 0, deferred: new Set(), lastError: '' });
    return [ticket, settings.companyFile];
  }

  /** One qbXML document with the next request; '' (then `getLastError`) when there is none or the ticket is unknown. */
  async sendRequestXML(ticket: string, _hcpResponse: string, _companyFile: string, _country: string, major: string, minor: string): Promise<string> {
    const session = this.sessions.get(ticket);
    if (!session) return '';
    session.version = qbxmlVersion(Number(major), Number(minor) || 0);
    const next = this.next(session, ticket, await this.queue.state(session.connection));
    if (!next) {
      session.lastError = 'Nothing left to send in this session.';
      return '';
    }
    const { entry, step } = next;
    const paging = iteratorStep(entry, ticket);
    await this.queue.record(session.connection, {
      type: 'QbdRequestHandedOut.v1', data: { requestId: entry.requestId, ticket, step, handedOutAt: this.now(), ...(paging ? { iterator: paging.iterator } : {}) },
    });
    session.current = { requestId: entry.requestId, step };
    const write = entry.operation.write && entry.editSequence ? withEditSequence(entry.operation.write, entry.editSequence) : entry.operation.write;
    const iteratorAttrs = paging ? { '@_iterator': paging.iterator, ...(paging.iterator === 'Continue' ? { '@_iteratorID': paging.iteratorId } : {}) } : {};
    return buildRequestDocument(session.version, [withAttributes(step === 'write' && write ? write : entry.operation.probe, { '@_requestID': entry.requestId, ...iteratorAttrs })]);
  }

  /** Percent done (100: close), or -1 with the reason kept for `getLastError`. */
  async receiveResponseXML(ticket: string, response: string, hresult: string, message: string): Promise<number> {
    const session = this.sessions.get(ticket);
    if (!session) return -1;
    if (hresult) return this.fail(session, ticket, 'receiveResponseXML', hresult, message);
    const current = session.current;
    if (!current) return this.failed(session, 'A response came with no request outstanding.');
    let responses;
    try {
      responses = parseResponseDocument(response);
    } catch (error) {
      if (error instanceof QbxmlParseError) return this.fail(session, ticket, 'receiveResponseXML', 'qbXML', error.message);
      throw error;
    }
    const answer = responses.find((r) => r.requestId === current.requestId);
    if (!answer) return this.fail(session, ticket, 'receiveResponseXML', 'qbXML', `the response does not answer request ${current.requestId}`);
    const entry = (await this.queue.state(session.connection)).entries.get(current.requestId);
    if (!entry) return this.failed(session, `Request ${current.requestId} is not in the queue.`);
    const { outcome, ...returned } = classifyResponse(entry, current.step, answer);
    await this.queue.record(session.connection, {
      type: 'QbdResponseRecorded.v1',
      data: {
        requestId: entry.requestId, ticket, step: current.step, outcome, ...returned, statusCode: answer.statusCode,
        statusSeverity: answer.statusSeverity, statusMessage: answer.statusMessage, receivedAt: this.now(),
      },
    });
    if (outcome === 'retry') session.deferred.add(entry.requestId);
    session.current = null;
    session.answered += 1;
    return this.percentDone(session, ticket, await this.queue.state(session.connection));
  }

  /** QBWC could not reach QuickBooks or open the file: recorded, and the session ends ('done'); the queue waits. */
  async connectionError(ticket: string, hresult: string, message: string): Promise<string> {
    const session = this.sessions.get(ticket);
    if (session) await this.fail(session, ticket, 'connectionError', hresult, message);
    return 'done';
  }

  getLastError(ticket: string): string {
    return this.sessions.get(ticket)?.lastError || 'Unknown or expired session ticket.';
  }

  async closeConnection(ticket: string): Promise<string> {
    const session = this.sessions.get(ticket);
    if (!session) return 'Unknown or expired session ticket.';
    this.sessions.delete(ticket);
    await this.queue.record(session.connection, { type: 'QbdSessionClosed.v1', data: { ticket, closedAt: this.now() } });
    return `OK: ${session.answered} request(s) answered.`;
  }

  private next(session: Session, ticket: string, state: QueueState) {
    const eligible: QueueState = { entries: new Map([...state.entries].filter(([id]) => !session.deferred.has(id))) };
    return nextForSession(eligible, ticket);
  }

  private percentDone(session: Session, ticket: string, state: QueueState): number {
    const remaining = pendingEntries(state).filter((e) => !session.deferred.has(e.requestId)).length;
    if (remaining === 0 || !this.next(session, ticket, state)) return 100;
    return Math.min(99, Math.floor((session.answered * 100) / (session.answered + remaining)));
  }

  private async fail(session: Session, ticket: string, where: 'connectionError' | 'receiveResponseXML', hresult: string, message: string): Promise<number> {
    await this.queue.record(session.connection, { type: 'QbdSessionFailed.v1', data: { ticket, where, hresult, message, at: this.now() } });
    return this.failed(session, `${hresult}: ${message}`);
  }

  private failed(session: Session, reason: string): number {
    session.lastError = reason;
    return -1;
  }
}

/** The `requestID` echoed on the matching `…Rs` (qbd §4) is the queue entry's id; a read's page also names its iterator. */
const withAttributes = (node: QbxmlNode, attributes: Readonly<Record<string, string>>): QbxmlNode => ({ ...node, ':@': attributes }) as QbxmlNode;
