import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from '../../src/adapters/import-kinds.js';
import { parseColumnMapFile } from '../../src/adapters/imports/column-map-file.js';

const SAMPLE = fileURLToPath(new URL('../../config/import-columns.sample.yaml', import.meta.url));

describe('a connection\'s column map file', () => {
  it('reads the sample shipped in config/', () => {
    const parsed = parseColumnMapFile(readFileSync(SAMPLE, 'utf8'), IMPORT_KINDS);
    expect(parsed).toMatchObject({ ok: true, maps: { 'planswift-takeoff': { columns: { name: 'Description', costCode: 'Cost Code' }, costTypes: { Subcontractor: 'S' } } } });
  });

  it('names every problem by its path', () => {
    const text = 'planswift-takeoff:\n  columns: { colour: Hue, name: 3 }\n  extra: 1\nprocore-budget:\n  columns: {}\n';
    expect(parseColumnMapFile(text, IMPORT_KINDS)).toEqual({ ok: false, problems: [
      'planswift-takeoff.extra: unknown (columns, costTypes)',
      'planswift-takeoff.columns.name: must be text (a column header or a code)',
      expect.stringMatching(/^planswift-takeoff\.columns\.colour: not a field of planswift-takeoff/),
      expect.stringMatching(/^procore-budget: not an import kind \(known: planswift-takeoff, buildertrend-budget, buildertrend-time-clock, buildertrend-bills-pos, buildertrend-change-orders\)/),
    ] });
    expect(parseColumnMapFile('a: [', IMPORT_KINDS)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^not valid YAML/)] });
  });
});
