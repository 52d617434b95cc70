import { html, type Html } from '../html.js';
import { displayMoney } from '../view-parts.js';

export interface ChartGroup {
  readonly label: string;
  readonly budget: number;
  readonly committed: number;
  readonly posted: number;
  readonly paid: number;
}

const SERIES = [
  { key: 'budget', name: 'Budget', colour: '#5b6770' },
  { key: 'committed', name: 'Committed', colour: '#0b4f8a' },
  { key: 'posted', name: 'Posted', colour: '#b35900' },
  { key: 'paid', name: 'Paid', colour: '#1b5e20' },
] as const;

const BAR = 12;
const LABEL_WIDTH = 150;
const PLOT_WIDTH = 560;

/**
 * Budget vs committed vs posted vs paid per cost code, as horizontal bars in inline SVG:
 * no chart library and no script. Each bar has a <title> with its amount; the table above
 * it carries the same numbers for screen readers.
 */
export const budgetChart = (groups: readonly ChartGroup[]): Html => {
  const max = Math.max(1, ...groups.flatMap((g) => SERIES.map((s) => Math.max(0, g[s.key]))));
  const groupHeight = BAR * SERIES.length + 14;
  const height = groups.length * groupHeight + 30;
  const bars = groups.map((g, gi) => {
    const top = gi * groupHeight + 30;
    return html`<g><text x="0" y="${top + (BAR * SERIES.length) / 2 + 4}">${g.label}</text>${SERIES.map((s, si) => {
      const width = Math.round((Math.max(0, g[s.key]) / max) * PLOT_WIDTH);
      return html`<rect x="${LABEL_WIDTH}" y="${top + si * BAR}" width="${width}" height="${BAR - 2}" fill="${s.colour}"><title>${g.label} ${s.name}: ${displayMoney(g[s.key])}</title></rect>`;
    })}</g>`;
  });
  const legend = SERIES.map((s, i) => html`<rect x="${LABEL_WIDTH + i * 120}" y="4" width="12" height="12" fill="${s.colour}"></rect><text x="${LABEL_WIDTH + i * 120 + 16}" y="14">${s.name}</text>`);
  return html`<figure><svg role="img" aria-labelledby="chart-title" width="${LABEL_WIDTH + PLOT_WIDTH + 20}" height="${height}" viewBox="0 0 ${LABEL_WIDTH + PLOT_WIDTH + 20} ${height}" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">Budget, committed, posted and paid per cost code</title>${legend}${bars}</svg>
<figcaption class="muted">Bars to scale; the largest amount is ${displayMoney(max)}.</figcaption></figure>`;
};
