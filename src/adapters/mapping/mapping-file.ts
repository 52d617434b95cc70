import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../../platform/config/env.js';
import { formatProblem, parseMappingDocument, type CostCodeMapping, type MappingProblem, type RefSyntax } from '../../domain/mapping/index.js';
import { readMappingYaml } from './mapping-yaml.js';

/** A connection's mapping file, read and validated. */
export interface MappingFile {
  readonly path: string;
  /** The plain document, as the ImportMapping command carries it. */
  readonly document: unknown;
  readonly mapping: CostCodeMapping;
}

const refuse = (connection: string, path: string, problems: readonly MappingProblem[]): ConfigError =>
  new ConfigError(problems.map((p) => `connections[${connection}].mappingFile (${path}): ${formatProblem(p)}`));

/**
 * Reads the initial mapping of a connection. The connections loader already resolves the path
 * against the config file's folder; a relative path left (a config built in code) resolves
 * against `baseDir`. Any problem stops the hub at boot, naming the connection, file and field.
 * `syntax` follows the connection's books (QuickBooks Desktop: ListIDs or FullNames).
 */
export const readMappingFile = async (connection: string, file: string, baseDir = process.cwd(), syntax: RefSyntax = 'id'): Promise<MappingFile> => {
  const path = isAbsolute(file) ? file : resolve(baseDir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw refuse(connection, path, [{ path: '(file)', message: `cannot be read (${reason})` }]);
  }
  const read = readMappingYaml(text);
  if (!read.ok) throw refuse(connection, path, read.problems);
  const parsed = parseMappingDocument(read.document, syntax);
  if (!parsed.ok) throw refuse(connection, path, parsed.problems);
  return { path, document: read.document, mapping: parsed.mapping };
};
