/**
 * `vigil guard -- <npm|npx|pnpm|yarn|bun> ARGS`: analyse what the command would install, then run
 * it unchanged (its exit code passed through) or stop with exit 1 and the reasons. The report goes
 * to stderr: stdout belongs to the wrapped command.
 */
import { join } from 'node:path';
import { defineCommand, type CommandContext, type CommandValues } from '../command.js';
import type { OptionDef } from '../../core/options.js';
import { SEVERITIES } from '../../core/types.js';
import { VigilError } from '../../core/errors.js';
import { detectShell, fileCheckMemo, fileVerdictMemo, guard, runWrapped, shellHook, type GuardPolicy } from '../../app/guard/index.js';
import { CHECKS_DIR, guardMemoRoot, VERDICTS_DIR } from '../../app/guard/memo-dir.js';
import { EXIT } from '../exit-codes.js';
import { redact, redactDeep } from '../../core/redact.js';
import { sanitizeDeep, sanitizeRendered } from '../../core/sanitize.js';

const GUARD_OPTIONS = [
  {
    name: 'yes',
    short: 'y',
    type: 'boolean',
    default: false,
    config: false,
    env: 'VIGIL_GUARD_YES',
    description: 'Do not ask: go ahead past warnings (CI). Blocks still block.',
  },
  {
    name: 'block-at',
    type: 'string',
    default: 'high',
    arg: 'SEVERITY',
    choices: SEVERITIES,
    description: 'Stop the command when a new or changed package has a finding at or above SEVERITY.',
  },
  {
    name: 'warn-at',
    type: 'string',
    default: 'medium',
    arg: 'SEVERITY',
    choices: SEVERITIES,
    description: 'Ask first (on a terminal) or warn when a finding is at or above SEVERITY.',
  },
  {
    name: 'allow-scripts',
    type: 'string[]',
    arg: 'NAME[@VERSION]',
    description: 'Packages whose install scripts were reviewed (repeatable): their script alone no longer warns.',
  },
  {
    name: 'fail-closed',
    type: 'boolean',
    default: true,
    description: 'Stop when a package cannot be analysed (--no-fail-closed: only warn).',
  },
  {
    name: 'install-shell-hook',
    type: 'boolean',
    default: false,
    config: false,
    description: 'Print shell functions routing npm/npx/pnpm/yarn/bun through guard (bash, zsh or fish), and how to undo them.',
  },
] as const satisfies readonly OptionDef[];

type GuardContext = CommandContext<CommandValues<typeof GUARD_OPTIONS>>;

function policyOf(v: GuardContext['options']['values']): GuardPolicy {
  const policy: GuardPolicy = {
    blockAt: v['block-at'],
    warnAt: v['warn-at'],
    allowScripts: v['allow-scripts'] ?? [],
    failClosed: v['fail-closed'] !== false,
  };
  if (SEVERITIES.indexOf(policy.warnAt) > SEVERITIES.indexOf(policy.blockAt)) {
    throw new VigilError('E_USAGE', `--warn-at ${policy.warnAt} is above --block-at ${policy.blockAt}`, {
      hint: 'warn-at must be at or below block-at',
    });
  }
  return policy;
}

