import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, found from this file whether it runs from src/ (tests) or dist/src/ (npm start). */
export const projectRoot = (from: string = import.meta.dirname): string => {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'config'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no project root above ${from}`);
  }
};
