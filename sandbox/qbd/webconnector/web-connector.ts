import type { QbdCompany } from '../company/company.js';
import { QbxmlSession } from '../qbxml/session.js';
import { QUICKBOOKS_NOT_RUNNING, WRONG_COMPANY_FILE, spend, type ConnectionFailure, type WebConnectorFaults } from './faults.js';
import type { QwcFile } from './qwc.js';
import { SoapCallError, asInt, asString, asStrings, callSoap } from './soap-client.js';

export interface WebConnectorOptions {
  readonly qwc: QwcFile;
  /** What the bookkeeper typed into the Web Connector's password column. */
  readonly password: string;
  readonly company: QbdCompany;
  /** Highest qbXML this QuickBooks supports, reported to sendRequestXML (default 16.0, QuickBooks 2023+). */
  readonly qbxmlVersion?: { readonly major: number; readonly minor: number };
  readonly country?: 'US' | 'CA' | 'UK' | 'AU';
  readonly clientVersion?: string;
  /** The pause after getLastError answers "NoOp" (the Web Connector waits about 5 s). */
  readonly noOpDelayMs?: number;
  /** A session that loops longer than this many exchanges is ended (a runaway service). */
  readonly maxExchanges?: number;
  readonly faults?: WebConnectorFaults;
  readonly fetch?: typeof fetch;
}

export type SessionOutcome =
  | 'completed' | 'nothing-to-do' | 'invalid-user' | 'client-version-refused' | 'connection-error'
  | 'service-error' | 'died' | 'soap-failure';

export interface SessionReport {
  readonly outcome: SessionOutcome;
  /** Every SOAP call in order, e.g. `sendRequestXML`, with what it answered. */
  readonly calls: ReadonlyArray<{ readonly method: string; readonly result: string }>;
  /** Request documents run against the company. */
  readonly requestsRun: number;
  readonly lastError?: string;
  readonly closeMessage?: string;
  /** Seconds the service asked to wait before the next run (authenticate element 2 or 3). */
  readonly postponeSeconds?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The QuickBooks Web Connector: one session is serverVersion → clientVersion → authenticate →
 * (sendRequestXML → QuickBooks → receiveResponseXML)×N → closeConnection, with connectionError
 * when the company file cannot be opened and getLastError after an empty request or a negative
 * progress (api-facts/qbd.md §2). `start()` runs sessions on the .qwc's schedule.
 */
export class WebConnector {
  readonly faults: WebConnectorFaults;
  readonly history: SessionReport[] = [];
  /** The company file QuickBooks has open; cleared to model QuickBooks being closed. */
  openFile: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SessionReport> | undefined;
  private stopped = true;

  constructor(private readonly options: WebConnectorOptions) {
    this.faults = options.faults ?? {};
    this.openFile = options.company.info.companyFile;
  }

  private get url(): string {
    return this.options.qwc.appUrl;
  }

  /** "Update Selected": one session now (waits for a session already running). */
  async runSession(): Promise<SessionReport> {
    if (this.running) await this.running.catch(() => undefined);
    this.running = new Session(this.options, this.faults, this.openFile).run();
    try {
      const report = await this.running;
      this.history.push(report);
      return report;
    } finally {
      this.running = undefined;
    }
  }

  /** Polls on the .qwc schedule (or every `intervalMs`), honouring a postponement asked by authenticate. */
  start(intervalMs?: number): void {
    const every = intervalMs ?? (this.options.qwc.runEverySeconds ?? 0) * 1000;
    if (every <= 0) throw new Error('The .qwc has no Scheduler: runs are manual (runSession).');
    this.stopped = false;
    const tick = async () => {
      const report = await this.runSession();
      if (this.stopped) return;
      const wait = Math.max(every, (report.postponeSeconds ?? 0) * 1000);
      this.timer = setTimeout(() => void tick(), wait);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) await this.running.catch(() => undefined);
  }
}

class SessionDied extends Error {}

/** One run of the Web Connector against the integrator's service. */
class Session {
  private readonly calls: Array<{ method: string; result: string }> = [];
  private requestsRun = 0;
  private ticket = '';

