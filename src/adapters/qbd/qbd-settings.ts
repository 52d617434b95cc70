/** A QuickBooks Desktop connection as the Web Connector side sees it (from the connection's `accounting` config). */
export interface QbdConnectionSettings {
  readonly connection: string;
  /** The UserName in the .qwc and in `authenticate`. */
  readonly userName: string;
  /** `hashQbdPassword` of the configured secret; the plain password is not kept. */
  readonly passwordHash: string;
  /** The company file QBWC should open (`C:\Company\Acme.QBW`); '' = whichever file is open. */
  readonly companyFile: string;
}

/** Every QuickBooks Desktop connection the hub serves. */
export type QbdSettingsSource = () => readonly QbdConnectionSettings[];
