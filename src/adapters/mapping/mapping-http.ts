import { createParamDecorator, HttpException, Injectable, type ExecutionContext, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatProblem, type MappingProblem } from '../../domain/mapping/index.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { BooksChart } from '../../domain/mapping/index.js';
import { ChartUnavailableError, type ChartOfAccountsSource } from './chart-of-accounts.js';
import { readMappingYaml } from './mapping-yaml.js';

/** Media types a mapping body may come in as YAML (text/plain is parsed to a string by Fastify already). */
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'] as const;

/** An RFC 9457 problem the hub's ProblemDetailsFilter passes through as it is. */
export const problem = (status: number, slug: string, title: string, detail: string, extra: Record<string, unknown> = {}): HttpException =>
  new HttpException({ type: `https://trestle.dev/problems/${slug}`, title, status, detail, ...extra }, status);

/** 400 naming every problem with its path, e.g. `rules[3].account: expected an id ...`. */
export const invalidMapping = (problems: readonly MappingProblem[]): HttpException => {
  const shown = problems.slice(0, 3).map(formatProblem).join('; ');
  const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
  return problem(400, 'mapping-invalid', 'Invalid mapping', `${problems.length} problem(s): ${shown}${more}`, { problems });
};

/** A request body as plain data: YAML text is parsed (numbers kept as written), JSON is already data. */
export const documentOfBody = (body: unknown): unknown => {
  if (typeof body !== 'string') return body;
  const read = readMappingYaml(body);
  if (!read.ok) throw invalidMapping(read.problems);
  return read.document;
};

/** The domain refuses bad input with coded errors; over HTTP they are 400 (with the list) and 409. */
export const httpErrorOf = (error: unknown): unknown => {
  if (!(error instanceof DomainError)) return error;
  if (error.code === 'MAPPING_INVALID') return invalidMapping((error.details?.problems as MappingProblem[] | undefined) ?? []);
  if (error.code === 'MAPPING_NOT_IMPORTED') return problem(409, 'mapping-not-imported', 'Conflict', error.message);
  return error;
};

/** The live chart, or a 503 problem saying what could not be done without it (`consequence`). */
export const chartOr503 = async (chart: ChartOfAccountsSource, connection: string, consequence: string): Promise<BooksChart> => {
  try {
    return await chart.load(connection);
  } catch (error) {
    const detail = error instanceof ChartUnavailableError ? error.message : `the books' chart could not be loaded: ${(error as Error).message}`;
    throw problem(503, 'chart-unavailable', 'Service Unavailable', `${detail}; ${consequence}`);
  }
};

/** Who makes a change: the name of the API key the guard accepted (`request.apiKey`). */
export const ChangedBy = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { apiKey?: { name?: string } }>();
  return request.apiKey?.name ?? 'unknown';
});

/** Lets the mapping routes take YAML bodies; registered before the server listens. */
@Injectable()
export class MappingHttpSetup implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.addContentTypeParser !== 'function') return;
    const missing = YAML_TYPES.filter((type) => !fastify.hasContentTypeParser(type));
    if (missing.length > 0) fastify.addContentTypeParser([...missing], { parseAs: 'string' }, (_request, body, done) => done(null, body));
  }
}
