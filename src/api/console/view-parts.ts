import { formatMoney, type Cents } from '../../domain/shared/money.js';
import type { ConsoleServices } from './console-services.js';
import { html, type Html } from './html.js';

/** Cents as the books print them: 1234567 -> "12,345.67". */
export const displayMoney = (amount: number): string => {
  const [whole = '0', fraction = '00'] = formatMoney(amount as Cents).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  return `${sign}${whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
};

export const moneyCell = (amount: number, flagNonZero = false): Html =>
  html`<td class="num${flagNonZero && amount !== 0 ? ' bad' : ''}">${displayMoney(amount)}</td>`;

const CONNECTION = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The connection asked for, or the first the hub knows; undefined with a message when neither is usable. */
export const chosenConnection = (services: ConsoleServices, asked: string | undefined): { connection?: string; problem?: string } => {
  const known = services.connections();
  if (asked !== undefined && asked !== '') {
    if (!CONNECTION.test(asked) || (known.length > 0 && !known.includes(asked))) return { problem: `There is no connection named "${asked.slice(0, 64)}".` };
    return { connection: asked };
  }
  return known[0] === undefined ? { problem: 'The hub has no connection yet.' } : { connection: known[0] };
};

/** The project asked for, when the reconciliation holds a document of it; a message otherwise (as the finance REST routes' 404). */
export const unknownProject = async (services: ConsoleServices, connection: string, project: string | undefined): Promise<string | undefined> => {
  if (project === undefined || project === '') return undefined;
  if (await services.reconciliation.holds({ connection, project: project.slice(0, 64) })) return undefined;
  return `There is no project "${project.slice(0, 64)}" in connection ${connection}.`;
};

/** A GET form choosing the connection (and whatever other fields the view passes). */
export const connectionPicker = (services: ConsoleServices, slug: string, connection: string | undefined, extra: Html = html``): Html => html`
<form class="filters" method="get" action="/console/${slug}">
  <div><label for="connection">Connection</label>
  <select id="connection" name="connection">${services.connections().map((c) => html`<option${c === connection ? html` selected` : ''}>${c}</option>`)}</select></div>
  ${extra}
  <div><button type="submit">Show</button></div>
</form>`;

export const notice = (text: string | undefined): Html => (text ? html`<p class="notice" role="status">${text}</p>` : html``);

export const problemText = (text: string): Html => html`<p class="error" role="alert">${text}</p>`;

/** Pretty JSON for payloads, escaped by the tag. */
export const json = (value: unknown): Html => html`<pre>${JSON.stringify(value, null, 2)}</pre>`;
