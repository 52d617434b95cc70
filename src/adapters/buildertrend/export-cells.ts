import { createHash } from 'node:crypto';
import type { ReadContext } from '../imports/import-kind.js';

/** "23-31-00 - HVAC Ducts" -> "23-31-00": Buildertrend shows a code with its name. */
export const codeOf = (cell: string): string => cell.split(/\s+-\s+/)[0]!.trim();

/** Buildertrend cost type names to the hub's codes; a connection may map its own (costTypes). */
const STOCK_COST_TYPES: Readonly<Record<string, string>> = {
  labor: 'L', labour: 'L', material: 'M', materials: 'M', subcontractor: 'S', subcontract: 'S', equipment: 'E', other: 'O',
};

export const costTypeOf = (text: string, ctx: ReadContext): string | null => {
  if (text === '') return null;
  const own = Object.entries(ctx.settings.costTypes).find(([k]) => k.toLowerCase() === text.toLowerCase());
  return own?.[1] ?? STOCK_COST_TYPES[text.toLowerCase()] ?? text;
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** "3/2/2026" or "2026-03-02" -> "2026-03-02"; Buildertrend shows US dates. */
export const isoDate = (text: string): string | undefined => {
  const iso = ISO_DATE.exec(text);
  const us = US_DATE.exec(text);
  const [year, month, day] = iso ? [iso[1]!, iso[2]!, iso[3]!] : us ? [us[3]!, us[1]!, us[2]!] : [];
  if (!year || !month || !day) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  // A calendar day only: 2/30 or 13/45 reads back as another day (or none).
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : undefined;
};

/**
 * A person or company named in an export, as a stable id: Buildertrend exports carry names,
 * not ids, so the same name (case aside) is the same party in every file.
 */
export const partyId = (name: string): string => createHash('sha256').update(name.trim().toLowerCase()).digest('hex').slice(0, 16);
