import { XMLBuilder } from 'fast-xml-parser';
import { deterministicEventId } from '../../../eventstore/index.js';

export interface QwcInput {
  readonly connection: string;
  /** The hub's Web Connector endpoint (https, or http://localhost). */
  readonly appUrl: string;
  readonly userName: string;
  readonly runEveryMinutes: number;
}

/** A GUID in the braces QBWC writes (`{57F3B9B1-86F1-...}`), the same every time for a connection. */
const stableGuid = (kind: string, connection: string): string => `{${deterministicEventId('qbd-qwc', kind, connection).toUpperCase()}}`;

/** The OwnerID (the hub's app GUID for this connection) and the FileID QBWC stamps into its company file. */
export const qwcIds = (connection: string): { readonly ownerId: string; readonly fileId: string } =>
  ({ ownerId: stableGuid('owner', connection), fileId: stableGuid('file', connection) });

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });

/**
 * The .qwc a bookkeeper opens in the Web Connector ("Add an application", qbd §3). OwnerID and
 * FileID stay the same for a connection, so re-issuing the file never makes QBWC treat the
 * hub as a new application or the company file as a new one. The password is not in it.
 */
export const buildQwc = (input: QwcInput): string => {
  const support = `${new URL(input.appUrl).origin}/`;
  const body = builder.build({
    QBWCXML: {
      AppName: `Trestle (${input.connection})`,
      AppID: '',
      AppURL: input.appUrl,
      AppDescription: `Trestle posts bills, vendor credits and jobs from the construction side into this company file (connection ${input.connection})`,
      AppSupport: support,
      UserName: input.userName,
      OwnerID: stableGuid('owner', input.connection),
      FileID: stableGuid('file', input.connection),
      QBType: 'QBFS',
      Style: 'Document',
      Scheduler: { RunEveryNMinutes: input.runEveryMinutes },
      IsReadOnly: false,
    },
  }) as string;
  return `<?xml version="1.0"?>\n${body}`;
};
