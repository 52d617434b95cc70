import { isScalar, parseDocument, visit } from 'yaml';
import type { MappingProblem } from '../../domain/mapping/index.js';

export type YamlRead =
  | { readonly ok: true; readonly document: unknown }
  | { readonly ok: false; readonly problems: readonly MappingProblem[] };

/**
 * Every value of a mapping is text or true/false: ids, cost codes, names. YAML would read a
 * plain `01` as 1 and `23.30` as 23.3, losing the code people wrote, so plain numbers are
 * kept as written.
 */
const numbersAsWritten = (doc: ReturnType<typeof parseDocument>): void => {
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string') node.value = node.source;
    },
  });
};

/**
 * Parses a mapping document written in YAML (JSON is YAML too) into plain data for the
 * domain's parser. Syntax errors come back as problems naming the line and column.
 */
export const readMappingYaml = (text: string): YamlRead => {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const at = error.linePos?.[0];
        const message = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
        return { path: at ? `(yaml line ${at.line}, column ${at.col})` : '(yaml)', message };
      }),
    };
  }
  numbersAsWritten(doc);
  return { ok: true, document: doc.toJS() as unknown };
};
