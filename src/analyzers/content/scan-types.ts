/** Per-file scan output shared by the AST and regex scanners (internal; facts.ts publishes it). */
import type { CapabilityKind, EndpointCategory, ObfuscationTechnique } from './types.js';
import type { FileBehaviour } from './behaviour/types.js';

export interface RawCap {
  kind: CapabilityKind;
  /** Character offsets, for "where in the file" checks (appended code). */
  offset: number;
  end: number;
  line: number;
  excerpt: string;
  detail?: string;
}

export interface RawSignal {
  technique: ObfuscationTechnique;
  line: number;
  excerpt: string;
  detail?: string;
}

export interface FileScan {
  caps: RawCap[];
  endpoints: { file: string; line: number; excerpt: string; host: string; category: EndpointCategory; detail?: string }[];
  /** Relative module specifiers (`./x`, `../y`) for the install-time closure. */
  requires: string[];
  obfuscation: RawSignal[];
  /** Distinct `_0x…` identifiers. */
  hexIdents: number;
  /** Sources, sinks and proven flows (AST-parsed files only). */
  behaviour?: FileBehaviour;
  /** The behaviour pass read only the file's units (units.ts): flows between units were not followed. */
  behaviourByUnits?: true;
}
