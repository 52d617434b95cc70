import { parse as parseYaml } from 'yaml';
import type { ImportKind, KindSettings } from './import-kind.js';

export type ColumnMapFile = Readonly<Record<string, KindSettings>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const stringMap = (value: unknown, path: string, problems: string[]): Record<string, string> => {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    problems.push(`${path}: must be a mapping of name to text`);
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
    else problems.push(`${path}.${k}: must be text (a column header or a code)`);
  }
  return out;
};

/**
 * A connection's column maps, one section per import kind:
 *   planswift-takeoff:
 *     columns: { name: Description, costCode: "Cost Code" }   # field -> the header in its files
 *     costTypes: { Material: M, Subcontract: S }             # part type -> cost type code
 * Every problem is named by its path; a field or kind the hub does not know is one.
 */
export const parseColumnMapFile = (text: string, kinds: readonly ImportKind[]): { ok: true; maps: ColumnMapFile } | { ok: false; problems: string[] } => {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    return { ok: false, problems: [`not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  if (document === null || document === undefined) return { ok: true, maps: {} };
  if (!isRecord(document)) return { ok: false, problems: ['must be a mapping of import kind to its columns'] };
  const problems: string[] = [];
  const maps: Record<string, KindSettings> = {};
  for (const [name, body] of Object.entries(document)) {
    const kind = kinds.find((k) => k.kind === name);
    if (!kind) {
      problems.push(`${name}: not an import kind (known: ${kinds.map((k) => k.kind).join(', ')})`);
      continue;
    }
    if (!isRecord(body)) {
      problems.push(`${name}: must be a mapping with columns and costTypes`);
      continue;
    }
    for (const extra of Object.keys(body).filter((k) => k !== 'columns' && k !== 'costTypes')) problems.push(`${name}.${extra}: unknown (columns, costTypes)`);
    const columns = stringMap(body.columns, `${name}.columns`, problems);
    for (const field of Object.keys(columns).filter((f) => !Object.hasOwn(kind.columns, f))) {
      problems.push(`${name}.columns.${field}: not a field of ${name} (fields: ${Object.keys(kind.columns).join(', ')})`);
    }
    maps[name] = { columns, costTypes: stringMap(body.costTypes, `${name}.costTypes`, problems) };
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, maps };
};
