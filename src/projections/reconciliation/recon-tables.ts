import { generationTable } from '../engine/projection.js';
import { COUNT_COLUMNS, MONEY_COLUMNS, ROW_COLUMNS } from './contribution.js';

export interface ReconTables {
  readonly rows: string;
  readonly documents: string;
  readonly index: string;
}

export const reconTables = (generation: number): ReconTables => ({
  rows: generationTable('recon_rows', generation),
  documents: generationTable('recon_documents', generation),
  index: generationTable('recon_index', generation),
});


export const reconDdl = (generation: number): string => {
  const t = reconTables(generation);
  return `
  CREATE TABLE IF NOT EXISTS ${t.rows} (
    connection text NOT NULL, project_id text NOT NULL, cost_code text NOT NULL, cost_type text NOT NULL,
    ${MONEY_COLUMNS.map((c) => `${c} bigint NOT NULL DEFAULT 0`).join(', ')},
    ${COUNT_COLUMNS.map((c) => `${c} int NOT NULL DEFAULT 0`).join(', ')},
    PRIMARY KEY (connection, project_id, cost_code, cost_type));
  CREATE TABLE IF NOT EXISTS ${t.documents} (
    key text PRIMARY KEY, connection text NOT NULL, project_id text NOT NULL, doc_type text NOT NULL, external_id text NOT NULL,
    label text NOT NULL, status text NOT NULL, reason text, detail text, expected_amount bigint NOT NULL, books_amount bigint NOT NULL,
    paid_amount bigint NOT NULL, net_due bigint, books_entity text, books_id text, cost_codes text[] NOT NULL, updated_at timestamptz NOT NULL, state json NOT NULL,
    commitment_id text, retainage json);
  CREATE INDEX IF NOT EXISTS recon_documents_${generation}_reason ON ${t.documents} (connection, reason, project_id) WHERE reason IS NOT NULL;
  CREATE TABLE IF NOT EXISTS ${t.index} (kind text NOT NULL, key text NOT NULL, value json NOT NULL, PRIMARY KEY (kind, key));`;
};

/**
 * What readers query. variance = invoiced + labour − books (cents): construction-side cost
 * not (yet) in the books, negative when the books carry more; books_difference = books −
 * posted: what was changed in the books by hand since the hub wrote it. A row's status is its worst document's:
 * mismatch, then quarantined, then pending, else in sync. Rows no document touches any
 * more (everything voided) are left out.
 */
export const reconViews = (generation: number): string => {
  const t = reconTables(generation);
  return `
  DROP VIEW IF EXISTS projections.reconciliation_rows;
  CREATE VIEW projections.reconciliation_rows AS
    SELECT connection, project_id, cost_code, cost_type, ${MONEY_COLUMNS.join(', ')}, books - posted AS books_difference,
      invoiced + labour - books AS variance,
      owner_billed - owner_retainage AS owner_net, owner_billed - owner_retainage - owner_received AS owner_outstanding,
      owner_receivable - (owner_billed - owner_retainage) AS owner_difference,
      ${COUNT_COLUMNS.join(', ')},
      CASE WHEN mismatched > 0 THEN 'mismatch' WHEN quarantined > 0 THEN 'quarantined' WHEN pending > 0 THEN 'pending' ELSE 'in_sync' END AS status
    FROM ${t.rows} WHERE documents > 0;
  DROP VIEW IF EXISTS projections.reconciliation_documents;
  CREATE VIEW projections.reconciliation_documents AS
    SELECT key AS document, connection, project_id, doc_type, external_id, label, status, reason, detail,
      expected_amount, books_amount, books_amount - expected_amount AS difference, paid_amount, net_due, books_entity, books_id, cost_codes, updated_at,
      commitment_id, retainage
    FROM ${t.documents};`;
};

/**
 * Multi-row VALUES with one parameter per cell: several times faster than unnest() over
 * text arrays, whose escaping (client) and parsing (server) dominate for JSON payloads.
 */
const values = (rows: number, columns: readonly string[]): string => {
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${columns.map((type, c) => `$${r * columns.length + c + 1}::${type}`).join(', ')})`);
  return tuples.join(', ');
};

/** Adds row deltas: money and counts add up, so every batch and a rebuild agree. */
export const upsertRowsSql = (table: string, rows: number): string => {
  const columns = ['connection', 'project_id', 'cost_code', 'cost_type', ...ROW_COLUMNS];
  const types = [...['text', 'text', 'text', 'text'], ...ROW_COLUMNS.map(() => 'bigint')];
  return `INSERT INTO ${table} AS r (${columns.join(', ')}) VALUES ${values(rows, types)}
    ON CONFLICT (connection, project_id, cost_code, cost_type) DO UPDATE SET ${ROW_COLUMNS.map((c) => `${c} = r.${c} + EXCLUDED.${c}`).join(', ')}`;
};

export const DOC_COLUMNS = [
  ['key', 'text'], ['connection', 'text'], ['project_id', 'text'], ['doc_type', 'text'], ['external_id', 'text'], ['label', 'text'],
  ['status', 'text'], ['reason', 'text'], ['detail', 'text'], ['expected_amount', 'bigint'], ['books_amount', 'bigint'],
  ['paid_amount', 'bigint'], ['net_due', 'bigint'],
  ['books_entity', 'text'], ['books_id', 'text'], ['cost_codes', 'text[]'], ['updated_at', 'timestamptz'], ['state', 'json'],
  ['commitment_id', 'text'], ['retainage', 'json'],
] as const;

export const upsertDocumentsSql = (table: string, rows: number): string => {
  const names = DOC_COLUMNS.map(([name]) => name);
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES ${values(rows, DOC_COLUMNS.map(([, type]) => type))}
    ON CONFLICT (key) DO UPDATE SET ${names.filter((n) => n !== 'key').map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`;
};

export const upsertIndexSql = (table: string, rows: number): string =>
  `INSERT INTO ${table} (kind, key, value) VALUES ${values(rows, ['text', 'text', 'json'])} ON CONFLICT (kind, key) DO UPDATE SET value = EXCLUDED.value`;
