import type { CliCommand } from './command.js';
import { auditAnchorCommand } from './commands/audit-anchor-command.js';
import { auditVerifyCommand } from './commands/audit-verify-command.js';
import { historyCommand } from './commands/history-command.js';
import { importCheckCommand, importCommand } from './commands/import-commands.js';
import { ownerBillingCommand } from './commands/owner-billing-command.js';
import { procoreHooksCommand } from './commands/procore-hooks-command.js';
import { retainageCommand } from './commands/retainage-command.js';
import { qbdQwcCommand } from './commands/qbd-qwc-command.js';
import { projectionsRebuildCommand } from './commands/projections-rebuild-command.js';
import { secretsRotateCommand } from './commands/secrets-rotate-command.js';
import { mappingCheckCommand, mappingDocumentCommand } from './mapping-commands.js';
import { mappingPreviewCommand } from './mapping-preview-command.js';

/** Every CLI command; each feature adds its own here. */
export const COMMANDS: CliCommand[] = [
  mappingCheckCommand,
  mappingDocumentCommand,
  mappingPreviewCommand,
  historyCommand,
  ownerBillingCommand,
  retainageCommand,
  auditVerifyCommand,
  auditAnchorCommand,
  projectionsRebuildCommand,
  secretsRotateCommand,
  procoreHooksCommand,
  // `import check` before `import`: the first command whose path matches runs.
  importCheckCommand,
  importCommand,
  qbdQwcCommand,
];
