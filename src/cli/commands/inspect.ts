/** `vigil inspect SPEC`: what one package's files can do and what looks hidden. */
import { defineCommand } from '../command.js';
import { inspect } from '../../app/inspect.js';
import { parseNpmSpec } from '../../core/npm-spec.js';
import { openDepsFromOptions } from '../open-deps.js';
import { maxFileBytes } from '../file-cap.js';
import { VigilError } from '../../core/errors.js';

export const inspectCommand = defineCommand({
  name: 'inspect',
  summary:
    'Analyse the files of one package (npm:NAME@VERSION, a .tgz/.tar.xz/.tar.bz2/.tar.zst/.zip, or a directory) for hidden payloads and risky capabilities.',
  usage: 'vigil inspect SPEC [--format terminal|json|sarif|markdown|html] [--fail-on SEVERITY]',
  options: [],
  async run(ctx) {
    const spec = ctx.options.positionals[0];
    if (!spec) throw new VigilError('E_USAGE', 'inspect needs a SPEC', { hint: 'vigil inspect npm:NAME@VERSION | FILE.tgz | DIRECTORY' });
    const v = ctx.options.values;
    const limits = { maxFileBytes: maxFileBytes(v['max-file-mb']) };
    if (!parseNpmSpec(spec)) return { kind: 'result', result: await inspect(spec, { cwd: ctx.cwd, limits }) };
    const deps = await openDepsFromOptions(ctx, ctx.cwd);
    try {
      return { kind: 'result', result: await inspect(spec, { cwd: ctx.cwd, npm: deps.npm, offline: v.offline === true, limits }) };
    } finally {
      deps.close();
    }
  },
});