  constructor(private readonly options: WebConnectorOptions, private readonly faults: WebConnectorFaults, private readonly openFile: string | undefined) {}

  private async call(method: string, args: ReadonlyArray<readonly [string, string | number]>): Promise<unknown> {
    const result = await callSoap(this.options.qwc.appUrl, method, args, this.options.fetch);
    this.calls.push({ method, result: typeof result === 'object' && result !== null ? JSON.stringify(result) : String(result ?? '') });
    return result;
  }

  private report(outcome: SessionOutcome, extra: Partial<SessionReport> = {}): SessionReport {
    return { outcome, calls: this.calls, requestsRun: this.requestsRun, ...extra };
  }

  async run(): Promise<SessionReport> {
    try {
      return await this.exchange();
    } catch (error) {
      if (error instanceof SessionDied) return this.report('died');
      if (error instanceof SoapCallError) return this.report('soap-failure', { lastError: error.message });
      throw error;
    }
  }

  private async exchange(): Promise<SessionReport> {
    const o = this.options;
    await this.call('serverVersion', []);
    const client = asString(await this.call('clientVersion', [['strVersion', o.clientVersion ?? '2.3.0.215']]));
    if (client.startsWith('E:') || client.startsWith('O:')) return this.report('client-version-refused', { lastError: client.slice(2) });
    const password = this.faults.wrongPassword ? `${o.password}-mistyped` : o.password;
    const auth = asStrings('authenticate', await this.call('authenticate', [['strUserName', o.qwc.userName], ['strPassword', password]]));
    const [ticket = '', status = '', postpone, every] = auth;
    this.ticket = ticket;
    const postponeSeconds = Number(postpone ?? '') || Number(every ?? '') || undefined;
    if (status === 'nvu') return this.report('invalid-user', { postponeSeconds });
    if (status === 'none') {
      const closeMessage = asString(await this.call('closeConnection', [['ticket', ticket]]));
      return this.report('nothing-to-do', { closeMessage, postponeSeconds });
    }
    const session = await this.connect(status);
    if (!session) {
      const closeMessage = asString(await this.call('closeConnection', [['ticket', ticket]]));
      return this.report('connection-error', { closeMessage, postponeSeconds });
    }
    return this.loop(session, postponeSeconds);
  }

  /** Opens the company file: "" = the one open now, a path = that file. connectionError decides what to retry. */
  private async connect(status: string): Promise<QbxmlSession | undefined> {
    const o = this.options;
    let wanted = status;
    for (let attempt = 0; attempt < 3; attempt++) {
      const failure = this.openFailure(wanted);
      if (!failure) {
        this.stampFileId();
        const faults = this.faults;
        // The lock fault is spent across sessions: the counter lives on the shared fault switches.
        const lockedWrites = {
          get remaining() { return faults.lockedWrites ?? 0; },
          set remaining(value: number) { faults.lockedWrites = value; },
        };
        return new QbxmlSession(o.company, this.maxVersion(), lockedWrites);
      }
      const answer = asString(await this.call('connectionError', [['ticket', this.ticket], ['hresult', failure.hresult], ['message', failure.message]]));
      if (answer === 'done') return undefined;
      wanted = answer;
    }
    return undefined;
  }

  private openFailure(wanted: string): ConnectionFailure | undefined {
    if (this.faults.connectionFailure) return this.faults.connectionFailure;
    const file = this.options.company.info.companyFile;
    if (wanted === '') return this.openFile ? undefined : QUICKBOOKS_NOT_RUNNING;
    // Given a path, QuickBooks opens it unless another file is open (unattended mode opens a closed QuickBooks).
    if (wanted.toLowerCase() !== file.toLowerCase()) return WRONG_COMPANY_FILE;
    if (this.openFile && this.openFile.toLowerCase() !== file.toLowerCase()) return WRONG_COMPANY_FILE;
    return undefined;
  }

