import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callContext } from '../auth/guard.js';
import { executeWrite, type ApiDeps, type WriteResult } from '../http/write.js';
import { idList, queryOf } from '../support/query.js';
import { invalidRequest, notFoundBody } from './input.js';
import type { ProjectRec, ProjectsStore } from './model.js';
import { createProject, createTask, createTimeEntry, patchProject, type Ruled } from './rules.js';
import { timeQuery } from './time-query.js';
import { projectUserIds, projectUsers } from './users.js';
import { paged, projectView, taskView, timeEntryView } from './views.js';

type WithProject = { Params: { projectId: string } };
type WithTask = { Params: { projectId: string; taskId: string } };
type WithEntry = { Params: { projectId: string; timeEntryId: string } };

/** The sandbox organisation's base currency (settings/organisation-view.ts): every project is in it. */
const BASE_CURRENCY = 'USD';

const context = (store: ProjectsStore, request: FastifyRequest) => {
  const { tenantId, org, grant } = callContext(request);
  return { org, grant, book: store.book(tenantId) };
};

const projectOf = (store: ProjectsStore, request: FastifyRequest<WithProject>): ProjectRec | undefined =>
  context(store, request).book.projects.get(request.params.projectId.toLowerCase());

const sendList = <T>(reply: FastifyReply, items: readonly T[], request: FastifyRequest) => {
  const q = queryOf(request);
  const page = paged(items, q.page, q.pageSize);
  return page.error ? reply.code(400).send(invalidRequest(page.error)) : reply.send(page.body);
};

const created = <T>(result: Ruled<T>, view: (value: T) => unknown): WriteResult =>
  (result.ok ? { status: 201, body: view(result.value), commit: true } : { status: 400, body: invalidRequest(result.modelState), commit: false });

const registerProjectRoutes = (app: FastifyInstance, deps: ApiDeps, store: ProjectsStore) => {
  app.get('/Projects', async (request, reply) => {
    const { book } = context(store, request);
    const q = queryOf(request);
    const ids = idList(q.projectIds);
    // One state per call; none means in progress only (both UNCONFIRMED, the stricter reading: facts §11).
    const state = q.states ?? 'INPROGRESS';
    if (state !== 'INPROGRESS' && state !== 'CLOSED') return reply.code(400).send(invalidRequest({ states: ['The states parameter must be INPROGRESS or CLOSED.'] }));
    const projects = [...book.projects.values()]
      .filter((p) => !ids || ids.has(p.projectId))
      .filter((p) => !q.contactID || p.contactId === q.contactID.toLowerCase())
      .filter((p) => p.status === state);
    return sendList(reply, projects.map((p) => projectView(book, p)), request);
  });
  app.get<WithProject>('/Projects/:projectId', async (request, reply) => {
    const project = projectOf(store, request);
    return project ? reply.send(projectView(context(store, request).book, project)) : reply.code(404).send(notFoundBody('Project'));
  });
  app.post('/Projects', (request, reply) => executeWrite(deps, request, reply, (uow) => {
    const { book } = context(store, request);
    return created(createProject(book, uow.org, BASE_CURRENCY, request.body), (p) => projectView(book, p));
  }));
  app.patch<WithProject>('/Projects/:projectId', async (request, reply) => {
    const project = projectOf(store, request);
    if (!project) return reply.code(404).send(notFoundBody('Project'));
    return executeWrite(deps, request, reply, () => {
      const result = patchProject(project, request.body);
      return result.ok ? { status: 204, body: undefined, commit: true } : { status: 400, body: invalidRequest(result.modelState), commit: false };
    });
  });
  app.get('/ProjectsUsers', async (request, reply) => {
    const { org, grant } = context(store, request);
    return sendList(reply, projectUsers(org, grant.user), request);
  });
};

