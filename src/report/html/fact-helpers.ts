/** Defensive accessors for facts written by other analyzers: never trust a field's type. */
import type { Scalar, TableRow } from '../view-types.js';

export type Obj = Record<string, unknown>;
export { isObj } from '../../core/guards.js';
import { isObj } from '../../core/guards.js';
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
export const first = (o: Obj, ...keys: string[]): unknown => {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
};

/** A number from `3`, `"3"` or `{ score | value: 3 }`; undefined otherwise. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (isObj(v)) return num(first(v, 'score', 'value'));
  return undefined;
}

export const scalar = (v: unknown): Scalar => {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map((x) => (isObj(x) || Array.isArray(x) ? JSON.stringify(x) : String(x))).join(', ');
  if (isObj(v)) {
    const label = str(first(v, 'name', 'url', 'id', 'type'));
    return label ?? JSON.stringify(v);
  }
  return v === undefined ? null : String(v);
};

export function toRow(v: unknown, columns?: string[]): TableRow | undefined {
  if (!isObj(v)) return undefined;
  const row: TableRow = {};
  for (const [k, x] of Object.entries(v)) {
    if (columns && !columns.includes(k)) continue;
    row[k] = k === 'path' && Array.isArray(x) ? x.map(String).join(' › ') : scalar(x);
  }
  return row;
}

export const keep = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);
