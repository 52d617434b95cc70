import { toCsv } from '../../domain/mapping/csv.js';

/**
 * A text cell a spreadsheet would read as a formula (=, +, -, @) gets a leading quote,
 * so an exported label can never run as one. Money cells are formatted numbers and left as they are.
 */
export const textCell = (value: string | null | undefined): string => {
  const text = value ?? '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

export const csvBody = (header: readonly string[], rows: readonly (readonly string[])[]): string => toCsv(header, rows);
