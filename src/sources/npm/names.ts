/** Package name checks: a name from a lockfile is untrusted input and ends up in URLs. */
import npa from 'npm-package-arg';
import { VigilError } from '../../core/errors.js';

/** `@scope%2fname` for packument URLs; throws E_UNSUPPORTED for names npm itself would refuse. */
export function escapedName(name: string): string {
  let escaped: string | null;
  try {
    escaped = npa.resolve(name, 'latest').escapedName;
  } catch (e) {
    throw new VigilError('E_UNSUPPORTED', `"${name}" is not a valid npm package name`, { subject: name, cause: e });
  }
  if (!escaped) throw new VigilError('E_UNSUPPORTED', `"${name}" is not a valid npm package name`, { subject: name });
  return escaped;
}
