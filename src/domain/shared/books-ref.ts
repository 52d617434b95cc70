/**
 * A reference to an object in any books system (QuickBooks ReferenceType, a Xero code or id, a QBD ListID): its id as a string and,
 * for people, its name. The books read only `value`; `name` is what a bookkeeper recognises.
 */
export interface BooksRef {
  readonly value: string;
  readonly name?: string;
}

/** "Subcontractors (61)", or "#61" when the name is not known. */
export const refLabel = (ref: BooksRef, knownName?: string): string => {
  const name = ref.name ?? knownName;
  return name === undefined ? `#${ref.value}` : `${name} (${ref.value})`;
};
