/** Parse a money amount given on the command line into integer cents (no floats involved). */
import { VigilError } from '../core/errors.js';

/** `1000`, `1000.5`, `1,000.50`, `1_000` → cents. Zero, negative or malformed → E_USAGE naming the option. */
export function parseCents(raw: unknown, option: string, opts: { allowZero?: boolean } = {}): number {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const m = /^(-)?(\d{1,3}(?:[,_]\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m)
    throw new VigilError('E_USAGE', `--${option} must be an amount like 500 or 1250.50 (got "${String(raw ?? '')}")`, {
      hint: 'whole units with at most two decimals, no currency sign',
    });
  const cents = Number(m[2]!.replace(/[,_]/g, '')) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) throw new VigilError('E_USAGE', `--${option} is too large (${text})`);
  if (m[1] === '-' && cents !== 0) throw new VigilError('E_USAGE', `--${option} must not be negative (got ${text})`);
  if (cents === 0 && !opts.allowZero) throw new VigilError('E_USAGE', `--${option} must be more than zero (got ${text})`);
  return cents;
}
