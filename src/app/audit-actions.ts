/** `vigil audit record|delta|fetch|export`: each a library function the CLI calls once. */
import { execFileSync } from 'node:child_process';
import type { ScanResult } from '../core/result.js';
import { VigilError } from '../core/errors.js';
import type { Inventory } from '../core/types.js';
import {
  exportInToto,
  exportToml,
  fetchImport,
  importFetcher,
  loadSupplyChain,
  packageKey,
  recordAudit,
  saveImportsLock,
  type FetchBytes,
  type NewEntry,
} from '../audit/index.js';
import type { LockedImport } from '../audit/files.js';
import type { GuardOptions } from '../sources/net/guarded-fetch.js';
import { updatePins } from '../audit/pins.js';
import { diffNpm, type DiffOptions } from './diff-npm.js';

/** `--who`, else $VIGIL_AUDITOR, else the user's global git identity. */
export function auditorIdentity(who: string | undefined, env: NodeJS.ProcessEnv): string {
  if (who) return who;
  if (env['VIGIL_AUDITOR']) return env['VIGIL_AUDITOR'];
  try {
    // --global only: never the configuration of a repository that might be under analysis.
    const get = (k: string) =>
      execFileSync('git', ['config', '--global', '--get', k], { encoding: 'utf8', env: { ...env, GIT_CONFIG_NOSYSTEM: '1' } }).trim();
    const name = get('user.name');
    let email = '';
    try {
      email = get('user.email');
    } catch {
      /* name alone is fine */
    }
    if (name) return email ? `${name} <${email}>` : name;
  } catch {
    /* fall through */
  }
  throw new VigilError('E_USAGE', 'who is recording this audit?', { hint: 'pass --who "Name <email>" or set VIGIL_AUDITOR' });
}

/** `npm:name@1.2.3` → package key + version; `npm:name` alone → version undefined. */
export function parseAuditSpec(spec: string | undefined): { pkg: string; version?: string } {
  const m = spec ? /^([a-z][a-z0-9+.-]*):((?:@[^/@\s]+\/)?[^@\s]+)(?:@([^@\s]+))?$/.exec(spec) : null;
  if (!m) throw new VigilError('E_USAGE', `expected ECOSYSTEM:NAME[@VERSION], e.g. npm:left-pad@1.3.0 (got "${spec ?? ''}")`);
  return { pkg: `${m[1]}:${m[2]}`, version: m[3] };
}

export interface RecordArgs {
  dir: string;
  spec: string;
  criteria: string[];
  violation?: string;
  who: string;
  notes?: string;
  today: string;
}

export function auditRecord(a: RecordArgs) {
  const { pkg, version } = parseAuditSpec(a.spec);
  let entry: NewEntry;
  if (a.violation) entry = { kind: 'violation', package: pkg, range: a.violation };
  else if (version) entry = { kind: 'full', package: pkg, version };
  else throw new VigilError('E_USAGE', `give a version (${pkg}@VERSION) or --violation RANGE`);
  return recordAudit(a.dir, { entry, criteria: a.criteria, who: a.who, notes: a.notes, date: a.today });
}

export interface DeltaArgs extends Omit<RecordArgs, 'spec' | 'violation'> {
  pkg: string;
  from: string;
  to: string;
  /** Record the delta audit after showing the review (only with criteria). */
  record: boolean;
}

/** The release diff to review (findings first), and the delta audit recorded when asked. */
export async function auditDelta(
  a: DeltaArgs,
  diff: DiffOptions,
): Promise<{ review: ScanResult; recorded?: ReturnType<typeof recordAudit> }> {
  const { pkg } = parseAuditSpec(a.pkg);
  if (!pkg.startsWith('npm:'))
    throw new VigilError('E_UNSUPPORTED', `audit delta reviews npm packages (got ${pkg}); record other deltas with \`vigil audit record\``);
  const review = await diffNpm([pkg, a.from, a.to], diff);
  if (!a.record) return { review };
  const recorded = recordAudit(a.dir, {
    entry: { kind: 'delta', package: pkg, from: a.from, to: a.to },
    criteria: a.criteria,
    who: a.who,
    notes: a.notes,
    date: a.today,
  });
  return { review, recorded };
}

export async function auditFetch(dir: string, o: { updatePins?: boolean; fetchBytes?: FetchBytes; net?: GuardOptions } = {}) {
  const sc = loadSupplyChain(dir);
  if (sc.imports.length === 0)
    throw new VigilError('E_CONFIG', 'no [imports.NAME] in config.toml: nothing to fetch', { file: `${dir}/config.toml` });
  const locked = new Map<string, LockedImport>();
  const fetched = [];
  for (const spec of sc.imports) {
    const f = await fetchImport(dir, spec, { ...o, fetchBytes: o.fetchBytes ?? importFetcher(o.net) });
    locked.set(spec.name, f);
    fetched.push(f);
  }
  const repinned = new Map(fetched.filter((f) => f.repinned).map((f) => [f.name, f.sha256]));
  if (repinned.size > 0) updatePins(dir, repinned);
  const lockFile = saveImportsLock(dir, locked);
  return {
    lockFile,
    fetched: fetched.map((f) => ({ name: f.name, url: f.url, sha256: f.sha256, entries: f.set.entries.length, repinned: f.repinned })),
  };
}

export function auditExport(dir: string, as: 'toml' | 'in-toto', inventory?: Inventory): string {
  const sc = loadSupplyChain(dir);
  if (as === 'toml') return exportToml(sc.local);
  const integrity = new Map((inventory?.components ?? []).map((c) => [`${packageKey(c)}@${c.version}`, c.integrity]));
  return exportInToto(sc.local, (pkg, v) => integrity.get(`${pkg}@${v}`));
}
