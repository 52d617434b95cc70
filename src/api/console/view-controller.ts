import { applyDecorators, Controller, Get, HttpCode, Param, Post, Req, Res, type Type } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../auth/api-keys.js';
import { Public } from '../auth/roles.decorator.js';
import { ConsolePages } from './console-pages.service.js';
import type { ConsoleView } from './console-view.js';

/**
 * In the OpenAPI document like every route: the query parameters the view reads (the input
 * guard refuses others) and its roles. The API-key guard lets it through (@Public); ConsolePages
 * checks the session cookie or the key itself, so a browser is sent to sign in rather than a 401.
 */
const documented = (view: ConsoleView, summary: string) => applyDecorators(
  Public(), ApiTags('console'), ApiSecurity('apiKey'), ApiExtension('x-roles', rolesOf(view)), ApiOperation({ summary }),
);

/** The roles that may open the view (admin's alone when it names none). */
const rolesOf = (view: ConsoleView): Role[] => (view.roles.length > 0 ? [...view.roles] : ['admin']);

/** GET /console/{slug} and POST /console/{slug}/{action}, for one view. */
export const viewController = (view: ConsoleView): Type => {
  const queries = view.query.map((name) => ApiQuery({ name, required: false, type: String }));

  @Controller('console')
  class ViewController {
    constructor(readonly pages: ConsolePages) {}

    @Get(view.slug)
    @documented(view, `Console: ${view.title} (HTML)`)
    @ApiProduces('text/html')
    @applyDecorators(...queries)
    async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
      await this.pages.show(view, request, reply);
    }

    /** A route only when the view has forms (see below). */
    async act(@Param('action') action: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
      await this.pages.act(view, action, request, reply);
    }
  }
  if (view.actions) {
    const act = Object.getOwnPropertyDescriptor(ViewController.prototype, 'act')!;
    applyDecorators(
      Post(`${view.slug}/:action`), HttpCode(303), documented(view, `Console: a form of the ${view.title} screen (303 back to a page)`),
      ApiParam({ name: 'action', type: String, description: `One of: ${Object.keys(view.actions).join(', ')}` }),
    )(ViewController.prototype, 'act', act);
  }
  Object.defineProperty(ViewController, 'name', { value: `Console_${view.slug.replace(/-/g, '_')}_Controller` });
  return ViewController;
};
