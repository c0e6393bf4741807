/** --help text generated from the option table and the command registry. */
import { GLOBAL_OPTIONS, type OptionDef } from '../core/options.js';
import type { Command } from './command.js';
import { VERSION } from '../core/version.js';

function optionLines(opts: readonly OptionDef[]): string[] {
  return opts.map((o) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.type === 'boolean' ? '' : ` ${o.arg ?? 'VALUE'}`}`;
    const extra = [
      o.choices ? `one of: ${o.choices.join(', ')}` : '',
      o.default !== undefined && o.type !== 'boolean' ? `default: ${String(o.default)}` : '',
      o.env ? `env: ${o.env}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return `  ${flag.padEnd(30)} ${o.description}${extra ? ` (${extra})` : ''}`;
  });
}

export function generalHelp(commands: Command[]): string {
  return [
    `vigil ${VERSION} — mutual vigilance for open-source supply chains`,
    '',
    'Usage: vigil <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Exit codes: 0 ok · 1 findings at/above --fail-on · 2 usage/config error · 3 operational failure · 70 internal error',
    "Run `vigil help <command>` for a command's options.",
    '',
  ].join('\n');
}

export function commandHelp(c: Command): string {
  return [
    `Usage: ${c.usage}`,
    '',
    c.summary,
    '',
    ...(c.options.length ? ['Options:', ...optionLines(c.options), ''] : []),
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
  ].join('\n');
}