const registerTaskRoutes = (app: FastifyInstance, deps: ApiDeps, store: ProjectsStore) => {
  app.get<WithProject>('/Projects/:projectId/Tasks', async (request, reply) => {
    const project = projectOf(store, request);
    if (!project) return reply.code(404).send(notFoundBody('Project'));
    const { book } = context(store, request);
    const q = queryOf(request);
    const ids = idList(q.taskIds);
    const tasks = book.tasksOf(project.projectId).filter((t) => (!ids || ids.has(t.taskId)) && (!q.chargeType || t.chargeType === q.chargeType));
    return sendList(reply, tasks.map((t) => taskView(book, t, project.currencyCode)), request);
  });
  app.get<WithTask>('/Projects/:projectId/Tasks/:taskId', async (request, reply) => {
    const project = projectOf(store, request);
    const { book } = context(store, request);
    const task = book.tasks.get(request.params.taskId.toLowerCase());
    if (!project || task?.projectId !== project.projectId) return reply.code(404).send(notFoundBody('Task'));
    return reply.send(taskView(book, task, project.currencyCode));
  });
  app.post<WithProject>('/Projects/:projectId/Tasks', async (request, reply) => {
    const project = projectOf(store, request);
    if (!project) return reply.code(404).send(notFoundBody('Project'));
    const { book } = context(store, request);
    return executeWrite(deps, request, reply, () => created(createTask(book, project, request.body), (t) => taskView(book, t, project.currencyCode)));
  });
};

const registerTimeRoutes = (app: FastifyInstance, deps: ApiDeps, store: ProjectsStore) => {
  app.get<WithProject>('/Projects/:projectId/Time', async (request, reply) => {
    const project = projectOf(store, request);
    if (!project) return reply.code(404).send(notFoundBody('Project'));
    const { book } = context(store, request);
    const filter = timeQuery(queryOf(request), book, project);
    if ('error' in filter) return reply.code(400).send(invalidRequest(filter.error));
    return sendList(reply, book.timeOf(project.projectId).filter(filter.matches).map(timeEntryView), request);
  });
  app.get<WithEntry>('/Projects/:projectId/Time/:timeEntryId', async (request, reply) => {
    const entry = context(store, request).book.time.get(request.params.timeEntryId.toLowerCase());
    if (entry?.projectId !== request.params.projectId.toLowerCase()) return reply.code(404).send(notFoundBody('Time entry'));
    return reply.send(timeEntryView(entry));
  });
  app.post<WithProject>('/Projects/:projectId/Time', async (request, reply) => {
    const project = projectOf(store, request);
    if (!project) return reply.code(404).send(notFoundBody('Project'));
    const { book, org, grant } = context(store, request);
    const users = projectUserIds(org, grant.user);
    return executeWrite(deps, request, reply, (uow) => created(createTimeEntry(book, project, users, uow.nowMs, request.body), timeEntryView));
  });
  app.delete<WithEntry>('/Projects/:projectId/Time/:timeEntryId', async (request, reply) => {
    const { book } = context(store, request);
    const entry = book.time.get(request.params.timeEntryId.toLowerCase());
    if (entry?.projectId !== request.params.projectId.toLowerCase()) return reply.code(404).send(notFoundBody('Time entry'));
    book.time.delete(entry.timeEntryId);
    return reply.code(204).send();
  });
};

/**
 * The Projects API under /projects.xro/2.0 (facts §11): camelCase JSON, `{ pagination, items }`
 * lists, 201 on create, `{ message, modelState }` on a 400. Same guard as Accounting
 * (token, tenant, `projects` scope, the tenant's rate limits).
 */
export const registerProjectsApi = async (
  app: FastifyInstance, deps: ApiDeps, guard: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>, store: ProjectsStore,
) => {
  await app.register(async (api) => {
    api.removeContentTypeParser('text/plain');
    api.addHook('onRequest', guard);
    registerProjectRoutes(api, deps, store);
    registerTaskRoutes(api, deps, store);
    registerTimeRoutes(api, deps, store);
  }, { prefix: '/projects.xro/2.0' });
};
