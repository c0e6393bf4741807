/** `vigil report [PATH]`: re-render the last stored scan of a target in any format, without rescanning. */
import { resolve } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { openStore } from '../../store/open.js';
import { targetKey } from '../../engine/scan.js';
import type { Command } from '../command.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Re-render the last stored scan of PATH (default: current directory) in any --format.',
  usage: 'vigil report [PATH] --format html --output report.html',
  options: [],
  async run(ctx) {
    const target = resolve(ctx.cwd, ctx.options.positionals[0] ?? '.');
    const store = openStore({ path: ctx.options.values.store as string | undefined });
    try {
      const last = store.lastScan(targetKey(target));
      if (!last) throw new VigilError('E_INPUT_NOT_FOUND', `no stored scan of ${target}`, { hint: `run \`vigil scan ${ctx.options.positionals[0] ?? '.'}\` first` });
      return { kind: 'result', result: last.result };
    } finally {
      store.close();
    }
  },
};
