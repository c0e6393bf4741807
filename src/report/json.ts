/** JSON report: the ScanResult itself, schema-versioned (see docs/json-schema.md). */
import type { ScanResult } from '../core/result.js';

export function renderJson(r: ScanResult): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
