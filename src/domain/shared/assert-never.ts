/** Ends every switch over a union, so the compiler catches a missed case. */
export const assertNever = (value: never): never => {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
};
