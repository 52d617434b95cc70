/** `KnownObjects` satisfies this: every write the hub makes, so inbound does not take it for a hand edit. */
export interface HubWriteLog {
  recordHubWrite(connection: string, system: string, entity: string, id: string, version: string, write?: { deleted?: boolean; baseline?: unknown }): Promise<void>;
}
