/** A user's `npm:NAME@VERSION` argument, parsed at the boundary (the CLI and every per-command pipeline share it). */
import { VigilError } from './errors.js';

export interface NpmSpec {
  name: string;
  /** Version, range or dist-tag (default `latest`). */
  want: string;
}

export function parseNpmSpec(spec: string): NpmSpec | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const body = spec.slice(4);
  const at = body.indexOf('@', body.startsWith('@') ? 1 : 0);
  const name = at > 0 ? body.slice(0, at) : body;
  const want = at > 0 ? body.slice(at + 1) : 'latest';
  if (!/^(@[a-z0-9._~-]+\/)?[a-z0-9._~-]+$/i.test(name) || want === '') {
    throw new VigilError('E_USAGE', `invalid package spec "${spec}"`, { hint: 'use npm:NAME@VERSION, e.g. npm:left-pad@1.3.0' });
  }
  return { name, want };
}
