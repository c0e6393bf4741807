/** Builders for advisory tests: raw OSV records and parsed advisories. */
import { parseOsvRecord } from '../../src/sources/osv/parse.js';
import type { Advisory } from '../../src/sources/osv/model.js';

export function osv(id: string, affected: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, modified: '2024-01-01T00:00:00Z', affected, ...extra };
}

export function npmEntry(name: string, events: Record<string, string>[], versions?: string[]): Record<string, unknown> {
  return { package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events }], ...(versions ? { versions } : {}) };
}

export function parsed(raw: unknown): Advisory {
  const r = parseOsvRecord(raw, { file: 'test.json' });
  if (!r.advisory) throw new Error(`not parsed: ${JSON.stringify(r.problems)}`);
  return r.advisory;
}
