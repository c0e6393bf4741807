/** `vigil verify ARTIFACT --source REPO [--ref TAG]`: does the release match the reviewed source? */
import { defineCommand, type CommandContext, type CommandValues } from '../command.js';
import type { OptionDef } from '../../core/options.js';
import { VERIFY_FACTS, verifyArtifact } from '../../app/verify.js';
import { parseNpmSpec } from '../../core/npm-spec.js';
import { VigilError } from '../../core/errors.js';
import type { ScanResult } from '../../core/result.js';
import { openDepsFromOptions } from '../open-deps.js';
import { readAptSources } from '../../formats/debian/apt-sources.js';
import { selectSuites } from '../../sources/debian/archive-data.js';
import { openStore } from '../../store/open.js';
import { readComponentFacts } from '../../core/facts.js';
import { netOptionsWithProxy } from '../net-options.js';
import { safeTerminalText } from '../../core/sanitize.js';

const VERIFY_OPTIONS = [
  {
    name: 'source',
    type: 'string',
    arg: 'PATH',
    config: false,
    description: 'Local git repository of the project (a clone; it is read, never built).',
  },
  {
    name: 'ref',
    type: 'string',
    arg: 'TAG',
    config: false,
    description: 'Tag, branch or commit the release was made from (default: guessed from the version, and shown).',
  },
  {
    name: 'mirror',
    type: 'string',
    arg: 'URL',
    description: "Debian archive URL for deb: artifacts (default: from this machine's apt sources).",
  },
] as const satisfies readonly OptionDef[];

type VerifyContext = CommandContext<CommandValues<typeof VERIFY_OPTIONS>>;

const USAGE = 'vigil verify ARTIFACT --source PATH_TO_GIT_REPO [--ref TAG] [--mirror URL]';

export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'Compare a release artifact (archive, npm:NAME@VERSION or deb:SOURCE=VERSION) with its git source and explain every difference.',
  usage: USAGE,
  options: VERIFY_OPTIONS,
  async run(ctx) {
    const result = await runVerify(ctx);
    if (ctx.options.values.quiet !== true) ctx.stderr.write(safeTerminalText(summaryText(result)));
    return { kind: 'result', result };
  },
});

/** Which ref was compared (and how it was found) and the file counts, for stderr. */
export function summaryText(r: ScanResult): string {
  const [s] = readComponentFacts(r, VERIFY_FACTS).values();
  if (!s) return '';
  const c = s.counts;
  const explained = Object.values(s.explained).reduce((a, b) => a + (b ?? 0), 0);
  return (
    `vigil: ${s.artifact} vs ${s.source.repo} at ${s.source.ref} (${s.source.commit.slice(0, 12)}; ${s.source.how})${s.source.prefix ? `, layout ${s.source.prefix}` : ''}\n` +
    `  ${c.identical} identical, ${c['eol-only']} line-endings only, ${c.different} different, ${c['only-artifact']} only in the artifact ` +
    `(${explained} explained, ${s.unexplained.length} unexplained), ${c['only-source']} only in the source, ${c.unchecked} unchecked\n`
  );
}

async function runVerify(ctx: VerifyContext): Promise<ScanResult> {
  const v = ctx.options.values;
  const artifact = ctx.options.positionals[0];
  const source = v.source;
  if (!artifact || !source) throw new VigilError('E_USAGE', 'verify needs an ARTIFACT and --source PATH', { hint: USAGE });
  const base = { source, cwd: ctx.cwd, offline: v.offline === true, ...(v.ref ? { ref: v.ref } : {}) };
  if (parseNpmSpec(artifact)) {
    const deps = await openDepsFromOptions(ctx, ctx.cwd);
    try {
      return await verifyArtifact(artifact, { ...base, npm: deps.npm });
    } finally {
      deps.close();
    }
  }
  if (artifact.startsWith('deb:')) {
    const mirror = v.mirror ?? selectSuites(readAptSources().sources)[0]?.uri;
    const store = openStore({ path: v.store });
    try {
      return await verifyArtifact(artifact, {
        ...base,
        deb: { store, offline: v.offline === true, ...netOptionsWithProxy(ctx, v), ...(mirror ? { mirror } : {}) },
      });
    } finally {
      store.close();
    }
  }
  return verifyArtifact(artifact, base);
}
