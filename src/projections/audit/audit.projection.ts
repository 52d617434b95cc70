import type { RecordedEvent } from '../../eventstore/index.js';
import { generationTable, type ProjectionDefinition, type ProjectionModel, type Sql } from '../engine/projection.js';
import { auditLinksOf, type AuditLink } from './audit-links.js';

const linksTable = (generation: number): string => generationTable('audit_links', generation);

const ddl = (generation: number): string => `
  CREATE TABLE IF NOT EXISTS ${linksTable(generation)} (
    from_key text NOT NULL, to_key text NOT NULL, kind text NOT NULL, connection text NOT NULL, detail text,
    PRIMARY KEY (from_key, to_key));
  CREATE INDEX IF NOT EXISTS audit_links_${generation}_to ON ${linksTable(generation)} (to_key);`;

const views = (generation: number): string => `
  DROP VIEW IF EXISTS projections.audit_links;
  CREATE VIEW projections.audit_links AS SELECT from_key, to_key, kind, connection, detail FROM ${linksTable(generation)};`;

/** Links are facts that never change: collect new ones, insert them, ignore repeats. */
class AuditModel implements ProjectionModel {
  private readonly pending = new Map<string, AuditLink>();
  /** Links already written by this model, so a long rebuild does not write the same one twice. */
  private readonly seen = new Set<string>();

  constructor(private readonly table: string, private readonly remember: boolean) {}

  async open(): Promise<void> {}

  async prepare(): Promise<void> {}

  apply(event: RecordedEvent): void {
    for (const link of auditLinksOf(event)) {
      const key = `${link.from}\u0000${link.to}`;
      if (!this.seen.has(key)) this.pending.set(key, link);
    }
  }

  get pendingWrites(): number {
    return this.pending.size;
  }

  async flush(tx: Sql): Promise<void> {
    // Taken at once: a rebuild keeps applying events while this writes.
    const links = [...this.pending.values()];
    if (this.remember) for (const key of this.pending.keys()) this.seen.add(key);
    this.pending.clear();
    for (let i = 0; i < links.length; i += 5000) {
      const part = links.slice(i, i + 5000);
      await tx.query(`INSERT INTO ${this.table} (from_key, to_key, kind, connection, detail)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
      [part.map((l) => l.from), part.map((l) => l.to), part.map((l) => l.kind), part.map((l) => l.connection), part.map((l) => l.detail)]);
    }
  }

  release(): void {}
}

/** The audit's correlation index (document ↔ saga ↔ outbound requests ↔ books objects). */
export const auditProjection: ProjectionDefinition = {
  name: 'audit',
  version: 1,
  ddl,
  views,
  tables: (generation) => [linksTable(generation)],
  model: (generation, mode) => new AuditModel(linksTable(generation), mode === 'bulk'),
};
