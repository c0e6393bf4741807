/**
 * CLI command interface. Commands are thin: parse their options, call the library, and return a
 * ScanResult (rendered by the chosen --format) or plain text. Registered in `commands/index.ts`.
 */
import type { Writable } from 'node:stream';
import type { EventSink } from '../core/events.js';
import type { OptionDef, ResolvedOptions } from '../core/options.js';
import type { ScanResult } from '../core/result.js';

export interface CommandContext {
  /** Global + command options, merged from defaults, config file, env and flags. */
  options: ResolvedOptions;
  /** Directory the command was started in. */
  cwd: string;
  stdout: Writable;
  stderr: Writable;
  events: EventSink;
  env: NodeJS.ProcessEnv;
}

export type CommandOutcome = { kind: 'result'; result: ScanResult } | { kind: 'text'; text: string; exitCode?: number };

export interface Command {
  name: string;
  summary: string;
  /** e.g. `vigil history PATH [--since DATE]` */
  usage: string;
  /** Command-specific options (the global ones are added by the CLI). */
  options: OptionDef[];
  run(ctx: CommandContext): Promise<CommandOutcome>;
}
