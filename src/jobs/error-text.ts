/** How a job failure is recorded: the coded message, masked, on one line, bounded. */
import { redact } from '../core/redact.js';
import { VigilError } from '../core/errors.js';

export function errorMessage(e: unknown): string {
  const text = e instanceof VigilError ? `${e.code}: ${e.message}` : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return redact(text.replace(/\s+/g, ' ')).slice(0, 2000);
}
