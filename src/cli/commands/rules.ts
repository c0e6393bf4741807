/** `vigil rules [ID]`: print the rule catalogue (or one rule in full). */
import { VigilError } from '../../core/errors.js';
import { ruleCatalogue } from '../../rules/catalogue.js';
import type { Command } from '../command.js';

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'Print the rule catalogue: what each finding means, why it matters, a real example, how to suppress it.',
  usage: 'vigil rules [RULE_ID] [--format json]',
  options: [],
  async run(ctx) {
    const all = ruleCatalogue();
    const id = ctx.options.positionals[0];
    const rules = id ? all.filter((r) => r.id === id || r.id.startsWith(`${id}/`)) : all;
    if (id && rules.length === 0) throw new VigilError('E_USAGE', `no rule "${id}"`, { hint: 'run `vigil rules` to list them' });
    if (ctx.options.values.format === 'json') return { kind: 'text', text: `${JSON.stringify(rules, null, 2)}\n` };
    const text = rules
      .map((r) => [
        `${r.id}  [${r.severity}]  ${r.title}`,
        `  Meaning:  ${r.meaning}`,
        `  Why:      ${r.why}`,
        `  Example:  ${r.example}`,
        `  Suppress: ${r.suppress}`,
      ].join('\n'))
      .join('\n\n');
    return { kind: 'text', text: `${text}\n` };
  },
};
