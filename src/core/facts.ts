/**
 * Fact families: what a ScanResult carries under `facts[key]`, each declared once beside its type
 * (`defineFacts`) and listed in the registry (app/fact-registry.ts). Producers write and readers read
 * through the functions here, so no renderer or command casts `result.facts`; stored results are
 * untrusted JSON, and a value without its family's shape is skipped, never guessed at.
 */
import { isObj } from './guards.js';
import type { ScanResult } from './result.js';

export interface FactFamily<T> {
  /** `result.facts[key]`: the producing analyzer's id, or the pipeline's name for command facts. */
  key: string;
  /** `component`: `facts[key][subject]` is a T per component (purl) or repository; `result`: `facts[key]` is one T. */
  scope: 'component' | 'result';
  /** Bumped on any incompatible change of T (and checked by `is` where T records it). */
  version: number;
  /** What the facts say, for the registry's listing. */
  about: string;
  /** T's shape, checked on read. */
  is(v: unknown): v is T;
}

export function defineFacts<T>(family: FactFamily<T>): FactFamily<T> {
  return family;
}

type Facts = Pick<ScanResult, 'facts'>;
/** What the readers accept: a ScanResult, a stored one, or any holder of a facts map. */
type FactsIn = { readonly facts: Readonly<Record<string, unknown>> };

/** `facts[key][subject]` of a component-scoped family, each value of the family's shape. */
export function readComponentFacts<T>(result: FactsIn, family: FactFamily<T>): Map<string, T> {
  const out = new Map<string, T>();
  const all = result.facts[family.key];
  if (family.scope !== 'component' || !isObj(all)) return out;
  for (const [subject, v] of Object.entries(all)) if (family.is(v)) out.set(subject, v);
  return out;
}

/** `facts[key][subject]` of a component-scoped family, when present and of the family's shape. */
export function componentFact<T>(result: FactsIn, family: FactFamily<T>, subject: string): T | undefined {
  const all = result.facts[family.key];
  const v = family.scope === 'component' && isObj(all) && Object.hasOwn(all, subject) ? all[subject] : undefined;
  return family.is(v) ? v : undefined;
}

/** `facts[key]` of a result-scoped family, when present and of the family's shape. */
export function readResultFacts<T>(result: FactsIn, family: FactFamily<T>): T | undefined {
  const v = result.facts[family.key];
  return family.scope === 'result' && family.is(v) ? v : undefined;
}

export function putComponentFacts<T>(result: Facts, family: FactFamily<T>, subject: string, value: T): void {
  (result.facts[family.key] ??= {})[subject] = value;
}

export function putResultFacts<T extends object>(result: Facts, family: FactFamily<T>, value: T): void {
  // The one place a typed family value enters the JSON-shaped map.
  result.facts[family.key] = value as unknown as Record<string, unknown>;
}
