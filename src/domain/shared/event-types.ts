/**
 * Lists of event types where parts meet (a saga's inputs, a projection's or an alert's
 * routing): the store filters on them, so a typo or a forgotten type silently drops events.
 * `satisfies readonly SomeEvent['type'][]` checks that every name in a list is a type of the
 * union; `everyType<SomeEvent['type']>()([...])` also checks that none of the union is missing.
 */
export const everyType = <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { readonly missing: Exclude<T, L[number]> })): L => list;

/** `list.includes(type)` for a typed list, asked about any string (a stored event's type). */
export const isTypeIn = <T extends string>(list: readonly T[], type: string): type is T => (list as readonly string[]).includes(type);
