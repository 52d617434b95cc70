import type { CliCommand } from './command.js';

/** Every CLI command; each feature adds its own here. */
export const COMMANDS: CliCommand[] = [];
