/** `vigil report [PATH]`: re-render the last stored scan of a target in any format, without rescanning. */
import { resolve } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { openStore } from '../../store/open.js';
import { targetKey } from '../../engine/scan.js';
import { applyBaseline, readBaselineFile } from '../../engine/baseline.js';
import { defineCommand } from '../command.js';

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'Re-render the last stored scan of PATH (default: current directory) in any --format.',
  usage: 'vigil report [PATH] --format html --output report.html',
  options: [{ name: 'baseline', type: 'string', arg: 'FILE', description: 'Show only findings new since a baseline JSON result file.' }],
  async run(ctx) {
    const target = resolve(ctx.cwd, ctx.options.positionals[0] ?? '.');
    const store = openStore({ path: ctx.options.values.store });
    try {
      const last = store.lastScan(targetKey(target));
      if (!last)
        throw new VigilError('E_INPUT_NOT_FOUND', `no stored scan of ${target}`, {
          hint: `run \`vigil scan ${ctx.options.positionals[0] ?? '.'}\` first`,
        });
      const b = ctx.options.values.baseline;
      if (b) return { kind: 'result', result: applyBaseline(last.result, readBaselineFile(resolve(ctx.cwd, b)), b) };
      return { kind: 'result', result: last.result };
    } finally {
      store.close();
    }
  },
});
