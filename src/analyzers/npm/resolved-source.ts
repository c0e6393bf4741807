/**
 * npm/resolved-source: a lockfile `resolved` URL that points somewhere the configured registries
 * are not — another host, plain HTTP, or an address of this machine or its cloud environment —
 * what lockfile-lint reports with --allowed-hosts / --validate-https. A lockfile edited to fetch a
 * registry-shaped path from an attacker's host passes review easily; vigil does not fetch it (see
 * SECURITY.md, --allow-host) and says why here.
 */
import type { ComponentAnalyzer } from '../types.js';
import type { Evidence, Finding } from '../../core/types.js';
import { judgeResolved, type SourceIssue } from '../../sources/npm/source-policy.js';
import { makeFinding } from './manifest.js';
import { resolvedSourceRule } from './rules.js';
import { NPM_ANALYZER_CODE } from './code.js';
import { remoteKind } from './remote-dependency.js';

const WORDING: Record<SourceIssue['kind'], { title: (h: string) => string; severity: Finding['severity']; explanation: string }> = {
  'unexpected-host': {
    title: (h) => `resolved from ${h}, which is not a configured registry`,
    severity: 'high',
    explanation:
      'The tarball would be downloaded from a host that is not one of your registries; the lockfile integrity then only proves that host served those bytes once.',
  },
  'plain-http': {
    title: (h) => `resolved over plain HTTP from ${h}`,
    severity: 'medium',
    explanation: 'Anyone on the network path can replace a tarball fetched over HTTP; with a missing or weak integrity nothing notices.',
  },
  'internal-address': {
    title: (h) => `resolved from ${h}, an address of this machine or its cloud environment`,
    severity: 'high',
    explanation:
      'Loopback, link-local and metadata addresses (169.254.169.254 and friends) have no business in a lockfile: fetching them can read cloud credentials or local services. vigil never fetches them from a lockfile.',
  },
};

export const resolvedSourceAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: 'npm-resolved-source',
  version: '1.0.0',
  code: [...NPM_ANALYZER_CODE, 'sources/npm/source-policy.ts'],
  needs: {},
  rules: [resolvedSourceRule],
  appliesTo: (c) => c.ecosystem === 'npm' && typeof c.resolved === 'string' && /^https?:\/\//i.test(c.resolved),
  analyze(ctx) {
    const c = ctx.component;
    if (!ctx.sourcePolicy || !c.resolved || c.meta?.workspace) return { findings: [] };
    const remote = remoteKind(c.resolved) === 'remote';
    const loc = c.locations[0];
    const ev: Evidence = { kind: 'file', label: 'resolved', file: loc?.file, line: loc?.line, excerpt: c.resolved };
    const findings = judgeResolved(ctx.sourcePolicy, c.resolved)
      // A non-registry-shaped URL on another host is already npm/remote-dependency.
      .filter((i) => !(remote && i.kind === 'unexpected-host'))
      .map((i) =>
        makeFinding(resolvedSourceRule, resolvedSourceAnalyzer, c, {
          title: `${c.name} is ${WORDING[i.kind].title(i.host)}`,
          severity: WORDING[i.kind].severity,
          evidence: [ev, { kind: 'text', label: 'configured registries', excerpt: [...ctx.sourcePolicy!.registryHosts].join(', ') }],
          explanation: WORDING[i.kind].explanation,
          remediation:
            i.kind === 'plain-http'
              ? 'Regenerate the lockfile against an https registry.'
              : 'Regenerate the lockfile against your registry (npm install --package-lock-only) and review who changed this line.',
        }),
      );
    return { findings };
  },
};
