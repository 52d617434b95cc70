import type { CliIo } from '../command.js';

/** What the hub reports about a running rebuild (GET /admin/projections/{name}/rebuild). */
export interface ProgressSnapshot {
  readonly name: string;
  readonly state: string;
  readonly processed: number;
  readonly total: number | null;
  readonly eventsPerSec: number;
  readonly etaSeconds: number | null;
}

const BAR_WIDTH = 28;

const duration = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  const hours = Math.floor(s / 3600);
  const clock = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${clock.padStart(5, '0')}` : clock;
};

const count = (n: number): string => n.toLocaleString('en-US');

/** One line: `reconciliation [#######.......]  52% 521,000/1,000,000 events  84,211 ev/s  ETA 0:06  building`. */
export const renderProgress = (p: ProgressSnapshot): string => {
  const fraction = p.state === 'done' ? 1 : p.total ? Math.min(1, p.processed / p.total) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = p.total === null && p.state !== 'done' ? '?'.repeat(BAR_WIDTH) : `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
  const of = p.total === null ? '' : `/${count(Math.max(p.total, p.processed))}`;
  const eta = p.etaSeconds === null ? 'ETA --:--' : `ETA ${duration(p.etaSeconds)}`;
  return `${p.name} [${bar}] ${String(Math.round(fraction * 100)).padStart(3)}% ${count(p.processed)}${of} events  ${count(p.eventsPerSec)} ev/s  ${eta}  ${p.state}`;
};

/**
 * Draws progress: redrawn in place on a terminal (cursor up one line, clear it), one line
 * every few seconds otherwise, so a CI log stays readable.
 */
export class ProgressReporter {
  private drawn = false;
  private lastLine = 0;

  constructor(private readonly io: CliIo, private readonly everyMs = 3000, private readonly now: () => number = Date.now) {}

  update(p: ProgressSnapshot, final = false): void {
    const line = renderProgress(p);
    if (this.io.interactive) {
      this.io.err(`${this.drawn ? '\u001b[1A\u001b[2K' : ''}${line}`);
      this.drawn = true;
    } else if (final || this.now() - this.lastLine >= this.everyMs) {
      this.io.err(line);
      this.lastLine = this.now();
    }
  }
}
