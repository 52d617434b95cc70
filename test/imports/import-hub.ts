import { AuthModule } from '../../src/api/auth/auth.module.js';
import { ImportsApiModule } from '../../src/api/imports/imports-api.module.js';
import { IMPORT_KINDS } from '../../src/adapters/import-kinds.js';
import { ImportsModule } from '../../src/adapters/imports/imports.module.js';
import { startTestHub, type TestHub } from '../support/hub.js';

export const IMPORT_KEYS = { estimator: 'estimator-key-01234567', finance: 'finance-key-0123456789', admin: 'admin-key-0123456789ab' } as const;

export interface ImportHub extends TestHub {
  upload(path: string, file: Buffer | string, fileName: string, role?: keyof typeof IMPORT_KEYS): Promise<Response>;
}

/** A hub with file imports for connection `acme` (stock layouts unless a column map file is given). */
export const startImportHub = async (importColumnsFile?: string): Promise<ImportHub> => {
  const keys = Object.entries(IMPORT_KEYS).map(([role, key]) => ({ role: role as keyof typeof IMPORT_KEYS, key, name: `${role}-jo` }));
  const connections = [{ name: 'acme', ...(importColumnsFile ? { importColumnsFile } : {}) }];
  const hub = await startTestHub([AuthModule.forRoot(keys), ImportsModule.forRoot({ connections, kinds: IMPORT_KINDS }), ImportsApiModule]);
  return {
    ...hub,
    upload: (path, file, fileName, role = 'estimator') => {
      const form = new FormData();
      form.append('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)]), fileName);
      return fetch(`${hub.url}${path}`, { method: 'POST', headers: { 'x-api-key': IMPORT_KEYS[role] }, body: form });
    },
  };
};
