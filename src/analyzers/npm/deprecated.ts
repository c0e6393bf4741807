/** npm/deprecated: the locked version is marked deprecated on the registry. */
import { NPM_ANALYZER_CODE } from './code.js';
import type { ComponentAnalyzer } from '../types.js';
import type { RuleInfo } from '../../rules/types.js';
import { makeFinding } from './manifest.js';

export const deprecatedRule: RuleInfo = {
  id: 'npm/deprecated',
  title: 'Locked version is deprecated',
  severity: 'low',
  meaning: 'The registry carries a deprecation message for this exact version.',
  why: 'Deprecation is how maintainers say "stop using this": it often marks abandoned packages, known-broken releases or, after an incident, versions the maintainers or the registry pulled from use.',
  example: 'After the 2021 ua-parser-js hijack the affected versions were deprecated with a warning; `request` (2020) was deprecated as unmaintained while still in millions of lockfiles.',
  suppress: 'Add {"rule":"npm/deprecated","subject":"pkg:npm/NAME","reason":"migration planned","expires":"2027-01-01"} to suppressions.',
};

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
          evidence: [{ kind: 'metadata', label: 'registry deprecation', field: `versions["${c.version}"].deprecated`, value: msg, excerpt: msg }],
          explanation: 'The maintainers marked this version deprecated on the registry; their message is quoted as evidence.',
          remediation: latest && latest !== c.version && !ctx.packument?.versions[latest]?.deprecated
            ? `Move to ${c.name}@${latest} (latest, not deprecated) or to the replacement the message names.`
            : 'Follow the deprecation message: move to the replacement it names, or plan a removal.',
        }),
      ],
    };
  },
};
