/** The command registry: every CLI command, in help order. */
import type { Command } from '../command.js';
import { rulesCommand } from './rules.js';
import { scanCommand } from './scan.js';
import { reportCommand } from './report.js';

export const COMMANDS: Command[] = [scanCommand, reportCommand, rulesCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
