/** Shared handling of one npm lockfile entry (v1 `dependencies` or v2/v3 `packages`). */
import type { DependencyKind, PlatformConstraint } from '../core/types.js';
import type { InventoryBuilder } from './builder.js';
import { isRecord, stringMap } from './json-input.js';

/** Dependencies a lockfile entry declares, in npm's precedence. Optional peers give no edge. */
export function entryDeps(entry: Record<string, unknown>, withDev: boolean): { name: string; spec: string; kind: DependencyKind }[] {
  const out: { name: string; spec: string; kind: DependencyKind }[] = [];
  const seen = new Set<string>();
  const peerMeta = isRecord(entry.peerDependenciesMeta) ? entry.peerDependenciesMeta : {};
  const fields: [string, DependencyKind][] = [
    ['optionalDependencies', 'optional'],
    ['dependencies', 'prod'],
    ['requires', 'prod'],
    ['peerDependencies', 'peer'],
  ];
  if (withDev) fields.push(['devDependencies', 'dev']);
  for (const [field, kind] of fields) {
    for (const [name, spec] of Object.entries(stringMap(entry[field]))) {
      if (seen.has(name)) continue;
      if (kind === 'peer') {
        const m = peerMeta[name];
        if (isRecord(m) && m.optional === true) continue;
      }
      seen.add(name);
      out.push({ name, spec, kind });
    }
  }
  return out;
}

/** The `os`/`cpu`/`libc` lists of a lockfile entry (npm writes a string or an array), if any. */
export function entryPlatform(entry: Record<string, unknown>): PlatformConstraint | undefined {
  const out: PlatformConstraint = {};
  for (const field of ['os', 'cpu', 'libc'] as const) {
    const v = entry[field];
    const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    if (list.length) out[field] = list;
  }
  return out.os || out.cpu || out.libc ? out : undefined;
}

/**
 * Collects entries without `resolved` so a lockfile written with `omit-lockfile-registry-resolved`
 * yields a few precise problems and one summary, not thousands of lines.
 */
export class MissingResolved {
  private readonly items: { key: string; line?: number }[] = [];
  private considered = 0;
  constructor(
    private readonly file: string,
    private readonly b: InventoryBuilder,
  ) {}

  /** Count an entry that could have had a `resolved` URL (whether or not it has one). */
  consider(): void {
    this.considered++;
  }

  add(key: string, line?: number): void {
    this.items.push({ key, line });
  }

  flush(): void {
    if (this.items.length > 0 && this.items.length === this.considered) {
      // No entry has one: the lockfile was written with `omit-lockfile-registry-resolved`. That is a
      // setting, not damage: say so once as a note, and fetch from the configured registry.
      const note = `no entry records a "resolved" URL (npm's omit-lockfile-registry-resolved): tarballs come from the configured registry and are checked against the locked integrity`;
      this.b.source.note = this.b.source.note ? `${this.b.source.note}; ${note}` : note;
      return;
    }
    const shown = this.items.slice(0, 5);
    for (const it of shown) {
      this.b.problem({
        code: 'E_LOCKFILE_PARSE',
        message: `lockfile entry "${it.key}" has no "resolved" URL; where it is downloaded from cannot be checked`,
        subject: it.key,
        file: this.file,
        line: it.line,
      });
    }
    if (this.items.length > shown.length) {
      this.b.problem({
        code: 'E_LOCKFILE_PARSE',
        message: `${this.items.length} lockfile entries in total have no "resolved" URL (first ones listed above)`,
        file: this.file,
        hint: 'npm omits it when `omit-lockfile-registry-resolved` is set; the registry from your npm config is assumed.',
      });
    }
  }
}

export function missingVersionProblem(b: InventoryBuilder, file: string, key: string, line?: number): void {
  b.problem({
    code: 'E_LOCKFILE_PARSE',
    message: `lockfile entry "${key}" has no "version"; it was left out of the inventory`,
    subject: key,
    file,
    line,
    hint: 'Regenerate the lockfile with `npm install --package-lock-only`.',
  });
}

/** Is this `resolved` / version spec something other than a registry tarball? */
export function isNonRegistry(resolvedOrVersion: string | undefined): boolean {
  if (!resolvedOrVersion) return false;
  return (
    /^(git\+|git:|github:|gitlab:|bitbucket:|file:|link:|ssh:)/.test(resolvedOrVersion) ||
    /^[\w.-]+\/[\w.-]+(#.*)?$/.test(resolvedOrVersion)
  );
}
