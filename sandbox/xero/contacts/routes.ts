import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callContext } from '../auth/guard.js';
import { runBatch, summarizeErrors } from '../http/batch.js';
import { listResponse, singleResponse } from '../http/listing.js';
import { executeWrite, type ApiDeps } from '../http/write.js';
import { notFound } from '../support/errors.js';
import { queryOf, type Query } from '../support/query.js';
import type { ContactRec } from '../org/model.js';
import { upsertContact } from './contact-rules.js';
import { contactView } from './contact-view.js';

type WithId = { Params: { id: string } };

/** Archived contacts are hidden unless includeArchived=true; searchTerm matches name, number and email. */
const preFilter = (records: ContactRec[], query: Query): ContactRec[] => {
  const term = query.searchTerm?.toLowerCase();
  return records.filter((c) => (query.includeArchived === 'true' || c.ContactStatus === 'ACTIVE')
    && (!term || [c.Name, c.ContactNumber, c.fields.EmailAddress, c.fields.FirstName, c.fields.LastName]
      .some((v) => typeof v === 'string' && v.toLowerCase().includes(term))));
};

const write = (deps: ApiDeps, method: 'PUT' | 'POST', withId: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
  const forcedId = withId ? (request.params as { id: string }).id : undefined;
  if (forcedId && !callContext(request).org.data.contacts.has(forcedId.toLowerCase())) return notFound(reply);
  return executeWrite(deps, request, reply, (uow) => runBatch(request.body, {
    collection: 'Contacts', idKey: 'ContactID', providerName: deps.providerName, summarize: summarizeErrors(request),
    apply: (raw, u) => upsertContact(raw, u, { method, forcedId }),
    view: contactView,
  }, uow));
};

export const registerContactRoutes = (app: FastifyInstance, deps: ApiDeps): void => {
  app.get('/Contacts', async (request, reply) => {
    const { org } = callContext(request);
    return listResponse(request, reply, {
      collection: 'Contacts', providerName: deps.providerName, nowMs: deps.now(),
      records: preFilter([...org.data.contacts.values()], queryOf(request)),
      id: (c) => c.ContactID, updatedMs: (c) => c.updatedMs, view: contactView,
    });
  });
  app.get<WithId>('/Contacts/:id', async (request, reply) => {
    const { org } = callContext(request);
    const contact = org.data.contacts.get(request.params.id.toLowerCase()) ?? org.contactByNumber(request.params.id);
    if (!contact) return notFound(reply);
    return singleResponse(reply, deps.providerName, deps.now(), 'Contacts', contactView(contact));
  });
  app.put('/Contacts', write(deps, 'PUT', false));
  app.post('/Contacts', write(deps, 'POST', false));
  app.post<WithId>('/Contacts/:id', write(deps, 'POST', true));
};
