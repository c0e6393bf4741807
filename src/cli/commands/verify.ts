/** `vigil verify ARTIFACT --source REPO [--ref TAG]`: does the release match the reviewed source? */
import type { Command } from '../command.js';
import { verifyArtifact } from '../../analyzers/artifact/verify.js';
import { parseNpmSpec } from '../../analyzers/content/inspect.js';
import { VigilError } from '../../core/errors.js';
import { openScanDeps } from '../../engine/wiring.js';
import { readAptSources } from '../../sources/debian/apt-sources.js';
import { selectSuites } from '../../sources/debian/archive-data.js';
import { openStore } from '../../store/open.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Compare a release artifact (archive, npm:NAME@VERSION or deb:SOURCE=VERSION) with its git source and explain every difference.',
  usage: 'vigil verify ARTIFACT --source PATH_TO_GIT_REPO [--ref TAG] [--mirror URL]',
  options: [
    { name: 'source', type: 'string', arg: 'PATH', config: false, description: 'Local git repository of the project (a clone; it is read, never built).' },
    { name: 'ref', type: 'string', arg: 'TAG', config: false, description: 'Tag, branch or commit the release was made from (default: guessed from the version).' },
    { name: 'mirror', type: 'string', arg: 'URL', description: "Debian archive URL for deb: artifacts (default: from this machine's apt sources)." },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const artifact = ctx.options.positionals[0];
    const source = v.source as string | undefined;
    if (!artifact || !source) throw new VigilError('E_USAGE', 'verify needs an ARTIFACT and --source PATH', { hint: this.usage });
    const base = { source, cwd: ctx.cwd, offline: v.offline === true, ...(v.ref ? { ref: v.ref as string } : {}) };
    if (parseNpmSpec(artifact)) {
      const deps = await openScanDeps({ storePath: v.store as string | undefined, registry: v.registry as string | undefined, offline: v.offline === true, concurrency: v.concurrency as number, projectDir: ctx.cwd, env: ctx.env, events: ctx.events });
      try {
        return { kind: 'result', result: await verifyArtifact(artifact, { ...base, npm: deps.npm }) };
      } finally {
        deps.close();
      }
    }
    if (artifact.startsWith('deb:')) {
      const mirror = (v.mirror as string | undefined) ?? selectSuites(readAptSources().sources)[0]?.uri;
      const store = openStore({ path: v.store as string | undefined });
      try {
        return { kind: 'result', result: await verifyArtifact(artifact, { ...base, deb: { store, offline: v.offline === true, ...(mirror ? { mirror } : {}) } }) };
      } finally {
        store.close();
      }
    }
    return { kind: 'result', result: await verifyArtifact(artifact, base) };
  },
};
