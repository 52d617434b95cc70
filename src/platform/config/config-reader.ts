/**
 * Reads one plain object of a config file, field by field, collecting every problem with
 * its full path (`connections[acme].accounting.realmId: required`) instead of stopping
 * at the first, so one boot attempt tells the integrator everything that is wrong.
 */
export class ConfigReader {
  constructor(
    private readonly value: Record<string, unknown>,
    readonly path: string,
    private readonly problems: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** A reader for a nested object, or undefined (with a problem) when it is missing or not an object. */
  static of(value: unknown, path: string, problems: string[], env: NodeJS.ProcessEnv): ConfigReader | undefined {
    if (!isPlainObject(value)) {
      problems.push(`${path}: ${value === undefined ? 'required' : 'must be a mapping'}`);
      return undefined;
    }
    return new ConfigReader(value, path, problems, env);
  }

  problem(field: string | undefined, message: string): void {
    this.problems.push(`${field === undefined ? this.path : this.at(field)}: ${message}`);
  }

  at(field: string): string {
    return `${this.path}.${field}`;
  }

  /** Fields the schema does not know are errors: a typo (`realmID`) must not be silently ignored. */
  onlyKnown(fields: readonly string[]): void {
    for (const key of Object.keys(this.value)) if (!fields.includes(key)) this.problem(key, 'unknown field');
  }

  has(field: string): boolean {
    return this.value[field] !== undefined && this.value[field] !== null;
  }

  raw(field: string): unknown {
    return this.value[field];
  }

  child(field: string): ConfigReader | undefined {
    return ConfigReader.of(this.value[field], this.at(field), this.problems, this.env);
  }

  string(field: string): string | undefined;
  string(field: string, fallback: string): string;
  string(field: string, fallback?: string): string | undefined {
    const raw = this.value[field];
    if (raw === undefined || raw === null) {
      if (fallback === undefined) this.problem(field, 'required');
      return fallback;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      this.problem(field, 'must be a string');
      return undefined;
    }
    const resolved = this.resolveEnv(field, String(raw));
    if (resolved === undefined) return undefined;
    if (resolved.trim() === '') {
      this.problem(field, 'must not be empty');
      return undefined;
    }
    return resolved;
  }

  optionalString(field: string): string | undefined {
    return this.has(field) ? this.string(field) : undefined;
  }

  url(field: string, fallback?: string): string | undefined {
    const text = fallback === undefined ? this.string(field) : this.string(field, fallback);
    if (text === undefined) return undefined;
    try {
      const url = new URL(text);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') this.problem(field, `protocol ${url.protocol} is not http: or https:`);
    } catch {
      this.problem(field, 'is not a URL');
    }
    return text.replace(/\/+$/, '');
  }

  integer(field: string, fallback: number, min: number, max: number): number {
    const raw = this.value[field];
    if (raw === undefined || raw === null) return fallback;
    const value = typeof raw === 'string' ? Number(this.resolveEnv(field, raw)) : raw;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problem(field, `must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  /** true or false (YAML's), or the fallback when absent. */
  boolean(field: string, fallback: boolean): boolean {
    const raw = this.value[field];
    if (raw === undefined || raw === null) return fallback;
    if (typeof raw !== 'boolean') {
      this.problem(field, 'must be true or false');
      return fallback;
    }
    return raw;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], fallback?: T): T | undefined {
    const text = fallback === undefined ? this.string(field) : this.string(field, fallback);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      this.problem(field, `"${text}" is not one of ${allowed.join(', ')}`);
      return undefined;
    }
    return text as T;
  }

  stringList(field: string): string[] | undefined {
    const raw = this.value[field];
    if (raw === undefined || raw === null) return undefined;
    if (!Array.isArray(raw)) {
      this.problem(field, 'must be a list');
      return undefined;
    }
    const out: string[] = [];
    raw.forEach((item, index) => {
      if (typeof item !== 'string' && typeof item !== 'number') this.problem(`${field}[${index}]`, 'must be a string');
      else out.push(this.resolveEnv(`${field}[${index}]`, String(item)) ?? '');
    });
    return out;
  }

  /** `${NAME}` anywhere in the text is replaced by that environment variable; unset is an error. */
  private resolveEnv(field: string, text: string): string | undefined {
    let missing = false;
    const resolved = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const value = this.env[name];
      if (value === undefined || value === '') {
        this.problem(field, `environment variable ${name} is not set`);
        missing = true;
        return '';
      }
      return value;
    });
    return missing ? undefined : resolved;
  }
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
