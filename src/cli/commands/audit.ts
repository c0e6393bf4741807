/** `vigil audit check|record|delta|fetch|export`: shared review records (see docs/audits.md). */
import { resolve } from 'node:path';
import { defineCommand, type CommandContext, type CommandOutcome, type CommandValues } from '../command.js';
import type { OptionDef } from '../../core/options.js';
import { VigilError } from '../../core/errors.js';
import { supplyChainDir } from '../../audit/index.js';
import { runAuditCheck, storedScores } from '../../engine/audit-check.js';
import { auditDelta, auditExport, auditFetch, auditorIdentity, auditRecord } from '../../app/audit-actions.js';
import { targetKey } from '../../engine/scan.js';
import { openDepsFromOptions } from '../open-deps.js';
import { netOptionsWithProxy } from '../net-options.js';
import { renderAuditText } from '../../report/audit-text.js';
import { RENDERERS } from '../../report/index.js';
import { EXIT } from '../exit-codes.js';

const AUDIT_OPTIONS = [
  {
    name: 'criteria',
    type: 'string[]',
    arg: 'NAME',
    config: false,
    description: '(record, delta) Criteria the review certifies (repeatable): safe-to-run, safe-to-deploy, or one defined in audits.toml.',
  },
  { name: 'notes', type: 'string', arg: 'TEXT', config: false, description: '(record, delta) What was looked at and why it is fine.' },
  {
    name: 'who',
    type: 'string',
    arg: 'NAME',
    config: false,
    description: '(record, delta) Reviewer (default: $VIGIL_AUDITOR, else your global git identity).',
  },
  {
    name: 'violation',
    type: 'string',
    arg: 'RANGE',
    config: false,
    description: '(record) Record that the versions in RANGE FAIL the criteria.',
  },
  { name: 'dir', type: 'string', arg: 'DIR', description: 'The supply-chain folder (default: supply-chain/ next to the project).' },
  {
    name: 'update-pins',
    type: 'boolean',
    default: false,
    config: false,
    description: '(fetch) Accept new content of imports and rewrite their sha256 pins.',
  },
  {
    name: 'as',
    type: 'string',
    default: 'toml',
    arg: 'FORMAT',
    choices: ['toml', 'in-toto'],
    config: false,
    description: '(export) toml (the audits.toml format) or in-toto (one Statement per line).',
  },
] as const satisfies readonly OptionDef[];

type AuditContext = CommandContext<CommandValues<typeof AUDIT_OPTIONS>>;

const SUBCOMMANDS = ['check', 'record', 'delta', 'fetch', 'export'] as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function dirOf(ctx: AuditContext, project: string): string {
  const d = ctx.options.values.dir;
  return d ? resolve(ctx.cwd, d) : supplyChainDir(project);
}

function criteriaOf(ctx: AuditContext): string[] {
  return ctx.options.values.criteria ?? [];
}

async function check(ctx: AuditContext, args: string[]): Promise<CommandOutcome> {
  const project = resolve(ctx.cwd, args[0] ?? '.');
  const deps = await openDepsFromOptions(ctx, project);
  try {
    const { inventory } = await deps.loadInventory(project);
    const offline = ctx.options.values.offline === true;
    const report = await runAuditCheck({
      inventory,
      project,
      scores: storedScores(deps.store.lastScan(targetKey(project))?.result),
      ...(offline ? {} : { getPackument: (n: string) => deps.npm.getPackument(n) }),
    });
    const text = ctx.options.values.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderAuditText(report);
    return { kind: 'text', text, exitCode: report.passed ? EXIT.OK : EXIT.FINDINGS };
  } finally {
    deps.close();
  }
}

