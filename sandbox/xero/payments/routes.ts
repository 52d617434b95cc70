import type { FastifyInstance } from 'fastify';
import { callContext } from '../auth/guard.js';
import { runBatch, summarizeErrors } from '../http/batch.js';
import { listResponse, singleResponse } from '../http/listing.js';
import { executeWrite, type ApiDeps } from '../http/write.js';
import { notFound } from '../support/errors.js';
import { createPayment, deletePayment } from './payment-rules.js';
import { paymentView } from './payment-view.js';

type WithId = { Params: { id: string } };

/** PUT /Payments takes an array, POST /Payments a single payment; POST /Payments/{id} only deletes. */
export const registerPaymentRoutes = (app: FastifyInstance, deps: ApiDeps): void => {
  app.get('/Payments', async (request, reply) => {
    const { org } = callContext(request);
    return listResponse(request, reply, {
      collection: 'Payments', providerName: deps.providerName, nowMs: deps.now(), records: [...org.data.payments.values()],
      id: (p) => p.PaymentID, updatedMs: (p) => p.updatedMs, view: (p) => paymentView(p, org),
    });
  });
  app.get<WithId>('/Payments/:id', async (request, reply) => {
    const { org } = callContext(request);
    const payment = org.data.payments.get(request.params.id.toLowerCase());
    if (!payment) return notFound(reply);
    return singleResponse(reply, deps.providerName, deps.now(), 'Payments', paymentView(payment, org));
  });
  for (const method of ['PUT', 'POST'] as const) {
    app.route({
      method, url: '/Payments',
      handler: (request, reply) => executeWrite(deps, request, reply, (uow) => runBatch(request.body, {
        collection: 'Payments', idKey: 'PaymentID', providerName: deps.providerName, summarize: summarizeErrors(request),
        apply: createPayment, view: (p) => paymentView(p, uow.org),
      }, uow)),
    });
  }
  app.post<WithId>('/Payments/:id', async (request, reply) => {
    const payment = callContext(request).org.data.payments.get(request.params.id.toLowerCase());
    if (!payment) return notFound(reply);
    return executeWrite(deps, request, reply, (uow) => runBatch(request.body, {
      collection: 'Payments', idKey: 'PaymentID', providerName: deps.providerName, summarize: summarizeErrors(request),
      apply: (raw, u) => deletePayment(u.org.data.payments.get(payment.PaymentID) ?? payment, raw, u), view: (p) => paymentView(p, uow.org),
    }, uow));
  });
};
