import { BadRequestException, HttpException } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { unsafeTextReason } from '../../domain/shared/safe-text.js';
import { PROBLEM_BASE } from './problem-details.filter.js';
import { MAX_URL_LENGTH } from './transport-limits.js';

/** No query or path value needs more; longer ones are refused before any route sees them. */
export const MAX_VALUE_LENGTH = 1000;

interface ParamRule {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
}

/** What one documented operation accepts in its query. */
interface Operation {
  readonly query: ReadonlyMap<string, ParamRule>;
  readonly path: ReadonlyMap<string, ParamRule>;
}

type Where = 'query' | 'path';

const NO_PARAMETERS: Operation = { query: new Map(), path: new Map() };

const invalid = (where: Where, name: string, detail: string): HttpException => {
  // JSON quoting escapes whatever the name holds (it may be the hostile part).
  const quoted = JSON.stringify(name.slice(0, 64));
  const message = `${where} parameter ${quoted} ${detail}`;
  return new BadRequestException({ type: `${PROBLEM_BASE}invalid-parameter`, title: 'Bad Request', status: 400, detail: message, errors: [message], parameter: { in: where, name: name.slice(0, 64) } });
};

/** Why a value is refused, or undefined when it is acceptable text for any parameter. */
const unsafeText = (value: string): string | undefined => {
  if (value.length > MAX_VALUE_LENGTH) return `is longer than ${MAX_VALUE_LENGTH} characters`;
  return unsafeTextReason(value);
};

/** The documented schema, where it says something checkable: numbers in bounds, enums. */
const breaksRule = (value: string, rule: ParamRule | undefined): string | undefined => {
  if (!rule) return undefined;
  if (rule.type === 'number' || rule.type === 'integer') {
    const n = Number(value);
    const min = rule.minimum ?? -Number.MAX_SAFE_INTEGER;
    const max = rule.maximum ?? Number.MAX_SAFE_INTEGER;
    const integer = rule.type === 'integer';
    if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
      return `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`;
    }
  }
  if (rule.enum && !rule.enum.includes(value)) return `must be one of ${rule.enum.join(', ')}`;
  return undefined;
};

const ruleOf = (param: { schema?: ParamRule & { items?: unknown } }): ParamRule => param.schema ?? {};

/** OpenAPI paths use {name}; Fastify's route templates use :name. */
const routeKey = (method: string, openApiPath: string): string => `${method.toUpperCase()} ${openApiPath.replace(/\{([^}]+)\}/g, ':$1')}`;

const operationsOf = (document: OpenAPIObject): Map<string, Operation> => {
  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { parameters?: unknown[] }>)) {
      const params = (op.parameters ?? []) as Array<{ in: string; name: string; schema?: ParamRule }>;
      const of = (where: string) => new Map(params.filter((p) => p.in === where).map((p) => [p.name, ruleOf(p)]));
      operations.set(routeKey(method, path), { query: of('query'), path: of('path') });
    }
  }
  return operations;
};

/**
 * Every query and path value of every request is checked here, once, before routes and
 * their DTOs run: no control characters, well-formed Unicode, bounded length, one value per
 * name, numbers within the documented bounds, enums. On a documented route, a query
 * parameter the OpenAPI document does not list is refused: the document is the contract.
 */
export class InputGuard {
  private operations = new Map<string, Operation>();

  /** Learns each route's parameters from the OpenAPI document the hub serves. */
  learn(document: OpenAPIObject): void {
    this.operations = operationsOf(document);
  }

  /** Throws a 400 (or 414) HttpException naming the first parameter that is not acceptable. */
  check(request: FastifyRequest): void {
    if (request.url.length > MAX_URL_LENGTH) {
      throw new HttpException({ type: `${PROBLEM_BASE}uri-too-long`, title: 'URI Too Long', status: 414, detail: `the URL is longer than ${MAX_URL_LENGTH} characters` }, 414);
    }
    const operation = this.operationOf(request);
    for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) {
      this.checkValue('path', name, value, operation?.path.get(name));
    }
    for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
      const nameProblem = unsafeText(name);
      if (nameProblem) throw invalid('query', name, `name ${nameProblem}`);
      if (operation && !operation.query.has(name)) {
        throw invalid('query', name, `is not a parameter of this route${operation.query.size ? ` (it takes ${[...operation.query.keys()].join(', ')})` : ''}`);
      }
      this.checkValue('query', name, value, operation?.query.get(name));
    }
  }

  /**
   * The route's documented parameters. HEAD is GET's. A route the document leaves out (health,
   * metrics) takes no query parameter; the OpenAPI UI's own routes are not checked.
   */
  private operationOf(request: FastifyRequest): Operation | undefined {
    const template = request.routeOptions.url;
    if (template === undefined || template === '/docs' || template.startsWith('/docs/')) return undefined;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    return this.operations.get(`${method} ${template}`) ?? NO_PARAMETERS;
  }

  private checkValue(where: Where, name: string, value: unknown, rule: ParamRule | undefined): void {
    if (Array.isArray(value)) {
      if (rule?.type !== 'array') throw invalid(where, name, 'is given more than once');
      for (const one of value) this.checkValue(where, name, one, undefined);
      return;
    }
    if (typeof value !== 'string') return;
    const problem = unsafeText(value) ?? breaksRule(value, rule);
    if (problem) throw invalid(where, name, problem);
  }
}
