import type { Table } from './tabular-file.js';

/** One field an import kind reads: the header it has in the vendor's stock layout, other spellings, and whether it must be there. */
export interface FieldSpec {
  readonly header: string;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
}

export type ColumnSpec<F extends string> = Readonly<Record<F, FieldSpec>>;

/** A connection's column map for one kind: field -> the header in its files (overrides the stock layout). */
export type ColumnOverrides = Readonly<Record<string, string>>;

/** A problem in a file, naming where: row (1-based, as a spreadsheet numbers it) and column header. */
export interface CellProblem {
  readonly row?: number;
  readonly column?: string;
  readonly message: string;
}

export interface ResolvedColumns<F extends string> {
  /** Field -> index into a row's cells; absent when the file has no such column. */
  readonly index: Partial<Record<F, number>>;
  /** Field -> the header it was found under (or is expected under), for problems. */
  readonly header: Readonly<Record<F, string>>;
  /** Headers no field reads (custom properties): shown by `import check`, not refused. */
  readonly ignored: readonly string[];
  readonly problems: readonly CellProblem[];
}

const norm = (header: string): string => header.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Finds each field's column: the connection's override if it names one (and then only that
 * header), else the stock header or one of its aliases, case and spacing ignored.
 */
export const resolveColumns = <F extends string>(table: Table, spec: ColumnSpec<F>, overrides: ColumnOverrides = {}): ResolvedColumns<F> => {
  const positions = new Map<string, number>();
  table.headers.forEach((h, i) => { if (h !== '' && !positions.has(norm(h))) positions.set(norm(h), i); });
  const index: Partial<Record<F, number>> = {};
  const header = {} as Record<F, string>;
  const problems: CellProblem[] = [];
  for (const unknown of Object.keys(overrides).filter((f) => !Object.hasOwn(spec, f))) {
    problems.push({ message: `the column map names an unknown field "${unknown}" (known: ${Object.keys(spec).join(', ')})` });
  }
  for (const field of Object.keys(spec) as F[]) {
    const override = Object.hasOwn(overrides, field) ? overrides[field] : undefined;
    const candidates = override !== undefined ? [override] : [spec[field].header, ...(spec[field].aliases ?? [])];
    const found = candidates.find((c) => positions.has(norm(c)));
    header[field] = found === undefined ? candidates[0]! : table.headers[positions.get(norm(found))!]!;
    if (found !== undefined) index[field] = positions.get(norm(found))!;
    else if (spec[field].required) problems.push({ row: 1, column: candidates[0]!, message: `no column "${candidates.join('" or "')}" (the ${field}); the header row has: ${table.headers.filter((h) => h !== '').join(', ')}` });
  }
  const used = new Set(Object.values(index) as number[]);
  const ignored = table.headers.filter((h, i) => h !== '' && !used.has(i));
  return { index, header, ignored, problems };
};

/** A row's cell for a field, trimmed; '' when the file has no such column. */
export const cellOf = <F extends string>(cols: ResolvedColumns<F>, cells: readonly string[], field: F): string => {
  const i = cols.index[field];
  return i === undefined ? '' : (cells[i] ?? '').trim();
};

export const describeProblem = (fileName: string, p: CellProblem): string =>
  `${fileName}${p.row === undefined ? '' : `, row ${p.row}`}${p.column === undefined ? '' : `, column "${p.column}"`}: ${p.message}`;
