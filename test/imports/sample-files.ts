import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { EventStore, RecordedEvent } from '../../src/eventstore/index.js';

export const SAMPLE_TAKEOFF = fileURLToPath(new URL('../../sandbox/sample/files/planswift-takeoff-riverside.csv', import.meta.url));
export const SAMPLE_TAKEOFF_REV2 = fileURLToPath(new URL('../../sandbox/sample/files/planswift-takeoff-riverside-rev2.csv', import.meta.url));

const PART_TYPES: Record<string, string> = { Material: 'M', Labor: 'L', Sub: 'S', Other: 'O', Equipment: 'E' };

/**
 * The budget the test expects, computed another way than the hub does: PlanSwift's own
 * "Cost Total" of every part that has an item number, summed per item number and part type
 * in integer cents (the hub multiplies Qty by Cost Each and ignores the parents' totals).
 */
export const expectedBudget = (path: string): Record<string, number> => {
  const rows = parse(readFileSync(path), { columns: true }) as Array<Record<string, string>>;
  const sums: Record<string, number> = {};
  for (const r of rows) {
    if (r['Item Type'] !== 'Part' || !r['Item #']) continue;
    const text = r['Cost Total']!;
    const negative = text.startsWith('(');
    const [whole, fraction] = text.replace(/[($),]/g, '').split('.');
    const cents = Number(whole) * 100 + Number(fraction ?? 0);
    const key = `${r['Item #']}|${PART_TYPES[r['Part Type']!]}`;
    sums[key] = (sums[key] ?? 0) + (negative ? -cents : cents);
  }
  return sums;
};

/** Every cost code and type the two sample takeoffs have ("22-11-00:M"), and one a test file without a type uses. */
export const SAMPLE_CELLS: readonly string[] = [...new Set([...Object.keys(expectedBudget(SAMPLE_TAKEOFF)), ...Object.keys(expectedBudget(SAMPLE_TAKEOFF_REV2)), '22-11-00|'])]
  .map((k) => k.replace('|', ':')).sort();

/**
 * The budget line streams of those cells, read stream by stream: a read of $all may stop
 * short of events just committed while other commits settle, a stream read never does.
 */
export const budgetLineStreams = async (store: EventStore, connection: string, projectId = '2468013'): Promise<Map<string, RecordedEvent[]>> => {
  const streams = SAMPLE_CELLS.map((cell) => `${connection}.planswift.budget_line-${projectId}:${cell}`);
  const events = await Promise.all(streams.map((s) => store.readStream(s)));
  return new Map(streams.map((s, i) => [s, events[i]!]).filter(([, e]) => e!.length > 0) as Array<[string, RecordedEvent[]]>);
};
