/** `vigil diff npm:NAME FROM TO` | `vigil diff npm:NAME@TO`: what changed between two releases, and does it look like a takeover. */
import type { Command } from '../command.js';
import { diffNpm } from '../../analyzers/release-diff/diff-npm.js';
import { openDepsFromOptions } from '../open-deps.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Compare two releases of an npm package (files, capabilities, install scripts, dependencies, publisher and maintainers) and score the takeover risk.',
  usage: 'vigil diff npm:NAME FROM TO | vigil diff npm:NAME@VERSION [--format terminal|json|sarif|markdown|html] [--fail-on SEVERITY]',
  options: [],
  async run(ctx) {
    const v = ctx.options.values;
    const deps = await openDepsFromOptions(ctx, ctx.cwd);
    try {
      return { kind: 'result', result: await diffNpm(ctx.options.positionals, { npm: deps.npm, offline: v.offline === true, factsCache: deps.store }) };
    } finally {
      deps.close();
    }
  },
};
