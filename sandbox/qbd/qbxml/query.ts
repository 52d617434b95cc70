import type { HandlerResult, RequestContext } from './context.js';
import { pickElements } from './ret.js';
import { QbStatus, noMatch, partialQuery } from './status.js';
import { children, textOf, type XmlNode } from './xml.js';

/**
 * The common tail of every query: ID lookups answer 500 for what is missing, filters answer 1
 * when nothing matches, MaxReturned caps the answer, and iterators hand a result set out in
 * pages within one session (api-facts/qbd.md §4, §6).
 */
export const runQuery = (
  ctx: RequestContext, rq: XmlNode, found: ReadonlyArray<{ key: string; id: string | undefined }>,
  render: (id: string) => XmlNode, filtered = false,
): HandlerResult => {
  const names = children(rq, 'IncludeRetElement').map((n) => n.text);
  const show = (ids: readonly string[]) => ids.map((i) => pickElements(render(i), names));
  const max = textOf(rq, 'MaxReturned');
  const cap = max === undefined ? Number.POSITIVE_INFINITY : Number(max);
  const iterator = rq.attrs['iterator'];
  if (iterator === 'Continue') {
    const iteratorId = rq.attrs['iteratorID'] ?? '';
    const open = ctx.iterators.get(iteratorId);
    if (!open || open.request !== rq.name) throw new QbStatus(3120, `Object "${iteratorId}" specified in the request cannot be found.`);
    const page = open.remaining.splice(0, cap);
    if (open.remaining.length === 0) ctx.iterators.delete(iteratorId);
    return { rets: show(page), attrs: { iteratorRemainingCount: String(open.remaining.length), iteratorID: iteratorId } };
  }
  if (iterator === 'Stop') {
    ctx.iterators.delete(rq.attrs['iteratorID'] ?? '');
    return { rets: [] };
  }
  const ids = found.flatMap((f) => (f.id ? [f.id] : []));
  const missing = found.find((f) => !f.id);
  const status = missing ? partialQuery(missing.key) : ids.length === 0 && filtered ? noMatch() : undefined;
  if (iterator === 'Start') {
    const iteratorId = ctx.newIteratorId();
    const page = ids.slice(0, cap);
    const remaining = ids.slice(page.length);
    if (remaining.length > 0) ctx.iterators.set(iteratorId, { request: rq.name, remaining });
    return { rets: show(page), status, attrs: { iteratorRemainingCount: String(remaining.length), iteratorID: iteratorId } };
  }
  return { rets: show(ids.slice(0, cap)), status };
};
