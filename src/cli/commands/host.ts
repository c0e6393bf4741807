/** `vigil host [STATUS_FILE|ROOTFS|DEB...]`: a Debian host's packages, who carries them, and what sshd & co. load. */
import { maxFileBytes } from '../file-cap.js';
import { openStore } from '../../store/open.js';
import { defineCommand } from '../command.js';
import { scanDebianHost, DEFAULT_STATUS_FILE } from '../../app/host-scan.js';
import { netOptionsWithProxy } from '../net-options.js';

export const hostCommand = defineCommand({
  name: 'host',
  summary: 'Scan a Debian host (dpkg status file, root filesystem or .deb files) against its Debian archive.',
  usage: `vigil host [STATUS_FILE|ROOTFS|FILE.deb...] (default ${DEFAULT_STATUS_FILE}) [--mirror URL] [--suite SUITE]... [--no-archive] [--binaries]`,
  options: [
    { name: 'mirror', type: 'string', arg: 'URL', description: "Debian archive URL (default: from the scanned system's apt sources)." },
    { name: 'suite', type: 'string[]', arg: 'SUITE', description: 'Suite(s) to check against (default: the suites in the apt sources).' },
    { name: 'component', type: 'string[]', arg: 'NAME', description: 'Components with --mirror/--suite (default: main).' },
    {
      name: 'keyring',
      type: 'string',
      arg: 'FILE',
      description: "OpenPGP keyring for InRelease (default: the source's Signed-By, else the Debian archive keyring).",
    },
    {
      name: 'archive',
      type: 'boolean',
      default: true,
      description: 'Read the Debian archive indexes (--no-archive: inventory and privileged paths only).',
    },
    {
      name: 'binaries',
      type: 'boolean',
      default: false,
      description:
        "Also analyse the ELF files of the installed versions' .debs cached in ROOT/var/cache/apt/archives (given .deb files always are).",
    },
    { name: 'max-age', type: 'number', default: 3600, arg: 'SECONDS', description: 'Revalidate cached InRelease files older than this.' },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const wantArchive = v.archive !== false;
    const store = wantArchive ? openStore({ path: v.store }) : undefined;
    try {
      const result = await scanDebianHost({
        targets: ctx.options.positionals,
        cwd: ctx.cwd,
        store,
        offline: v.offline === true,
        archive: wantArchive,
        mirror: v.mirror,
        suites: v.suite,
        components: v.component,
        keyring: v.keyring,
        maxAgeSeconds: v['max-age'],
        binaries: v.binaries === true,
        limits: { maxFileBytes: maxFileBytes(v['max-file-mb']) },
        ...netOptionsWithProxy(ctx, v),
        events: ctx.events,
      });
      return { kind: 'result', result };
    } finally {
      store?.close();
    }
  },
});
