/**
 * CLI entry: parse, resolve options, run the command, render, map the outcome to an exit code.
 * All exit codes come from exit-codes.ts; this is the only place that decides them.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { describeError, isProgrammingError, isVigilError, VigilError } from '../core/errors.js';
import { GLOBAL_OPTIONS, typedValues, type GlobalValues } from '../core/options.js';
import { locateConfig, optionsFor, readConfig } from '../core/config.js';
import { partiality, severityRank } from '../core/result-builder.js';
import type { EventSink } from '../core/events.js';
import { loadRenderer } from '../report/index.js';
import { VERSION } from '../core/version.js';
import { redact, redactDeep } from '../core/redact.js';
import { escapeJsonText, safeTerminalText, sanitizeDeep, sanitizeRendered, sanitizeText } from '../core/sanitize.js';
import { allCommands, COMMAND_NAMES, findCommand } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import { commandHelp, generalHelp } from './help.js';
import { parseCommandLine, resolveOptions } from './parse-args.js';
import { jsonLinesProgress, ttyProgress } from './progress.js';
import { checkWritable, joinPieces, writeOutput, writeOutputPieces } from './output-file.js';
import { stage as traceStage } from '../core/timeline.js';

export interface MainIo {
  stdout?: Writable & { isTTY?: boolean; columns?: number };
  stderr?: Writable & { isTTY?: boolean; columns?: number };
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const sub = name === 'help' && rest[0] ? await findCommand(rest[0]) : undefined;
    stdout.write(sub ? commandHelp(sub) : generalHelp(await allCommands()));
    return EXIT.OK;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    stdout.write(`${VERSION}\n`);
    return EXIT.OK;
  }
  const command = await findCommand(name);
  if (!command) {
    stderr.write(`vigil: unknown command "${sanitizeText(name)}". Commands: ${COMMAND_NAMES.join(', ')}\n`);
    return EXIT.USAGE;
  }
  let progressDone = () => {};
  try {
    const table = [...GLOBAL_OPTIONS, ...command.options];
    const { flags, positionals } = parseCommandLine(rest, table);
    if (flags.help) {
      stdout.write(commandHelp(command));
      return EXIT.OK;
    }
    const first = positionals[0] && existsSync(resolve(cwd, positionals[0])) ? resolve(cwd, positionals[0]) : cwd;
    const configPath = locateConfig(first, typeof flags.config === 'string' ? flags.config : undefined);
    const config = configPath ? optionsFor(readConfig(configPath), command.name, [...COMMAND_NAMES]) : undefined;
    const options = resolveOptions(table, flags, positionals, config, env);
    if (config) options.config = config;
    const g = typedValues<GlobalValues>(options.values);
    if (g.output !== undefined) checkWritable(g.output, cwd, '--output');

    const format = g.format;
    const quiet = g.quiet;
    let events: EventSink = () => {};
    if (!quiet && g.progress) {
      if (stderr.isTTY && !env.CI) {
        const bar = ttyProgress(stderr);
        events = bar;
        progressDone = () => bar.done();
      } else if (options.sources.progress === 'cli') {
        events = jsonLinesProgress(stderr);
      }
    }
    const outcome = await command.run({ options, cwd, stdout, stderr, events, env });
    progressDone();
    if (outcome.kind === 'text') {
      write(safeOutput(outcome.text), g.output, stdout, cwd);
      return outcome.exitCode ?? EXIT.OK;
    }
    traceStage('render');
    const renderer = await loadRenderer(format);
    if (!renderer) throw new VigilError('E_USAGE', `format "${format}" is not available for this command`);
    const color = !g.output && Boolean(stdout.isTTY) && !env.NO_COLOR && format === 'terminal';
    // Terminal and Markdown show data as text: its control and bidi characters are made inert first.
    // Every format is redacted as a whole, last.
    // Redaction runs on the data too (renderers truncate long strings, which could cut a URL before its `@`).
    const redacted = redactDeep(outcome.result);
    const shown = format === 'terminal' || format === 'markdown' ? sanitizeDeep(redacted) : redacted;
    if (format === 'json') {
      // Written piece by piece: a very large result does not fit in one string. Each run of pieces is
      // redacted as it goes (no piece cuts a JSON member).
      const { renderJsonPieces } = await import('../report/json.js');
      const runs = (function* () {
        for (const run of joinPieces(renderJsonPieces(shown))) yield escapeJsonText(redact(run));
      })();
      if (g.output) writeOutputPieces(g.output, cwd, runs, '--output');
      else for (const run of runs) stdout.write(run);
    } else {
      const rendered = renderer(shown, { terminal: { color, width: terminalWidth(env, stdout, g.output) } });
      const text =
        format === 'terminal' || format === 'markdown'
          ? redact(sanitizeRendered(rendered, color))
          : JSON_FORMATS.has(format)
            ? escapeJsonText(redact(rendered))
            : redact(rendered);
      write(text, g.output, stdout, cwd);
    }
    traceStage();
    if (g.output && !quiet) stderr.write(`vigil: report written to ${g.output}\n`);
    const failOn = g['fail-on'];
    if (failOn !== 'none') {
      const hit = outcome.result.findings.some((f) => !f.suppressed && severityRank(f.severity) >= severityRank(failOn));
      if (hit) return EXIT.FINDINGS;
      const partial = partiality(outcome.result);
      if (partial.problems > 0 && !g['allow-partial']) {
        const what = partial.unchecked
          ? `${partial.unchecked} of ${outcome.result.inventory.components.length} components could not be fully checked`
          : `${partial.problems} check(s) could not run`;
        stderr.write(
          `vigil: ${what} (see "What is missing"): --fail-on ${failOn} cannot vouch for them. Fix what is missing, or pass --allow-partial to accept a partial result.\n`,
        );
        return EXIT.FAILURE;
      }
    }
    return EXIT.OK;
  } catch (e) {
    progressDone();
    if (isVigilError(e)) {
      stderr.write(safeOutput(`vigil: error ${e.code}: ${e.where()}\n`));
      if (e.hint) stderr.write(safeOutput(`  hint: ${e.hint}\n`));
      return isVigilError(e, 'E_USAGE', 'E_CONFIG', 'E_SUPPRESSION') ? EXIT.USAGE : EXIT.FAILURE;
    }
    return reportUncaught(e, stderr, rest.includes('--debug') || Boolean(env.VIGIL_DEBUG && env.VIGIL_DEBUG !== '0'));
  }
}

/**
 * An error no stage turned into a Problem. I/O and parse failures are operational (exit 3); a
 * programming error is a bug (exit 70): one line naming it, one line asking for a report, the stack
 * only with --debug.
 */
