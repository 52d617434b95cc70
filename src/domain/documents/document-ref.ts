/** Where a document lives: the system of record that owns it. */
export type Source = 'procore' | 'quickbooks' | 'xero' | 'qbd' | 'planswift' | 'buildertrend';

/** The construction side: systems whose documents are posted to the books (PlanSwift and Buildertrend as imported files). */
export const CONSTRUCTION_SOURCES: readonly Source[] = ['procore', 'planswift', 'buildertrend'];
export const isConstructionSource = (source: Source): boolean => CONSTRUCTION_SOURCES.includes(source);

export type DocumentType =
  | 'project' | 'vendor' | 'cost_code' | 'cost_type'
  | 'commitment' | 'commitment_change_order' | 'prime_change_order'
  | 'subcontractor_invoice' | 'owner_invoice' | 'budget_line' | 'timecard'
  /** Books-side documents the hub watches (payments) or created (bills, invoices, ...). */
  | 'bill' | 'vendor_credit' | 'invoice' | 'purchase_order' | 'estimate' | 'time_activity'
  | 'bill_payment' | 'payment';

/** One external document, under one connection (the tenant). */
export interface DocumentRef {
  readonly connection: string;
  readonly source: Source;
  readonly type: DocumentType;
  /** The id in the source system, always a string. */
  readonly externalId: string;
}

const STREAM = /^([a-z0-9][a-z0-9_-]*)\.(procore|quickbooks|xero|qbd|planswift|buildertrend)\.([a-z_]+)-(.+)$/;

/** `{connection}.{source}.{documentType}-{externalId}`: a document's whole history. */
export const documentStream = (ref: DocumentRef): string => `${ref.connection}.${ref.source}.${ref.type}-${ref.externalId}`;

export const parseDocumentStream = (stream: string): DocumentRef | undefined => {
  const match = STREAM.exec(stream);
  if (!match) return undefined;
  const [, connection, source, type, externalId] = match;
  return { connection: connection!, source: source as Source, type: type as DocumentType, externalId: externalId! };
};

/** Connection names are stream prefixes, so they are restricted to a safe alphabet. */
export const isValidConnectionName = (name: string): boolean => /^[a-z0-9][a-z0-9_-]{0,62}$/.test(name);
