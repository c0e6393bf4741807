/** Audit results as findings (for `vigil scan` when the project has a supply-chain folder) and their catalogue entries. */
import type { Evidence, Finding } from '../core/types.js';
import type { RuleInfo } from '../core/rule.js';
import type { AuditReport } from './check.js';
import type { AuditEntry } from './types.js';

export const AUDIT_ANALYZER = { id: 'audit', version: '1' };

const SUPPRESS =
  'Prefer recording the review (`vigil audit record` / `vigil audit delta`) or an exemption with a reason and expiry in supply-chain/config.toml; a suppression in vigil.config.json also works.';

export const AUDIT_RULES: RuleInfo[] = [
  {
    id: 'audit/violation',
    title: 'A dependency version was reported unsafe by an audit',
    severity: 'high',
    meaning:
      "An audit — this project's own or one imported from an organisation you trust — records a `violation`: the versions in its range fail the criteria your policy requires.",
    why: "Someone who looked at this code concluded it is unsafe. Imported violations let one reviewer's discovery protect everyone who imports their audits, the way the xz backdoor was caught by one person.",
    example:
      'ua-parser-js 0.7.29, 0.8.0 and 1.0.0 (October 2021) were hijacked releases that installed a cryptominer and password stealer; an audit recording `violation = "=0.7.29 || =0.8.0 || =1.0.0"` fails every project still locked to them.',
    suppress: SUPPRESS,
  },
  {
    id: 'audit/conflict',
    title: 'Audits disagree about a dependency version',
    severity: 'medium',
    meaning: 'One audit certifies the version (fully or by a delta chain) while another records a violation that covers it.',
    why: 'Disagreement means at least one reviewer missed something; read both notes before trusting either.',
    example:
      'cargo-vet reports the same conflict when an imported audit set contains a violation for a crate version another import certifies (its `violation` entries).',
    suppress: SUPPRESS,
  },
  {
    id: 'audit/exemption-expired',
    title: 'An audit exemption has expired',
    severity: 'low',
    meaning:
      "A dependency version is exempted from review in supply-chain/config.toml, but the exemption's `expires` date has passed, so it no longer counts.",
    why: 'Exemptions are debt with a due date; silently keeping them turns "not yet reviewed" into "never reviewed".',
    example:
      'Projects adopting cargo-vet (Firefox among them) start from exemptions for every existing dependency and work them down over time.',
    suppress: SUPPRESS,
  },
  {
    id: 'audit/unaudited',
    title: 'Dependencies nobody has reviewed',
    severity: 'info',
    meaning:
      'Dependency versions not covered by any audit, delta chain, trusted import or exemption, listed with the cheapest next reviews first.',
    why: 'Findings tell you where to look; an audit record says someone did. Unaudited critical code is where a patient attacker hides.',
    example: 'The xz-utils 5.6.0/5.6.1 releases shipped for weeks before anyone reviewed the release tarball against git.',
    suppress: SUPPRESS,
  },
  {
    id: 'audit/import-not-fetched',
    title: 'An audit import has not been fetched',
    severity: 'low',
    meaning: 'supply-chain/config.toml lists an import that is not in imports.lock, so its audits and violations are not applied.',
    why: 'A violation you would have imported cannot protect you until it is fetched.',
    example:
      'cargo-vet keeps fetched imports in imports.lock for the same reason: checks run offline on exactly what was fetched and pinned.',
    suppress: 'Run `vigil audit fetch`.',
  },
];

function entryEvidence(e: AuditEntry): Evidence {
  const what = e.kind === 'full' ? e.version : e.kind === 'delta' ? `${e.from} -> ${e.to}` : `violation ${e.range}`;
  return {
    kind: 'text',
    label: `audit (${e.origin === 'local' ? 'this project' : `import ${e.origin}`})`,
    excerpt: `${e.package} ${what} [${e.criteria.join(', ')}] by ${e.who}${e.date ? ` on ${e.date}` : ''}${e.notes ? `: ${e.notes}` : ''}`,
  };
}

export function auditFindings(r: AuditReport): Finding[] {
  const out: Finding[] = [];
  const base = { analyzer: AUDIT_ANALYZER, confidence: 'high' as const };
  for (const i of r.violations) {
    if (i.coverage.status !== 'violated') continue;
    out.push({
      ...base,
      rule: 'audit/violation',
      severity: 'high',
      subject: i.purl,
      title: `${i.package}@${i.version} fails ${i.required}: reported unsafe by ${[...new Set(i.coverage.violations.map((v) => (v.origin === 'local' ? 'this project' : v.origin)))].join(', ')}`,
      evidence: i.coverage.violations.map(entryEvidence),
      explanation: 'An audit you trust records that this version range fails the criteria your policy requires.',
      remediation: 'Move to a version outside the violation range (see the notes), then re-run `vigil audit check`.',
    });
    if (i.coverage.coveredBy.length > 0) {
      out.push({
        ...base,
        rule: 'audit/conflict',
        severity: 'medium',
        subject: i.purl,
        title: `audits disagree about ${i.package}@${i.version}`,
        evidence: [...i.coverage.coveredBy.map(entryEvidence), ...i.coverage.violations.map(entryEvidence)],
        explanation: 'One audit certifies this version while another reports it unsafe.',
        remediation: 'Read both notes; remove or correct the audit that is wrong.',
      });
    }
  }
  for (const x of r.expiredExemptions) {
    out.push({
      ...base,
      rule: 'audit/exemption-expired',
      severity: 'low',
      subject: `${x.package}@${x.version}`,
      title: `exemption for ${x.package}@${x.version} expired on ${x.expires}`,
      evidence: [
        {
          kind: 'text',
          label: 'exemption',
          file: `${r.dir}/config.toml`,
          excerpt: `${x.package} ${x.version} [${x.criteria.join(', ')}]: ${x.reason}`,
        },
      ],
      explanation: 'The exemption no longer covers this version.',
      remediation: `Review it (\`vigil audit record ${x.package}@${x.version} --criteria ${x.criteria[0]}\`) or renew the exemption with a new expiry and a reason.`,
    });
  }
  for (const name of r.unfetchedImports) {
    out.push({
      ...base,
      rule: 'audit/import-not-fetched',
      severity: 'low',
      subject: `${r.dir}/config.toml`,
      title: `audit import "${name}" has not been fetched`,
      evidence: [{ kind: 'text', file: `${r.dir}/config.toml`, excerpt: `[imports.${name}]` }],
      explanation: 'Its audits and violations are not applied until it is fetched.',
      remediation: 'Run `vigil audit fetch`.',
    });
  }
  if (r.unaudited.length > 0) {
    out.push({
      ...base,
      rule: 'audit/unaudited',
      severity: 'info',
      subject: r.dir,
      title: `${r.unaudited.length} of ${r.checked} dependency versions are not audited`,
      evidence: r.unaudited
        .slice(0, 10)
        .map((s) => ({ kind: 'text' as const, label: s.kind === 'delta' ? `delta from ${s.from}` : 'full audit', excerpt: s.command })),
      explanation: 'Listed cheapest and most important reviews first (`vigil audit check` prints all).',
      remediation: 'Review the first ones and record them; import audits from organisations you trust.',
    });
  }
  return out;
}
