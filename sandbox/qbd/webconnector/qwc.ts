import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The parts of a .qwc file the Web Connector acts on (api-facts/qbd.md §3). */
export interface QwcFile {
  readonly appName: string;
  readonly appUrl: string;
  readonly userName: string;
  readonly ownerId: string;
  readonly fileId: string;
  readonly qbType: 'QBFS' | 'QBPOS';
  /** From Scheduler RunEveryNMinutes / RunEveryNSeconds; undefined when the file has no schedule (manual runs only). */
  readonly runEverySeconds?: number;
  readonly isReadOnly: boolean;
}

export class QwcError extends Error {
  constructor(message: string) {
    super(`The Web Connector cannot add this application: ${message}`);
    this.name = 'QwcError';
  }
}

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true });
const GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value));

/**
 * Reads a .qwc as the Web Connector does when a bookkeeper adds the application, refusing what
 * it refuses: no AppURL, an AppURL that is neither HTTPS nor http://localhost, a missing
 * UserName, OwnerID or FileID that is not a braced GUID.
 */
export const parseQwc = (xml: string): QwcFile => {
  if (XMLValidator.validate(xml) !== true) throw new QwcError('the file is not well-formed XML');
  const root = (parser.parse(xml) as { QBWCXML?: Record<string, unknown> }).QBWCXML;
  if (!root) throw new QwcError('the root element must be QBWCXML');
  const appName = text(root['AppName']);
  const appUrl = text(root['AppURL']);
  const userName = text(root['UserName']);
  const ownerId = text(root['OwnerID']) ?? '';
  const fileId = text(root['FileID']) ?? '';
  const qbType = text(root['QBType']);
  if (!appName) throw new QwcError('AppName is missing');
  if (!appUrl) throw new QwcError('AppURL is missing');
  const url = new URL(appUrl);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && url.hostname === 'localhost')) {
    throw new QwcError(`AppURL ${appUrl} must use HTTPS (only http://localhost may be plain HTTP)`);
  }
  if (!userName) throw new QwcError('UserName is missing');
  if (!GUID.test(ownerId)) throw new QwcError(`OwnerID "${ownerId}" is not a GUID in braces`);
  if (!GUID.test(fileId)) throw new QwcError(`FileID "${fileId}" is not a GUID in braces`);
  if (qbType !== 'QBFS' && qbType !== 'QBPOS') throw new QwcError(`QBType "${qbType ?? ''}" must be QBFS or QBPOS`);
  const scheduler = root['Scheduler'] as Record<string, unknown> | undefined;
  const minutes = text(scheduler?.['RunEveryNMinutes']);
  const seconds = text(scheduler?.['RunEveryNSeconds']);
  const every = minutes !== undefined ? Number(minutes) * 60 : seconds !== undefined ? Number(seconds) : undefined;
  if (every !== undefined && (!Number.isInteger(every) || every <= 0)) throw new QwcError('the Scheduler interval must be a positive whole number');
  return { appName, appUrl, userName, ownerId, fileId, qbType, runEverySeconds: every, isReadOnly: text(root['IsReadOnly']) === 'true' };
};
