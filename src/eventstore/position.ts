/**
 * A position in $all. `commit` orders transactions (PostgreSQL: the xid8 of the writing
 * transaction; EventStoreDB: the commit position), `prepare` orders events inside one
 * (PostgreSQL: the global sequence; EventStoreDB: the prepare position).
 */
export interface AllPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const START: AllPosition = { commit: -1n, prepare: -1n };

export const comparePositions = (a: AllPosition, b: AllPosition): number =>
  a.commit === b.commit ? Number(a.prepare - b.prepare) : a.commit < b.commit ? -1 : 1;

export const positionToString = (p: AllPosition): string => `${p.commit}/${p.prepare}`;

export const positionFromString = (s: string): AllPosition => {
  const match = /^(-?\d+)\/(-?\d+)$/.exec(s);
  if (!match) throw new Error(`not a position: ${s}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
};
