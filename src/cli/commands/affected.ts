/**
 * `vigil affected ID|FILE [INVENTORIES...]`: which project or host has an affected version of the
 * advisory, through which path, the nearest safe versions and the exact fix. ID is any id or alias
 * known to the built-in or stored set; FILE is an OSV JSON file (e.g. a fresh incident record).
 */
import { defineCommand } from '../command.js';
import { VigilError } from '../../core/errors.js';
import { affected } from '../../app/affected.js';
import { netOptionsWithProxy } from '../net-options.js';

export const affectedCommand = defineCommand({
  name: 'affected',
  summary: "Incident response: which projects/hosts have an advisory's affected versions, and the nearest safe version to move to.",
  usage: 'vigil affected ID|FILE [INVENTORIES...] [--index PACKAGES]... [--packument FILE]... [--fail-on SEVERITY]',
  options: [
    {
      name: 'index',
      type: 'string[]',
      arg: 'FILE',
      config: false,
      description: 'Debian Packages or Sources index listing the versions that exist (repeatable).',
    },
    {
      name: 'packument',
      type: 'string[]',
      arg: 'FILE',
      config: false,
      description: 'npm packument JSON listing the versions that exist (repeatable); online, the registry is asked.',
    },
    {
      name: 'mirror',
      type: 'string',
      arg: 'URL',
      description: 'Debian archive to read Packages indexes from (with --suite), for the versions that exist.',
    },
    {
      name: 'suite',
      type: 'string[]',
      arg: 'NAME',
      description: 'Debian suite(s) of --mirror to read (repeatable), e.g. bookworm, trixie, sid.',
    },
    { name: 'keyring', type: 'string', arg: 'FILE', description: 'OpenPGP keyring that signs the --mirror InRelease files.' },
    { name: 'arch', type: 'string', default: 'amd64', arg: 'ARCH', description: 'Binary architecture of the --mirror Packages indexes.' },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const [advisory, ...inventories] = ctx.options.positionals;
    if (!advisory)
      throw new VigilError('E_USAGE', 'affected needs an advisory ID (CVE-..., GHSA-..., MAL-..., DSA-...) or an OSV JSON file');
    const result = await affected({
      advisory,
      inventories,
      cwd: ctx.cwd,
      env: ctx.env,
      store: v.store,
      offline: v.offline === true,
      registry: v.registry,
      indexes: v.index,
      packuments: v.packument,
      mirror: v.mirror,
      suites: v.suite,
      keyring: v.keyring,
      arch: v.arch,
      ...netOptionsWithProxy(ctx, v),
    });
    return { kind: 'result', result };
  },
});
