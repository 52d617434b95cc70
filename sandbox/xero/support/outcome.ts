/** The result of applying one object of a batch: the stored record, or the validation messages. */
export type Outcome<T> =
  | { readonly ok: true; readonly record: T; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] };

export const succeeded = <T>(record: T, warnings: readonly string[] = []): Outcome<T> => ({ ok: true, record, warnings });
export const failed = <T>(...errors: string[]): Outcome<T> => ({ ok: false, errors });

/** Records a validation message and yields undefined, for lookups that failed. */
export const miss = (errors: string[], message: string): undefined => {
  errors.push(message);
  return undefined;
};
