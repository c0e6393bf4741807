/** `vigil history PATH_TO_GIT_REPO [--since DATE] [--until DATE] [--branch REF|--all] [--timeline]` */
import { resolve } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { parseSuppressions } from '../../engine/suppressions.js';
import { historyScan } from '../../app/history-result.js';
import { HISTORY_FACTS } from '../../analyzers/history/facts.js';
import { readComponentFacts } from '../../core/facts.js';
import { renderTimeline } from '../../analyzers/history/render-timeline.js';
import { defineCommand } from '../command.js';

export const historyCommand = defineCommand({
  name: 'history',
  summary: "Read a git repository's history: maintainer load (truck factor), trust escalation, new signing keys and risky changes.",
  usage: 'vigil history PATH_TO_GIT_REPO [--since DATE] [--until DATE] [--branch REF | --all] [--timeline]',
  options: [
    { name: 'since', type: 'string', arg: 'DATE', config: false, description: 'Only commits after DATE (e.g. 2020-01-01).' },
    { name: 'until', type: 'string', arg: 'DATE', config: false, description: 'Only commits before DATE: see the history as it was then.' },
    { name: 'branch', type: 'string', arg: 'REF', config: false, description: 'Branch, tag or commit to analyze (default HEAD).' },
    { name: 'all', type: 'boolean', default: false, config: false, description: 'Analyze every branch and tag, not just HEAD.' },
    {
      name: 'timeline',
      type: 'boolean',
      default: false,
      config: false,
      description: 'Print the contributor timeline instead of the report.',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const [path, extra] = ctx.options.positionals;
    if (!path) throw new VigilError('E_USAGE', 'vigil history needs the path of a git repository', { hint: 'vigil history ./some-clone' });
    if (extra) throw new VigilError('E_USAGE', `unexpected argument "${extra}": give one repository`);
    const branch = v.all === true ? '--all' : typeof v.branch === 'string' && v.branch ? v.branch : undefined;
    const config = ctx.options.config;
    const suppressions = config ? parseSuppressions(config.suppressions, config.path) : [];
    const result = await historyScan(resolve(ctx.cwd, path), {
      ...(typeof v.since === 'string' && v.since ? { since: v.since } : {}),
      ...(typeof v.until === 'string' && v.until ? { until: v.until } : {}),
      ...(branch ? { branch } : {}),
      suppressions,
      events: ctx.events,
    });
    if (v.timeline === true) {
      const text = [...readComponentFacts(result, HISTORY_FACTS).values()].map((f) => renderTimeline(f, result.findings)).join('\n');
      return { kind: 'text', text };
    }
    return { kind: 'result', result };
  },
});
