import type { CliCommand } from './command.js';
import { mappingCheckCommand, mappingDocumentCommand } from './mapping-commands.js';

/** Every CLI command; each feature adds its own here. */
export const COMMANDS: CliCommand[] = [
  mappingCheckCommand,
  mappingDocumentCommand,
];