async function delta(ctx: AuditContext, args: string[]): Promise<CommandOutcome> {
  const [pkg, from, to] = args;
  if (!pkg || !from || !to)
    throw new VigilError('E_USAGE', 'audit delta needs npm:NAME FROM TO', {
      hint: 'vigil audit delta npm:left-pad 1.3.0 1.3.1 --criteria safe-to-deploy',
    });
  const v = ctx.options.values;
  const criteria = criteriaOf(ctx);
  const deps = await openDepsFromOptions(ctx, ctx.cwd);
  try {
    const who = criteria.length ? auditorIdentity(v.who, ctx.env) : '';
    const r = await auditDelta(
      {
        dir: dirOf(ctx, ctx.cwd),
        pkg,
        from,
        to,
        criteria,
        who,
        notes: v.notes,
        today: today(),
        record: criteria.length > 0,
      },
      { npm: deps.npm, offline: v.offline === true, factsCache: deps.store },
    );
    const review = (await RENDERERS.terminal())(r.review, { terminal: { color: false, width: 100 } });
    const tail = r.recorded
      ? `\n${r.recorded.duplicate ? 'Already recorded' : 'Recorded'}: ${pkg} ${from} -> ${to} [${criteria.join(', ')}] by ${who} in ${r.recorded.file}\n`
      : `\nReviewed? Record it: vigil audit delta ${pkg} ${from} ${to} --criteria safe-to-deploy [--notes "..."]\n`;
    return { kind: 'text', text: `${review}${tail}` };
  } finally {
    deps.close();
  }
}

export const auditCommand = defineCommand({
  name: 'audit',
  summary:
    "Shared reviews: record audits of dependency versions and deltas, import others' audits, and check that every dependency is covered.",
  usage:
    'vigil audit check [PATH] | record ECO:NAME@VERSION --criteria C [--notes TEXT] | record ECO:NAME --violation RANGE --criteria C | delta npm:NAME FROM TO [--criteria C] | fetch [--update-pins] | export [--as toml|in-toto]',
  options: AUDIT_OPTIONS,
  async run(ctx) {
    const [sub, ...args] = ctx.options.positionals;
    const v = ctx.options.values;
    switch (sub as (typeof SUBCOMMANDS)[number] | undefined) {
      case 'check':
        return check(ctx, args);
      case 'delta':
        return delta(ctx, args);
      case 'record': {
        const r = auditRecord({
          dir: dirOf(ctx, ctx.cwd),
          spec: args[0] ?? '',
          criteria: criteriaOf(ctx),
          violation: v.violation,
          who: auditorIdentity(v.who, ctx.env),
          notes: v.notes,
          today: today(),
        });
        return { kind: 'text', text: `${r.duplicate ? 'Already recorded' : 'Recorded'} in ${r.file}\n` };
      }
      case 'fetch': {
        const r = await auditFetch(dirOf(ctx, ctx.cwd), { updatePins: v['update-pins'] === true, net: netOptionsWithProxy(ctx, v) });
        const lines = r.fetched.map(
          (f) => `  ${f.name}: ${f.entries} entries from ${f.url} (sha256 ${f.sha256}${f.repinned ? ', pin updated' : ''})`,
        );
        return { kind: 'text', text: `Fetched ${r.fetched.length} import(s) into ${r.lockFile}\n${lines.join('\n')}\n` };
      }
      case 'export': {
        const project = resolve(ctx.cwd, args[0] ?? '.');
        let inventory;
        if (v.as === 'in-toto') {
          const deps = await openDepsFromOptions(ctx, project);
          try {
            inventory = (await deps.loadInventory(project).catch(() => undefined))?.inventory;
          } finally {
            deps.close();
          }
        }
        return { kind: 'text', text: auditExport(dirOf(ctx, project), v.as === 'in-toto' ? 'in-toto' : 'toml', inventory) };
      }
      default:
        throw new VigilError('E_USAGE', sub ? `unknown audit subcommand "${sub}"` : 'audit needs a subcommand', {
          hint: `one of: ${SUBCOMMANDS.join(', ')}`,
        });
    }
  },
});