async function ask(ctx: GuardContext, question: string): Promise<boolean> {
  // Loaded only to ask: a guarded install off a terminal never needs it.
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: ctx.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export const guardCommand = defineCommand({
  name: 'guard',
  summary: 'Analyse what npm/npx/pnpm/yarn would install before it runs; run it only if the policy allows.',
  usage:
    'vigil guard [--yes] [--block-at SEVERITY] [--warn-at SEVERITY] [--format terminal|json] [-o FILE] -- <npm|npx|pnpm|yarn|bun> ARGS...  |  vigil guard --install-shell-hook [bash|zsh|fish]',
  options: GUARD_OPTIONS,
  async run(ctx) {
    const v = ctx.options.values;
    if (v['install-shell-hook'] === true) {
      return { kind: 'text', text: shellHook(detectShell(ctx.options.positionals[0], ctx.env)) };
    }
    const argv = ctx.options.positionals;
    if (argv.length === 0)
      throw new VigilError('E_USAGE', 'guard needs the command to run', { hint: 'vigil guard -- npm install PACKAGE' });
    const config = ctx.options.config;
    const policy = policyOf(v);
    const format: string = v.format;
    if (format !== 'terminal' && format !== 'json')
      throw new VigilError('E_USAGE', `guard prints terminal or json, not ${format}`, {
        hint: 'vigil guard --format json -- npm install X',
      });
    const output = typeof v.output === 'string' ? v.output : undefined;
    let deps: Awaited<ReturnType<(typeof import('../open-deps.js'))['openDepsFromOptions']>> | undefined;
    let outcome;
    const memoDir = guardMemoRoot(v.store, ctx.env);
    try {
      outcome = await guard(
        {
          argv,
          projectDir: ctx.cwd,
          env: ctx.env,
          policy,
          policySource: config?.path ?? 'command line',
          // Loaded only with a config file: parsing checks rule ids against the whole rule catalogue.
          suppressions: config ? (await import('../../engine/suppressions.js')).parseSuppressions(config.suppressions, config.path) : [],
          offline: v.offline === true,
          concurrency: v.concurrency,
          events: ctx.events,
          ...(memoDir
            ? {
                checks: fileCheckMemo(join(memoDir, CHECKS_DIR)),
                // Files, not the store: an install analysed before is answered without loading SQLite or the analyzers.
                openMemo: () => Promise.resolve(fileVerdictMemo(join(memoDir, VERDICTS_DIR))),
              }
            : {}),
        },
        // Loaded on demand: a command that installs nothing new never loads the store and registry wiring.
        async () => (deps = await (await import('../open-deps.js')).openDepsFromOptions(ctx, ctx.cwd)),
      );
    } finally {
      deps?.close();
    }
    const quiet = v.quiet === true;
    const stderr = ctx.stderr as typeof ctx.stderr & { isTTY?: boolean; columns?: number };
    // The report goes to stderr (stdout is the wrapped command's) or, with --output, to that file.
    let report = '';
    if (format === 'json') {
      const { renderGuardJson } = await import('../../report/guard-json.js');
      report = redact(renderGuardJson(redactDeep({ ...outcome, result: { ...outcome.result, facts: {} } })));
      if (!output) stderr.write(report);
    } else {
      const silent = outcome.invocation.kind === 'passthrough' || (outcome.changes.length === 0 && outcome.decision.action === 'run');
      if (!silent && !(quiet && outcome.decision.action === 'run')) {
        // Package data (names, script lines, npm's own messages) is made inert and secrets redacted, as main does for every report.
        const color = Boolean(stderr.isTTY) && !ctx.env.NO_COLOR;
        const { renderGuard } = await import('../../report/guard.js');
        const shown = sanitizeDeep(redactDeep({ ...outcome, result: undefined as never }));
        stderr.write(redact(sanitizeRendered(renderGuard(shown, { color, width: stderr.columns }), color)));
      }
    }
    const text = output ? report : '';
    const { action } = outcome.decision;
    if (action === 'block') {
      if (format === 'terminal')
        stderr.write(`vigil guard: stopped before running \`${argv.join(' ')}\`; nothing was installed and the project was not changed.\n`);
      return { kind: 'text', text, exitCode: EXIT.FINDINGS };
    }
    if (action === 'confirm' && v.yes !== true) {
      const interactive = Boolean(process.stdin.isTTY) && Boolean(stderr.isTTY);
      if (interactive && !(await ask(ctx, `Run \`${argv.join(' ')}\` anyway? [y/N] `))) {
        stderr.write('vigil guard: not run.\n');
        return { kind: 'text', text, exitCode: EXIT.FINDINGS };
      }
      if (!interactive && format === 'terminal')
        stderr.write('vigil guard: warnings above (not a terminal, so not asking); running the command.\n');
    }
    // This process is the user's command (not a test's in-process run, no report left to write): npm may take it over.
    const handOver = !output && ctx.env === process.env && ctx.stdout === process.stdout && ctx.stderr === process.stderr;
    return { kind: 'text', text, exitCode: await runWrapped(outcome, ctx.cwd, ctx.env, { handOver }) };
  },
});
