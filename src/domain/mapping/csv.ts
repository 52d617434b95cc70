/** RFC 4180: a field with a comma, double quote, CR or LF is quoted, and its quotes doubled. */
export const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Records end with CRLF (RFC 4180 section 2), the header record first. */
export const toCsv = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');

/** A Markdown table cell: a pipe would end the cell and a line break the row. */
export const markdownCell = (value: string): string => value.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n|\r/g, ' ');
