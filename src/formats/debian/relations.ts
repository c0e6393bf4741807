/**
 * Package relationship fields (Depends, Pre-Depends, Provides, Breaks...): a comma-separated list
 * of alternatives `a (>= 1) | b:any`. Architecture restrictions `[amd64]` and build profiles
 * `<!nocheck>` (only in source packages) are parsed and dropped.
 */
import { foldField } from './control.js';

export interface Relation {
  name: string;
  /** `any`, `native` or an architecture after `name:`. */
  archQualifier?: string;
  op?: string;
  version?: string;
}

/** One clause: satisfied by any of its alternatives. */
export type RelationClause = Relation[];

const ONE =
  /^([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9-]+))?\s*(?:\(\s*(<<|<=|>=|>>|=|<|>)\s*([^)\s]+)\s*\))?\s*(?:\[[^\]]*\])?\s*(?:<[^>]*>\s*)*$/i;

/** Parse a relationship field. Unparseable alternatives are returned in `bad`, never thrown. */
export function parseRelations(field: string | undefined): { clauses: RelationClause[]; bad: string[] } {
  const clauses: RelationClause[] = [];
  const bad: string[] = [];
  const text = foldField(field);
  if (!text) return { clauses, bad };
  for (const part of text.split(',')) {
    const clause: Relation[] = [];
    for (const alt of part.split('|')) {
      const t = alt.trim();
      if (!t) continue;
      const m = ONE.exec(t);
      if (!m) {
        bad.push(t);
        continue;
      }
      const r: Relation = { name: m[1]!.toLowerCase() };
      if (m[2]) r.archQualifier = m[2];
      if (m[3]) {
        r.op = m[3];
        r.version = m[4];
      }
      clause.push(r);
    }
    if (clause.length) clauses.push(clause);
  }
  return { clauses, bad };
}

export function formatRelation(r: Relation): string {
  const q = r.archQualifier ? `:${r.archQualifier}` : '';
  return r.op ? `${r.name}${q} (${r.op} ${r.version})` : `${r.name}${q}`;
}

export const formatClause = (c: RelationClause): string => c.map(formatRelation).join(' | ');
