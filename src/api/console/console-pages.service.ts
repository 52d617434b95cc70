import { ForbiddenException, HttpException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyRing } from '../auth/api-keys.js';
import { PROBLEM_BASE } from '../../platform/web/problem-details.filter.js';
import { ConsoleServices } from './console-services.js';
import { mayView, type ConsoleView, type ViewAnswer, type Viewer } from './console-view.js';
import { html, type Html } from './html.js';
import { bareLayout, CONTENT_SECURITY_POLICY, layout } from './layout.js';
import { csrfMatches, csrfToken, sessionOf } from './session-cookie.js';
import { CONSOLE_VIEWS } from './views/index.js';

type Form = Readonly<Record<string, string | undefined>>;

/** The key from `x-api-key` or `Authorization: Bearer`: scripts and API clients, as on every other route. */
const headerKey = (request: FastifyRequest): string | undefined => {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = request.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
};

const problem = (status: 401 | 403 | 404, detail: string) => {
  const body = { type: `https://trestle.dev/problems/${status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'not-found'}`, title: status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found', status, detail };
  return status === 401 ? new UnauthorizedException(body) : status === 403 ? new ForbiddenException(body) : new NotFoundException(body);
};

/** Only plain string values of a form or query; repeated or nested values are dropped. */
const stringsOf = (value: unknown): Form =>
  Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));

const errorText = (error: HttpException): string => {
  const body = error.getResponse();
  if (typeof body === 'object' && body !== null && 'detail' in body) return String((body as { detail: unknown }).detail);
  return error.message;
};

/**
 * Serves every view: who is asking (session cookie, or an API key header), may their role
 * see it, then the view's page inside the layout. Browsers get HTML (a sign-in redirect, a
 * 403 page); API clients get the same problem bodies as the REST routes.
 */
@Injectable()
export class ConsolePages {
  constructor(private readonly keys: ApiKeyRing, private readonly services: ConsoleServices) {}

  /** The signed-in viewer, or undefined. A header key wins over a cookie. */
  identify(request: FastifyRequest): Viewer | undefined {
    const key = headerKey(request);
    if (key !== undefined) {
      const entry = this.keys.identify(key);
      return entry && { role: entry.role, name: entry.name, csrf: null };
    }
    const session = sessionOf(request.headers.cookie);
    const entry = session && this.keys.identify(session.key);
    return entry && session && { role: entry.role, name: entry.name, csrf: csrfToken(session) };
  }

  async show(view: ConsoleView, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const viewer = this.admit(view, request, reply);
    if (!viewer) return;
    let answer: ViewAnswer;
    try {
      answer = await view.render({ query: stringsOf(request.query), viewer, services: this.services });
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      answer = { kind: 'page', title: view.title, body: html`<p class="error" role="alert">${errorText(error)}</p>`, status: error.getStatus() };
    }
    // An API client (key in the header, no session) gets the refusal as a problem body, as on every route.
    if (answer.kind === 'page' && viewer.csrf === null && (answer.status ?? 200) >= 400) {
      throw new HttpException({ type: `${PROBLEM_BASE}console-refused`, title: answer.title, status: answer.status, detail: answer.detail ?? answer.title }, answer.status!);
    }
    if (answer.kind === 'download') {
      void reply.header('content-type', answer.contentType).header('content-disposition', `attachment; filename="${answer.filename}"`).send(answer.body);
      return;
    }
    this.sendHtml(reply, answer.status ?? 200, layout(CONSOLE_VIEWS, view.slug, viewer, answer.title, answer.body));
  }

  async act(view: ConsoleView, action: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const viewer = this.admit(view, request, reply);
    if (!viewer) return;
    const body = stringsOf(request.body);
    // A cookie rides along with any request the browser makes; the form's token proves the page was ours.
    if (viewer.csrf !== null && !csrfMatches(sessionOf(request.headers.cookie)!, body.csrf)) {
      this.sendHtml(reply, 403, layout(CONSOLE_VIEWS, view.slug, viewer, 'Form expired', html`<p class="error" role="alert">This form's security token does not match your session. <a href="/console/${view.slug}">Reload the page</a> and try again.</p>`));
      return;
    }
    const run = view.actions?.[action];
    if (!run) throw problem(404, `the ${view.slug} view has no action ${action}`);
    const answer = await run({ query: stringsOf(request.query), body, viewer, services: this.services });
    void reply.code(303).header('location', answer.redirect).send();
  }

  sendHtml(reply: FastifyReply, status: number, body: Html): void {
    void reply.code(status).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin').send(body.text);
  }

  /** The viewer when allowed; otherwise the refusal is sent (or thrown as a problem) and undefined returned. */
  private admit(view: ConsoleView, request: FastifyRequest, reply: FastifyReply): Viewer | undefined {
    const viewer = this.identify(request);
    const browser = headerKey(request) === undefined && (request.headers.accept ?? '').includes('text/html');
    if (!viewer) {
      if (!browser) throw problem(401, headerKey(request) === undefined ? 'sign in at /console/login, or send an API key in the x-api-key header' : 'the API key is not valid');
      void reply.code(303).header('location', '/console/login').send();
      return undefined;
    }
    if (mayView(view, viewer.role)) return viewer;
    const detail = `the ${view.title} screen needs the ${view.roles.join(' or ')} role; you are signed in as ${viewer.role}`;
    if (viewer.csrf === null) throw problem(403, detail);
    this.sendHtml(reply, 403, layout(CONSOLE_VIEWS, view.slug, viewer, 'Not for this role', html`<p class="error" role="alert">${detail}.</p>`));
    return undefined;
  }

  /** For the sign-in page and the index. */
  bare(reply: FastifyReply, status: number, title: string, body: Html): void {
    this.sendHtml(reply, status, bareLayout(title, body));
  }
}
