import { mappingRows, type MappingRow } from '../../../domain/mapping/mapping-rows.js';
import { readCostCodesInUse } from '../../../adapters/mapping/cost-codes-in-use.js';
import { page, refusal, type ConsoleView } from '../console-view.js';
import { html } from '../html.js';
import { chosenConnection, connectionPicker } from '../view-parts.js';

const unmappedFirst = (a: MappingRow, b: MappingRow): number => (a.status === b.status ? 0 : a.status === 'UNMAPPED' ? -1 : 1);

/** The bookkeeper: the mapping document, every cost code in use and where it posts, unmapped codes first. */
export const mappingView: ConsoleView = {
  slug: 'mapping', title: 'Mapping', roles: ['bookkeeper'], query: ['connection'], nav: true,
  async render({ query: q, services }) {
    const { connection, problem } = chosenConnection(services, q.connection);
    if (!connection || !services.mappings) return refusal('Mapping', problem ?? 'This hub runs without mappings.', 404);
    const { state } = services.mappings.state(connection);
    if (state.status !== 'Active') return refusal('Mapping', `Connection ${connection} has no mapping yet.`, 404, connectionPicker(services, 'mapping', connection));
    // Names from the books' chart when it can be read; the document still reads well with ids alone.
    const [inUse, chart] = await Promise.all([readCostCodesInUse(services.store, connection), services.chart?.load(connection).catch(() => undefined)]);
    const rows = [...mappingRows(state.mapping, inUse, chart)].sort(unmappedFirst);
    const unmapped = rows.filter((r) => r.status === 'UNMAPPED').length;
    const body = html`${connectionPicker(services, 'mapping', connection)}
<p>Version ${state.version}. <strong class="${unmapped === 0 ? 'good' : 'bad'}">${unmapped} unmapped</strong> of ${rows.length} cost codes in use.${chart ? '' : html` <span class="muted">(The books' chart could not be read: targets show their ids.)</span>`}</p>
<table id="mapping"><thead><tr><th scope="col">Status</th><th scope="col">Project</th><th scope="col">Cost code</th><th scope="col">Type</th><th scope="col">Posts to</th><th scope="col">Target</th><th scope="col">Class</th><th scope="col">Customer:Job</th><th scope="col">Billable</th><th scope="col">Rule</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td class="${r.status === 'UNMAPPED' ? 'bad' : 'good'}">${r.status}</td><td>${r.inUse.projectId}</td><td>${r.inUse.costCode}</td><td>${r.inUse.costType ?? ''}</td>
<td>${r.postsTo}</td><td>${r.targetLabel}</td><td>${r.classLabel}</td><td>${r.jobLabel}</td><td>${r.billable === null ? '' : r.billable ? 'yes' : 'no'}</td><td>${r.rule}</td></tr>`)}</tbody></table>`;
    return page(`Mapping: ${connection}`, body);
  },
};
