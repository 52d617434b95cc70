import type { BooksRef } from '../../../domain/shared/books-ref.js';

/**
 * One qbXML element in fast-xml-parser's `preserveOrder` shape: `{ Name: children, ':@': attributes }`.
 * Order matters to QuickBooks (the schema is `xs:sequence`), and arrays keep it where JSON
 * objects stored in PostgreSQL (jsonb) would not, so queued requests are kept in this shape.
 */
export type QbxmlNode = { readonly [name: string]: readonly QbxmlNode[] | Readonly<Record<string, string>> } | { readonly '#text': string };

const ATTRS = ':@';

/** An element with children in order; undefined children (optional fields left out) are dropped. */
export const el = (name: string, children: ReadonlyArray<QbxmlNode | undefined>, attributes?: Readonly<Record<string, string>>): QbxmlNode => {
  const node: Record<string, unknown> = { [name]: children.filter((c): c is QbxmlNode => c !== undefined) };
  if (attributes) node[ATTRS] = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`@_${k}`, v]));
  return node as QbxmlNode;
};

/** A text element; undefined (or null) leaves the optional element out. */
export const leaf = (name: string, value: string | null | undefined): QbxmlNode | undefined =>
  value === undefined || value === null ? undefined : el(name, [{ '#text': value }]);

/**
 * A ListID is up to 8 hex digits, a dash and the record's creation time in Unix seconds
 * (`80000012-1712345678`, built-in records `10000-933270541`). Anything else in a ref is a
 * FullName, including names that merely contain a dash (`06-100`, `2026-014`,
 * `Job Costs:Subcontractors`). The mapping for a QuickBooks Desktop connection may hold either.
 */
export const isListId = (value: string): boolean => /^[0-9A-F]{1,8}-\d{9,10}$/i.test(value);

/** A `…Ref` takes `ListID` or `FullName` (qbd §4): the mapping may hold either. */
export const ref = (name: string, value: BooksRef | null | undefined): QbxmlNode | undefined => {
  if (!value) return undefined;
  return el(name, [isListId(value.value) ? leaf('ListID', value.value) : leaf('FullName', value.value)]);
};

export const fullNameRef = (name: string, fullName: string): QbxmlNode => el(name, [leaf('FullName', fullName)]);

/** Cut to a field's maximum length (qbd §5: RefNumber 20, Memo 4095, Name 41). */
export const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);
