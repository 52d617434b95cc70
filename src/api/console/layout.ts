import { html, trusted, type Html } from './html.js';
import { mayView, type ConsoleView, type Viewer } from './console-view.js';

/**
 * Plain, high-contrast styles (every text colour at 7:1 or more on its background: WCAG AAA), sized for a
 * laptop; focus is always visible for keyboard users. No script anywhere in the console.
 */
const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b4f8a; --bad: #a4161a; --good: #1b5e20; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--ink); background: #fff; }
header { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.5rem; background: #f2f4f7; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
header strong { font-size: 1.1rem; }
nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
main { padding: 1rem 1.5rem 3rem; max-width: 1400px; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f5a000; outline-offset: 2px; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: .3rem .55rem; text-align: left; vertical-align: top; }
th { background: #f2f4f7; }
td.num, th.num { text-align: right; white-space: nowrap; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
.bad { color: var(--bad); font-weight: 600; }
.good { color: var(--good); font-weight: 600; }
.muted { color: var(--muted); }
.notice { border-left: 4px solid var(--accent); background: #eef4fb; padding: .5rem .8rem; }
.error { border-left: 4px solid var(--bad); background: #fbeeee; padding: .5rem .8rem; }
form.inline { display: inline; }
label { font-weight: 600; margin-right: .3rem; }
input, select, button { font: inherit; padding: .25rem .5rem; }
button { cursor: pointer; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 3px; }
button.secondary { background: #fff; color: var(--accent); }
pre { background: #f6f6f6; border: 1px solid var(--line); padding: .5rem; overflow-x: auto; max-height: 24rem; font-size: 13px; }
details summary { cursor: pointer; color: var(--accent); }
.filters { display: flex; gap: 1rem; align-items: end; flex-wrap: wrap; margin-bottom: 1rem; }
.filters div { display: flex; flex-direction: column; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
`;

export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A hidden field with the session's CSRF token; nothing for a header-key caller (no cookie to ride on). */
export const csrfField = (viewer: Viewer): Html => (viewer.csrf === null ? html`` : html`<input type="hidden" name="csrf" value="${viewer.csrf}">`);

const shell = (title: string, header: Html, body: Html): Html => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Trestle console</title><style>${trusted(STYLE)}</style></head>
<body>${header}<main id="main">${body}</main></body></html>`;

/** A signed-in page: the navigation lists only the views this role may open. */
export const layout = (views: readonly ConsoleView[], current: string, viewer: Viewer, title: string, body: Html): Html => {
  const links = views.filter((v) => v.nav && mayView(v, viewer.role))
    .map((v) => html`<li><a href="/console/${v.slug}"${v.slug === current ? html` aria-current="page"` : ''}>${v.title}</a></li>`);
  const header = html`<header><strong>Trestle console</strong>
<nav aria-label="Screens"><ul>${links}</ul></nav>
<span class="muted">Signed in as ${viewer.name} (${viewer.role})</span>
${viewer.csrf === null ? '' : html`<form class="inline" method="post" action="/console/logout">${csrfField(viewer)}<button type="submit" class="secondary">Sign out</button></form>`}
</header>`;
  return shell(title, header, html`<h1>${title}</h1>${body}`);
};

/** A page with no navigation: sign-in, and refusals for someone not signed in. */
export const bareLayout = (title: string, body: Html): Html => shell(title, html`<header><strong>Trestle console</strong></header>`, body);
