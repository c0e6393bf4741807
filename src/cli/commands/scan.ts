/** `vigil scan [PATH]`: inventory + analysis of a project (directory or lockfile), stored for next time. */
import { resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { parseSuppressions } from '../../engine/suppressions.js';
import { openDepsFromOptions, scanSourceMapHeads } from '../open-deps.js';
import { scan } from '../../engine/scan.js';
import { VigilError } from '../../core/errors.js';
import { readBaselineFile } from '../../engine/baseline.js';
import { parsePlatformList, type PlatformChoice } from '../../engine/platform.js';

function baselineOption(v: string | undefined, cwd: string) {
  if (!v) return undefined;
  if (v === 'last') return 'last' as const;
  const path = resolve(cwd, v);
  return { result: readBaselineFile(path), from: v };
}

function platformOption(v: Record<string, unknown>): PlatformChoice | undefined {
  if (v['all-platforms'] === true) {
    if (typeof v.platform === 'string') throw new VigilError('E_USAGE', '--platform and --all-platforms exclude each other');
    return 'all';
  }
  return typeof v.platform === 'string' ? parsePlatformList(v.platform) : undefined;
}

function parseRepos(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const i = item.lastIndexOf('=');
    if (i <= 0 || i === item.length - 1) throw new VigilError('E_USAGE', `--repo expects NAME=PATH (got "${item}")`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

export const scanCommand = defineCommand({
  name: 'scan',
  summary: "Scan a project's dependencies (lockfile, SBOM or package.json) and report risks with evidence.",
  usage: 'vigil scan [PATH] [--format terminal|json|sarif|markdown|html|cyclonedx] [--fail-on SEVERITY] [--offline]',
  options: [
    { name: 'no-history', type: 'boolean', default: false, description: 'Do not compare with or store into the scan history.' },
    {
      name: 'baseline',
      type: 'string',
      arg: 'FILE|last',
      description: 'Show only findings new since a baseline: a JSON result file, or `last` (the previous stored scan).',
    },
    {
      name: 'platform',
      type: 'string',
      arg: 'OS-CPU[-LIBC],...',
      description:
        'Analyse the optional packages npm installs on these platforms (e.g. linux-x64-glibc,darwin-arm64; default: this machine).',
    },
    {
      name: 'all-platforms',
      type: 'boolean',
      default: false,
      description: "Analyse every platform's optional packages (native binaries for all systems).",
    },
    {
      name: 'deep',
      type: 'boolean',
      default: false,
      description:
        'Download and compare every release with the one before it (default: only where metadata or content findings ask for it).',
    },
    {
      name: 'retry-failed',
      type: 'boolean',
      default: false,
      description:
        'Analyse again the releases whose content analysis an earlier scan gave up on at its time or memory limit (default: report that gap again for a week).',
    },
    {
      name: 'keep-scans',
      type: 'number',
      default: 10,
      arg: 'N',
      description: 'Scan results of this project kept in the store (older ones are dropped).',
    },
    {
      name: 'repo',
      type: 'string[]',
      arg: 'NAME=PATH',
      description: 'A local git clone of dependency NAME: its source history feeds fragility and suspicion (repeatable).',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const target = resolve(ctx.cwd, ctx.options.positionals[0] ?? '.');
    const config = ctx.options.config;
    const suppressions = config ? parseSuppressions(config.suppressions, config.path) : [];
    const deps = await openDepsFromOptions(ctx, target, { sourceMapHeads: scanSourceMapHeads(v) });
    try {
      const result = await scan(
        {
          target,
          offline: v.offline === true,
          concurrency: v.concurrency,
          suppressions,
          events: ctx.events,
          history: v['no-history'] !== true,
          repos: parseRepos(v.repo),
          platforms: platformOption(v),
          keepScans: Math.max(1, v['keep-scans']),
          deep: v.deep === true,
          retryFailed: v['retry-failed'] === true,
          baseline: baselineOption(v.baseline, ctx.cwd),
        },
        deps,
      );
      return { kind: 'result', result };
    } finally {
      deps.close();
    }
  },
});
