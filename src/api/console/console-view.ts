import type { Role } from '../auth/api-keys.js';
import { html, type Html } from './html.js';
import type { ConsoleServices } from './console-services.js';

/** Who is looking, and how they signed in. `csrf` is set for a browser session (cookie). */
export interface Viewer {
  readonly role: Role;
  readonly name: string;
  readonly csrf: string | null;
}

export interface ViewInput {
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly viewer: Viewer;
  readonly services: ConsoleServices;
}

export interface ActionInput extends ViewInput {
  readonly body: Readonly<Record<string, string | undefined>>;
}

/** What a view answers: a page (title and body; the layout adds the rest) or a file to download. */
export type ViewAnswer =
  | { readonly kind: 'page'; readonly title: string; readonly body: Html; readonly status?: number; readonly detail?: string }
  | { readonly kind: 'download'; readonly contentType: string; readonly filename: string; readonly body: string };

/** Where to go after an action, with a message for the next page (Post/Redirect/Get). */
export interface ActionAnswer {
  readonly redirect: string;
}

/**
 * One console screen: GET /console/{slug}, and POST /console/{slug}/{action} for its forms.
 * Roles: admin sees every view; other roles only the views that name them. `query` lists the
 * query parameters the view reads (they are its documented contract, checked before it runs).
 */
export interface ConsoleView {
  readonly slug: string;
  readonly title: string;
  /** The roles (of src/api/auth) that may open it, besides admin. */
  readonly roles: readonly Role[];
  readonly query: readonly string[];
  /** Listed in the navigation (a drill-down or a download is reached from another view). */
  readonly nav: boolean;
  render(input: ViewInput): Promise<ViewAnswer>;
  readonly actions?: Readonly<Record<string, (input: ActionInput) => Promise<ActionAnswer>>>;
}

export const page = (title: string, body: Html, status?: number): ViewAnswer => ({ kind: 'page', title, body, ...(status ? { status } : {}) });

/**
 * A page that refuses: the message shown in the page (after `before`, a form to try again) and,
 * as plain text, the detail of the problem body an API client gets instead of the page.
 */
export const refusal = (title: string, message: string, status: number, before?: Html): ViewAnswer =>
  ({ kind: 'page', title, body: html`${before}<p class="error" role="alert">${message}</p>`, status, detail: message });

export const mayView = (view: Pick<ConsoleView, 'roles'>, role: Role): boolean => role === 'admin' || view.roles.includes(role);
