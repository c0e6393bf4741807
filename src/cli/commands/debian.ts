/** `vigil debian rank [--suite SUITE] [--mirror URL] [--top N]`: the "critical and carried by one person" list of a suite. */
import { VigilError } from '../../core/errors.js';
import { openStore } from '../../store/open.js';
import { defineCommand } from '../command.js';
import { formatRanking, rankDebianSuite } from '../../analyzers/debian/rank-suite.js';
import { netOptionsWithProxy } from '../net-options.js';

export const debianCommand = defineCommand({
  name: 'debian',
  summary: 'Debian archive tools: `rank` ranks every source package of a suite by criticality × fragility.',
  usage: 'vigil debian rank [--suite SUITE] [--mirror URL] [--component NAME]... [--arch ARCH] [--top N]',
  options: [
    { name: 'mirror', type: 'string', arg: 'URL', description: "Debian archive URL (default: from this machine's apt sources)." },
    { name: 'suite', type: 'string[]', arg: 'SUITE', description: 'Suite to rank (default: the first suite in the apt sources).' },
    { name: 'component', type: 'string[]', arg: 'NAME', description: 'Components (default: main).' },
    { name: 'arch', type: 'string', default: 'amd64', arg: 'ARCH', description: 'Binary architecture whose Packages index is used.' },
    { name: 'top', type: 'number', default: 50, arg: 'N', description: 'How many source packages to list.' },
    {
      name: 'keyring',
      type: 'string',
      arg: 'FILE',
      description: "OpenPGP keyring for InRelease (default: the source's Signed-By, else the Debian archive keyring).",
    },
    { name: 'max-age', type: 'number', default: 3600, arg: 'SECONDS', description: 'Revalidate a cached InRelease older than this.' },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const sub = ctx.options.positionals[0];
    if (sub !== 'rank')
      throw new VigilError('E_USAGE', `unknown debian subcommand ${sub === undefined ? '(none)' : `"${sub}"`}`, { hint: this.usage });
    const store = openStore({ path: v.store });
    try {
      const result = await rankDebianSuite({
        store,
        mirror: v.mirror,
        suite: v.suite?.[0],
        components: v.component,
        arch: v.arch,
        top: v.top,
        offline: v.offline === true,
        keyring: v.keyring,
        maxAgeSeconds: v['max-age'],
        ...netOptionsWithProxy(ctx, v),
      });
      return (v.format ?? 'terminal') === 'terminal' ? { kind: 'text', text: formatRanking(result) } : { kind: 'result', result };
    } finally {
      store.close();
    }
  },
});
