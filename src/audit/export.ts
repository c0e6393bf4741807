/**
 * `vigil audit export`: this project's own audits for others to import — as the same TOML format,
 * or as in-toto Statements (one JSON object per line), one per audit, whose subject is the package
 * (purl) with its digest when the lockfile records the integrity. Violations are exported too: a
 * statement that a version range fails the criteria. (OpenVEX is not used: VEX speaks about a
 * vulnerability's exploitability, not about a review.)
 */
import { stringify } from 'smol-toml';
import { auditSetTable } from './serialize.js';
import type { AuditEntry, AuditSet } from './types.js';

export const IN_TOTO_STATEMENT = 'https://in-toto.io/Statement/v1';
export const VIGIL_AUDIT_PREDICATE = 'urn:vigil:audit:v1';

export function exportToml(set: AuditSet): string {
  return `${stringify(auditSetTable(set))}\n`;
}

function purlOf(pkg: string, version?: string): string {
  const i = pkg.indexOf(':');
  const eco = pkg.slice(0, i);
  const name = pkg.slice(i + 1).replace(/^@/, '%40');
  return `pkg:${eco}/${name}${version ? `@${version}` : ''}`;
}

/** sha512 hex of an SRI `sha512-…` integrity string. */
function digestOf(integrity: string | undefined): Record<string, string> {
  const m = integrity ? /^sha512-([A-Za-z0-9+/=]+)$/.exec(integrity.split(/\s+/)[0] ?? '') : null;
  return m ? { sha512: Buffer.from(m[1]!, 'base64').toString('hex') } : {};
}

export function exportInToto(set: AuditSet, integrityOf: (pkg: string, version: string) => string | undefined = () => undefined): string {
  const lines = set.entries.map((e: AuditEntry) => {
    const version = e.kind === 'full' ? e.version : e.kind === 'delta' ? e.to : undefined;
    const subject = { name: purlOf(e.package, version), digest: version ? digestOf(integrityOf(e.package, version)) : {} };
    const predicate: Record<string, unknown> = { kind: e.kind, criteria: e.criteria, who: e.who };
    if (e.kind === 'delta') predicate['from'] = e.from;
    if (e.kind === 'violation') predicate['violation'] = e.range;
    if (e.date) predicate['date'] = e.date;
    if (e.notes) predicate['notes'] = e.notes;
    return JSON.stringify({ _type: IN_TOTO_STATEMENT, subject: [subject], predicateType: VIGIL_AUDIT_PREDICATE, predicate });
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}
