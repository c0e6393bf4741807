/** The command registry: every CLI command, in help order. */
import type { Command } from '../command.js';
import { rulesCommand } from './rules.js';
import { scanCommand } from './scan.js';
import { reportCommand } from './report.js';
import { inspectCommand } from './inspect.js';
import { hostCommand } from './host.js';
import { debianCommand } from './debian.js';
import { affectedCommand } from './affected.js';
import { advisoriesCommand } from './advisories.js';
import { discussCommand } from './discuss.js';
import { diffCommand } from './diff.js';
import { historyCommand } from './history.js';
import { fundCommand } from './fund.js';
import { verifyCommand } from './verify.js';
import { guardCommand } from './guard.js';
import { auditCommand } from './audit.js';
import { watchCommand } from './watch.js';

export const COMMANDS: Command[] = [
  scanCommand,
  guardCommand,
  inspectCommand,
  diffCommand,
  historyCommand,
  verifyCommand,
  hostCommand,
  affectedCommand,
  advisoriesCommand,
  discussCommand,
  fundCommand,
  auditCommand,
  watchCommand,
  debianCommand,
  reportCommand,
  rulesCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
