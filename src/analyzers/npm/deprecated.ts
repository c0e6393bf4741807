/** npm/deprecated: the locked version is marked deprecated on the registry. */
import { NPM_ANALYZER_CODE } from './code.js';
import type { ComponentAnalyzer } from '../types.js';
import { deprecatedRule } from './rules.js';
import { makeFinding } from './manifest.js';

const SECURITY_WORDS = /\b(malicious|compromised|security|vulnerab|hijack|backdoor|do not use)\b/i;

export const deprecatedAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: 'npm-deprecated',
  version: '1.0.0',
  needs: { packument: true },
  code: NPM_ANALYZER_CODE,
  rules: [deprecatedRule],
  appliesTo: (c) => c.ecosystem === 'npm',
  analyze(ctx) {
    const msg = ctx.manifest?.deprecated;
    if (!msg) return { findings: [] };
    const c = ctx.component;
    const latest = ctx.packument?.distTags.latest;
    const security = SECURITY_WORDS.test(msg);
    return {
      findings: [
        makeFinding(deprecatedRule, deprecatedAnalyzer, c, {
          title: `${c.name}@${c.version} is deprecated${security ? ' (security-related message)' : ''}`,
          severity: security ? 'high' : 'low',
          evidence: [
            { kind: 'metadata', label: 'registry deprecation', field: `versions["${c.version}"].deprecated`, value: msg, excerpt: msg },
          ],
          explanation: 'The maintainers marked this version deprecated on the registry; their message is quoted as evidence.',
          remediation:
            latest && latest !== c.version && !ctx.packument?.versions[latest]?.deprecated
              ? `Move to ${c.name}@${latest} (latest, not deprecated) or to the replacement the message names.`
              : 'Follow the deprecation message: move to the replacement it names, or plan a removal.',
        }),
      ],
    };
  },
};
