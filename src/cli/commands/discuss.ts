/** `vigil discuss SOURCE... [--repo PATH]`: pressure campaigns in mailing lists and issue trackers. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { discuss } from '../../app/discuss.js';
import { parseSuppressions } from '../../engine/suppressions.js';
import { defineCommand } from '../command.js';

export const discussCommand = defineCommand({
  name: 'discuss',
  summary: 'Read project discussions (mbox, public-inbox, GitHub/GitLab issue exports) and report pressure campaigns on the maintainer.',
  usage: 'vigil discuss SOURCE... [--repo PATH_TO_GIT_REPO] [--max-messages N] [--format json]',
  options: [
    {
      name: 'repo',
      type: 'string',
      arg: 'PATH',
      config: false,
      description: 'Git repository of the project: who contributed code, and who later gained commit or release rights.',
    },
    {
      name: 'max-messages',
      type: 'number',
      default: 2_000_000,
      arg: 'N',
      description: 'Stop reading after N messages (the result then says it is partial).',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const sources = ctx.options.positionals.map((p) => resolve(ctx.cwd, p));
    if (sources.length === 0) {
      throw new VigilError('E_USAGE', 'vigil discuss needs at least one SOURCE', {
        hint: 'give an mbox file, a folder of mbox/JSON files, a public-inbox archive, or a GitHub/GitLab issue export',
      });
    }
    for (const [i, abs] of sources.entries()) {
      if (!existsSync(abs)) throw new VigilError('E_INPUT_NOT_FOUND', 'no such file or directory', { file: ctx.options.positionals[i]! });
    }
    const config = ctx.options.config;
    const suppressions = config ? parseSuppressions(config.suppressions, config.path) : [];
    const repo = typeof v.repo === 'string' && v.repo ? resolve(ctx.cwd, v.repo) : undefined;
    const result = await discuss(sources, {
      ...(repo ? { repo } : {}),
      events: ctx.events,
      suppressions,
      limits: { maxMessages: Number(v['max-messages'] ?? 2_000_000) },
    });
    return { kind: 'result', result };
  },
});
