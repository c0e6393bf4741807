/**
 * CLI command interface. Commands are thin: parse their options, call the library, and return a
 * ScanResult (rendered by the chosen --format) or plain text. Registered in `commands/index.ts`.
 */
import type { Writable } from 'node:stream';
import type { EventSink } from '../core/events.js';
import type { GlobalValues, OptionDef, OptionValues, ResolvedOptions } from '../core/options.js';
import type { ScanResult } from '../core/result.js';

export interface CommandContext<V = Record<string, unknown>> {
  /** Global + command options, merged from defaults, config file, env and flags. */
  options: ResolvedOptions<V>;
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
  options: readonly OptionDef[];
  run(ctx: CommandContext): Promise<CommandOutcome>;
}

/** The values a command sees: the global options and its own, typed from the two tables. */
export type CommandValues<O extends readonly OptionDef[]> = GlobalValues & OptionValues<O>;

/**
 * A command whose `run` reads its options typed from its own table (declared inline) and the global
 * one: `ctx.options.values.store` is `string | undefined`, `values.concurrency` a number, `values.format`
 * one of its choices. The table is the same one that drives parsing, the config file and --help.
 */
export function defineCommand<const O extends readonly OptionDef[]>(command: {
  name: string;
  summary: string;
  usage: string;
  options: O;
  run(ctx: CommandContext<CommandValues<O>>): Promise<CommandOutcome>;
}): Command {
  return command;
}
