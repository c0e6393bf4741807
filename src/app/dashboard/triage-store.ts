/**
 * Triage kept in the store (cache kinds, so no schema change): acknowledgements of findings and the
 * audit trail of every triage action — who, when, what, why. The audit is append-only: entries are
 * keyed by time and a random suffix and never rewritten.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../../store/types.js';
import type { SuppressionScope } from './suppression-subject.js';

const ACK = 'triage-ack';
const AUDIT = 'triage-audit';

export interface Acknowledgement {
  by: string;
  at: string;
  note?: string;
}

export interface AuditEntry {
  at: string;
  by: string;
  action: 'suppress' | 'acknowledge';
  project: string;
  /** Project path as scanned. */
  path: string;
  finding: string;
  rule: string;
  /** The finding's subject (acknowledge) or the subject pattern written (suppress). */
  subject: string;
  /** What a suppression covers (suppress only). */
  scope?: SuppressionScope;
  reason: string;
  expires?: string;
  /** Where the decision was written (the config file, or `store`). */
  writtenTo: string;
}

function parse<T>(body: Buffer): T | undefined {
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    return undefined; // an unreadable row is ignored like any damaged cache row
  }
}

const put = (store: Store, kind: string, key: string, value: unknown): void =>
  store.putCache(kind, key, { body: Buffer.from(JSON.stringify(value)), fetchedAt: new Date().toISOString() });

export class TriageStore {
  constructor(private readonly store: Store) {}

  acknowledgements(project: string): Map<string, Acknowledgement> {
    const out = new Map<string, Acknowledgement>();
    const prefix = `${project}|`;
    for (const { key, entry } of this.store.cacheEntries(ACK)) {
      if (!key.startsWith(prefix)) continue;
      const a = parse<Acknowledgement>(entry.body);
      if (a) out.set(key.slice(prefix.length), a);
    }
    return out;
  }

  acknowledge(project: string, finding: string, a: Acknowledgement): void {
    put(this.store, ACK, `${project}|${finding}`, a);
  }

  record(e: AuditEntry): void {
    put(this.store, AUDIT, `${e.at}|${randomBytes(4).toString('hex')}`, e);
  }

  /** Audit entries, newest first (optionally of one project). */
  audit(project?: string): AuditEntry[] {
    const out: AuditEntry[] = [];
    for (const { entry } of this.store.cacheEntries(AUDIT)) {
      const e = parse<AuditEntry>(entry.body);
      if (e && (project === undefined || e.project === project)) out.push(e);
    }
    return out.reverse();
  }
}
