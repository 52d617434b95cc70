/**
 * The console's only way to write HTML: every interpolated value is escaped unless it is
 * already Html (built by this same tag), so text from events, payloads or the books can
 * never become markup.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const render = (part: Part): string => {
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  if (part === null || part === undefined || part === false) return '';
  return escapeHtml(String(part));
};

export const html = (strings: TemplateStringsArray, ...parts: readonly Part[]): Html =>
  new Html(strings.reduce((out, s, i) => out + s + (i < parts.length ? render(parts[i]) : ''), ''));

/** A query string from named values, skipping empty ones; escaped when interpolated. */
export const query = (values: Readonly<Record<string, string | undefined>>): string => {
  const pairs = Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`;
};

/** Markup written in this code base (the style sheet, an SVG built from numbers), never text from outside. */
export const trusted = (markup: string): Html => new Html(markup);
