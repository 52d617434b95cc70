declare const brand: unique symbol;
/** A nominal type: a string or number that can't be mixed up with another of the same base. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };
