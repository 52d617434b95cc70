import type { FastifyInstance } from 'fastify';
import { SANDBOX_USERS } from '../auth/token-store.js';
import type { ProcoreStore } from '../data/store.js';
import { notFound } from '../http/errors.js';
import { actorOf } from '../http/guards.js';
import { listFilters, sendPage } from '../http/paging.js';
import { checkCompany, findLive, pathId, queryOf, requirePathProject, requireProjectOf } from '../http/params.js';
import {
  budgetLineJsonV10, budgetLineJsonV11, costCodeJson, lineItemTypeJson, projectJson, timecardJson, wbsCodeJson,
} from '../json/core.js';

/** Company, project and the coding the financial records refer to: read-only. */
export const registerReferenceRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  registerCompanyRoutes(app, store);
  registerCodingRoutes(app, store);
  registerBudgetAndTimeRoutes(app, store);
};

const registerCompanyRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  app.get('/rest/v1.0/me', async (request) => {
    const user = actorOf(request).userId === SANDBOX_USERS.service.id ? SANDBOX_USERS.service : SANDBOX_USERS.user;
    return { id: user.id, login: user.login, name: user.name };
  });
  app.get('/rest/v1.0/companies', async () => [{ id: store.company.id, name: store.company.name, is_active: true }]);

  app.get('/rest/v1.0/projects', async (request, reply) => {
    checkCompany(store, queryOf(request), true);
    return sendPage(request, reply, listFilters(request, [store.project]), () => projectJson(store));
  });
  app.get('/rest/v1.0/companies/:company_id/projects', async (request, reply) => {
    if (pathId(request, 'company_id') !== store.company.id) throw notFound('Company');
    return sendPage(request, reply, listFilters(request, [store.project]), () => projectJson(store));
  });
  app.get('/rest/v1.0/projects/:id', async (request) => {
    if (pathId(request) !== store.project.id) throw notFound('Project');
    return projectJson(store);
  });
};

const registerCodingRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  app.get('/rest/v1.0/cost_codes', async (request, reply) => {
    requireProjectOf(store, request);
    return sendPage(request, reply, listFilters(request, store.costCodes.values()), (c) => costCodeJson(store, c));
  });
  app.get('/rest/v1.0/cost_codes/:id', async (request) => {
    requireProjectOf(store, request);
    return costCodeJson(store, findLive(store, store.costCodes, pathId(request), 'Cost Code'));
  });

  app.get('/rest/v1.0/line_item_types', async (request, reply) => {
    checkCompany(store, queryOf(request));
    return sendPage(request, reply, listFilters(request, store.lineItemTypes.values()), lineItemTypeJson);
  });
  app.get('/rest/v1.0/line_item_types/:id', async (request) =>
    lineItemTypeJson(findLive(store, store.lineItemTypes, pathId(request), 'Line Item Type')));

  const wbsPath = '/rest/v1.0/projects/:project_id/work_breakdown_structure/wbs_codes';
  app.get(wbsPath, async (request, reply) => {
    requirePathProject(store, request);
    return sendPage(request, reply, listFilters(request, store.wbsCodes.values()), wbsCodeJson);
  });
  app.get(`${wbsPath}/:id`, async (request) => {
    requirePathProject(store, request);
    return wbsCodeJson(findLive(store, store.wbsCodes, pathId(request), 'WBS Code'));
  });
};

const registerBudgetAndTimeRoutes = (app: FastifyInstance, store: ProcoreStore): void => {
  // The list endpoint is not in the facts (only GET/PATCH by id); served for the reconciliation sweep.
  for (const [version, toJson] of [['v1.0', budgetLineJsonV10], ['v1.1', budgetLineJsonV11]] as const) {
    app.get(`/rest/${version}/budget_line_items`, async (request, reply) => {
      requireProjectOf(store, request);
      return sendPage(request, reply, listFilters(request, store.budgetLines.values()), (b) => toJson(store, b));
    });
    app.get(`/rest/${version}/budget_line_items/:id`, async (request) => {
      requireProjectOf(store, request);
      return toJson(store, findLive(store, store.budgetLines, pathId(request), 'Budget Line Item'));
    });
  }

  const timecards = '/rest/v1.0/projects/:project_id/timecard_entries';
  app.get(timecards, async (request, reply) => {
    requirePathProject(store, request);
    return sendPage(request, reply, listFilters(request, store.timecards.values()), (t) => timecardJson(store, t));
  });
  app.get(`${timecards}/:id`, async (request) => {
    requirePathProject(store, request);
    return timecardJson(store, findLive(store, store.timecards, pathId(request), 'Timecard Entry'));
  });
};
