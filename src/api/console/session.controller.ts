import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyRing } from '../auth/api-keys.js';
import { Public } from '../auth/roles.decorator.js';
import { ConsolePages } from './console-pages.service.js';
import { mayView } from './console-view.js';
import { html } from './html.js';
import { clearedCookie, csrfMatches, newSession, sessionCookie, sessionOf } from './session-cookie.js';
import { CONSOLE_VIEWS } from './views/index.js';

const signInForm = (message?: string) => html`
${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<form method="post" action="/console/login" style="max-width: 28rem">
  <p>Sign in with the API key you were given. Your role decides the screens you see.</p>
  <div class="filters"><div>
    <label for="key">API key</label>
    <input id="key" name="key" type="password" autocomplete="current-password" required size="40" autofocus>
  </div>
  <button type="submit">Sign in</button></div>
</form>`;

/** Sign-in and sign-out, and /console itself (the role's first screen). Not API routes: out of the OpenAPI document. */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleSessionController {
  constructor(private readonly pages: ConsolePages, private readonly keys: ApiKeyRing) {}

  @Get()
  index(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const viewer = this.pages.identify(request);
    const first = viewer && CONSOLE_VIEWS.find((v) => v.nav && mayView(v, viewer.role));
    void reply.code(303).header('location', first ? `/console/${first.slug}` : '/console/login').send();
  }

  @Get('login')
  form(@Res() reply: FastifyReply): void {
    this.pages.bare(reply, 200, 'Sign in', signInForm());
  }

  /** A wrong key is a 401 page with the form again; a right one sets the session cookie and goes to the role's screen. */
  @Post('login')
  @HttpCode(303)
  login(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const key = (request.body as { key?: unknown } | undefined)?.key;
    if (typeof key !== 'string' || key.length === 0 || key.length > 1000 || !this.keys.identify(key)) {
      this.pages.bare(reply, 401, 'Sign in', signInForm('That API key is not valid.'));
      return;
    }
    void reply.code(303).header('set-cookie', sessionCookie(newSession(key), request.protocol === 'https')).header('location', '/console').send();
  }

  @Post('logout')
  @HttpCode(303)
  logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const session = sessionOf(request.headers.cookie);
    // Signing someone out is harmless, but a forged form must not do it either.
    if (session && !csrfMatches(session, (request.body as { csrf?: unknown } | undefined)?.csrf)) {
      this.pages.bare(reply, 403, 'Form expired', html`<p class="error" role="alert">This form's security token does not match your session. <a href="/console">Back to the console</a>.</p>`);
      return;
    }
    void reply.code(303).header('set-cookie', clearedCookie(request.protocol === 'https')).header('location', '/console/login').send();
  }
}
