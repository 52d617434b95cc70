import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command.js';
import { ProgressReporter, renderProgress } from './progress-bar.js';

const sample = { name: 'reconciliation', state: 'building', processed: 521_000, total: 1_000_000, eventsPerSec: 84_211, etaSeconds: 6 };

describe('rebuild progress', () => {
  it('renders a bar with the count, events per second and the ETA', () => {
    expect(renderProgress(sample)).toBe('reconciliation [###############.............]  52% 521,000/1,000,000 events  84,211 ev/s  ETA 0:06  building');
    expect(renderProgress({ ...sample, total: null, etaSeconds: null })).toContain('[????????????????????????????]   0% 521,000 events  84,211 ev/s  ETA --:--');
    expect(renderProgress({ ...sample, etaSeconds: 3725 })).toContain('ETA 1:02:05');
  });

  it('redraws in place on a terminal, and prints a line every few seconds otherwise', () => {
    const lines: string[] = [];
    const io = (interactive: boolean): CliIo => ({ out: () => undefined, err: (t) => void lines.push(t), interactive });
    const tty = new ProgressReporter(io(true));
    tty.update(sample);
    tty.update(sample);
    expect(lines[1]?.startsWith('\u001b[1A\u001b[2K')).toBe(true);
    lines.length = 0;
    let now = 0;
    const log = new ProgressReporter(io(false), 3000, () => now);
    for (now = 3000; now < 9000; now += 500) log.update(sample);
    log.update({ ...sample, state: 'done' }, true);
    expect(lines).toHaveLength(3);
  });
});
