import { Controller, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeProblem, type CellProblem } from '../../adapters/imports/column-map.js';
import { IMPORT_FILE_LIMIT_BYTES, ImportRefusedError } from '../../adapters/imports/import-intake.js';
import { ImportsService, ImportTargetUnknownError } from '../../adapters/imports/imports.service.js';
import { UnreadableFileError } from '../../adapters/imports/tabular-file.js';
import { ChangedBy, problem } from '../../adapters/mapping/mapping-http.js';
import { Access } from '../shared/access.js';

const FILE_BODY = { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'CSV or .xlsx' } } } };

interface Upload {
  readonly fileName: string;
  readonly content: Buffer;
}

/** The one file of a multipart body, or a problem: not multipart (415), no file (400), over the limit (413). */
const uploadOf = async (request: FastifyRequest): Promise<Upload> => {
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) throw problem(415, 'import-not-multipart', 'Unsupported Media Type', 'send the file as multipart/form-data in a part named "file"');
  const part = await request.file();
  if (!part) throw problem(400, 'import-no-file', 'Bad Request', 'the multipart body has no file part');
  try {
    return { fileName: part.filename || 'upload', content: await part.toBuffer() };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw problem(413, 'import-too-large', 'Content Too Large', `${part.filename}: the file is over the import limit of ${IMPORT_FILE_LIMIT_BYTES} bytes`);
    }
    throw error;
  }
};

/** Errors of the intake as problems naming the file, row and column. */
const httpErrorOf = (fileName: string, error: unknown): unknown => {
  if (error instanceof ImportTargetUnknownError) return problem(404, 'not-found', 'Not Found', error.message);
  if (error instanceof UnreadableFileError) return problem(415, 'import-unreadable', 'Unsupported Media Type', `${fileName}: ${error.message}`);
  if (error instanceof ImportRefusedError) return refused(fileName, error.problems);
  return error;
};

const refused = (fileName: string, problems: readonly CellProblem[]) => {
  const shown = problems.slice(0, 3).map((p) => describeProblem(fileName, p)).join('; ');
  const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
  return problem(422, 'import-invalid', 'Unprocessable Content', `nothing was imported: ${shown}${more}`, { file: fileName, problems });
};

/** Exported files (PlanSwift takeoffs, ...) as a source of documents: estimators upload, admins too. */
@ApiTags('imports')
@Access('estimator')
@Controller('imports/:connection/:kind')
@ApiParam({ name: 'connection', type: String })
@ApiParam({ name: 'kind', type: String, description: 'e.g. planswift-takeoff' })
@ApiQuery({ name: 'project', type: String, required: true, description: 'The project id the file is for' })
@ApiResponse({ status: 404, description: 'No such connection or import kind (problem details)' })
@ApiResponse({ status: 413, description: 'Over the import size limit (problem details)' })
@ApiResponse({ status: 415, description: 'Not multipart, or a file that is neither CSV nor .xlsx (problem details)' })
@ApiResponse({ status: 422, description: 'Rows or columns that cannot be read, each with its row and column; nothing imported' })
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @ApiOperation({ summary: 'Import a file: 201 a new revision (with its diff), 200 the same file as the latest revision (nothing changes)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  async upload(@Param('connection') connection: string, @Param('kind') kind: string, @Query('project') project: unknown,
    @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @ChangedBy() uploadedBy: string) {
    known(this.imports, connection, kind);
    const projectId = projectOf(project);
    const file = await uploadOf(request);
    try {
      const outcome = await this.imports.import({ connection, kind, projectId, uploadedBy, ...file });
      void reply.status(outcome.outcome === 'imported' ? HttpStatus.CREATED : HttpStatus.OK);
      return outcome;
    } catch (error) {
      throw httpErrorOf(file.fileName, error);
    }
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'How a file would read (columns found, documents, problems by row and column), importing nothing' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  async check(@Param('connection') connection: string, @Param('kind') kind: string, @Query('project') project: unknown, @Req() request: FastifyRequest) {
    known(this.imports, connection, kind);
    const projectId = projectOf(project);
    const file = await uploadOf(request);
    try {
      return await this.imports.check(connection, kind, projectId, file.content);
    } catch (error) {
      throw httpErrorOf(file.fileName, error);
    }
  }
}

/** An unknown connection or kind is 404 whatever the body: nothing is read before. */
const known = (imports: ImportsService, connection: string, kind: string): void => {
  try {
    imports.target(connection, kind);
  } catch (error) {
    throw httpErrorOf('', error);
  }
};

/** The query's project; a repeated or odd value is a 400 like a missing one. */
const projectOf = (project: unknown): string => {
  const id = typeof project === 'string' ? project.trim() : '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw problem(400, 'invalid-query', 'Bad Request', 'project: required, the project id (letters, digits, "_" or "-")');
  return id;
};