function reportUncaught(e: unknown, stderr: Writable, debug: boolean): number {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (!isProgrammingError(e) && e instanceof Error && (typeof code === 'string' || e instanceof SyntaxError)) {
    stderr.write(safeOutput(`vigil: error${typeof code === 'string' ? ` ${code}` : ''}: ${e.message}\n`));
    return EXIT.FAILURE;
  }
  stderr.write(safeOutput(`vigil: internal error: ${describeError(e)}\n`));
  stderr.write(
    `  this is a bug in vigil: please report it with the command you ran and this message${debug ? '' : ' (--debug prints the stack trace)'}\n`,
  );
  if (debug) stderr.write(safeOutput(`${stackOf(e)}\n`));
  return EXIT.INTERNAL;
}

function stackOf(e: unknown): string {
  const parts: string[] = [];
  for (let cur: unknown = e; cur instanceof Error && parts.length < 5; cur = cur.cause) parts.push(cur.stack ?? String(cur));
  return parts.join('\ncaused by: ') || String(e);
}

/** Formats written as JSON text: C1 and bidi characters are escaped (JSON.stringify escapes C0 only). */
const JSON_FORMATS = new Set(['json', 'sarif', 'cyclonedx']);

/** Plain text vigil prints (messages, text outcomes): sanitised and redacted. */
function safeOutput(text: string): string {
  return safeTerminalText(text);
}

function write(text: string, output: string | undefined, stdout: Writable, cwd: string) {
  if (output) writeOutput(output, cwd, text, '--output');
  else stdout.write(text);
}

/** COLUMNS when set; else a terminal's width; else none: piped and file output is never wrapped or cut. */
function terminalWidth(env: NodeJS.ProcessEnv, stdout: { isTTY?: boolean; columns?: number }, output: unknown): number | undefined {
  const cols = Number(env.COLUMNS);
  if (env.COLUMNS && Number.isInteger(cols) && cols > 0) return cols;
  return !output && stdout.isTTY && stdout.columns ? stdout.columns : undefined;
}
