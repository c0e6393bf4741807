/** `vigil diff npm:NAME FROM TO` | `vigil diff npm:NAME@TO` | `vigil diff deb:NAME FROM TO`: what changed between two releases, and does it look like a takeover. */
import { defineCommand } from '../command.js';
import { diffNpm } from '../../app/diff-npm.js';
import { diffDeb } from '../../app/diff-deb.js';
import { openStore } from '../../store/open.js';
import { openDepsFromOptions } from '../open-deps.js';
import { maxFileBytes } from '../file-cap.js';
import { DEFAULT_LIMITS } from '../../sources/archive/limits.js';
import { netOptionsWithProxy } from '../net-options.js';

const isDebSpec = (p: string[]): boolean => p[0]?.startsWith('deb:') === true || (p.length === 2 && p.every((x) => x.endsWith('.deb')));

export const diffCommand = defineCommand({
  name: 'diff',
  summary:
    'Compare two releases: npm packages (files, capabilities, install scripts, dependencies, publisher, maintainers; takeover risk) or Debian binary packages (ELF delta beside the changelog delta).',
  usage:
    'vigil diff npm:NAME FROM TO | vigil diff npm:NAME@VERSION | vigil diff deb:NAME FROM TO | vigil diff OLD.deb NEW.deb [--mirror URL] [--suite SUITE] [--arch ARCH] [--format terminal|json|sarif|markdown|html] [--fail-on SEVERITY]',
  options: [
    { name: 'mirror', type: 'string', arg: 'URL', description: '(deb:) Debian archive URL (default: from the apt sources).' },
    {
      name: 'suite',
      type: 'string[]',
      arg: 'SUITE',
      description: '(deb:) suite(s) to take versions from (default: those in the apt sources).',
    },
    { name: 'arch', type: 'string', arg: 'ARCH', description: "(deb:) architecture of the binary packages (default: this machine's)." },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const pos = ctx.options.positionals;
    const cap = maxFileBytes(v['max-file-mb']);
    const limits = { maxFileBytes: cap };
    if (isDebSpec(pos)) {
      const store = openStore({ path: v.store });
      try {
        const result = await diffDeb(pos, {
          cwd: ctx.cwd,
          limits,
          store,
          offline: v.offline === true,
          mirror: v.mirror,
          suites: v.suite,
          arch: v.arch,
          ...netOptionsWithProxy(ctx, v),
        });
        return { kind: 'result', result };
      } finally {
        store.close();
      }
    }
    const deps = await openDepsFromOptions(ctx, ctx.cwd);
    try {
      return {
        kind: 'result',
        result: await diffNpm(pos, {
          npm: deps.npm,
          offline: v.offline === true,
          limits,
          // Stored facts were read under the default cap.
          ...(cap === DEFAULT_LIMITS.maxFileBytes ? { factsCache: deps.store } : {}),
        }),
      };
    } finally {
      deps.close();
    }
  },
});