  /** On first contact the Web Connector writes the .qwc's FileID into the company under its OwnerID. */
  private stampFileId(): void {
    const { ownerId, fileId } = this.options.qwc;
    const exts = this.options.company.dataExts;
    if (!exts.some((d) => d.ownerId === ownerId && d.name === 'FileID')) exts.push({ ownerId, name: 'FileID', value: fileId });
  }

  private maxVersion(): number {
    const v = this.options.qbxmlVersion ?? { major: 16, minor: 0 };
    return Number(`${v.major}.${v.minor}`);
  }

  private hostCompanyPreferences(session: QbxmlSession): string {
    const result = session.process(`<?xml version="1.0"?><?qbxml version="${this.maxVersion().toFixed(1)}"?><QBXML><QBXMLMsgsRq onError="continueOnError">`
      + `<HostQueryRq requestID="0"/><CompanyQueryRq requestID="1"><OwnerID>${this.options.qwc.ownerId}</OwnerID></CompanyQueryRq>`
      + '<PreferencesQueryRq requestID="2"/></QBXMLMsgsRq></QBXML>');
    return result.kind === 'response' ? result.xml : '';
  }

  private async loop(session: QbxmlSession, postponeSeconds: number | undefined): Promise<SessionReport> {
    const o = this.options;
    const v = o.qbxmlVersion ?? { major: 16, minor: 0 };
    let hcp = this.hostCompanyPreferences(session);
    let lastError: string | undefined;
    for (let exchange = 0; exchange < (o.maxExchanges ?? 500); exchange++) {
      const request = asString(await this.call('sendRequestXML', [
        ['ticket', this.ticket], ['strHCPResponse', hcp], ['strCompanyFileName', o.company.info.companyFile],
        ['qbXMLCountry', o.country ?? 'US'], ['qbXMLMajorVers', v.major], ['qbXMLMinorVers', v.minor],
      ]));
      hcp = '';
      let progress: number;
      if (request === '') {
        progress = -1;
      } else {
        if (spend(this.faults, 'dieBeforeApply')) throw new SessionDied();
        progress = await this.answer(session, request);
      }
      if (progress >= 100) break;
      if (progress < 0) {
        lastError = asString(await this.call('getLastError', [['ticket', this.ticket]]));
        if (lastError !== 'NoOp') {
          const closeMessage = asString(await this.call('closeConnection', [['ticket', this.ticket]]));
          return this.report('service-error', { lastError, closeMessage, postponeSeconds });
        }
        await sleep(o.noOpDelayMs ?? 5000);
      }
      if (exchange === (o.maxExchanges ?? 500) - 1) {
        const closeMessage = asString(await this.call('closeConnection', [['ticket', this.ticket]]));
        return this.report('service-error', { lastError: 'too many exchanges in one session', closeMessage, postponeSeconds });
      }
    }
    const closeMessage = asString(await this.call('closeConnection', [['ticket', this.ticket]]));
    return this.report('completed', { closeMessage, postponeSeconds, lastError });
  }

  /** Runs one request document and posts the outcome back; returns the service's percent-done. */
  private async answer(session: QbxmlSession, request: string): Promise<number> {
    const errorFault = this.faults.errorResponse;
    let response = '';
    let failure: ConnectionFailure | undefined;
    if (errorFault && errorFault.count > 0) {
      this.faults.errorResponse = { ...errorFault, count: errorFault.count - 1 };
      failure = errorFault.failure;
    } else {
      const result = session.process(request);
      this.requestsRun++;
      if (result.kind === 'parse-error') failure = { hresult: result.hresult, message: result.message };
      else response = result.xml;
      if (spend(this.faults, 'dieAfterApply')) throw new SessionDied();
      if (result.kind === 'response' && spend(this.faults, 'malformedResponse')) response = response.slice(0, Math.floor(response.length / 2));
    }
    if (this.faults.delayMs) await sleep(this.faults.delayMs);
    return asInt('receiveResponseXML', await this.call('receiveResponseXML', [
      ['ticket', this.ticket], ['response', response], ['hresult', failure?.hresult ?? ''], ['message', failure?.message ?? ''],
    ]));
  }
}
