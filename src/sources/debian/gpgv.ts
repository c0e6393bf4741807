/**
 * OpenPGP check of an `InRelease` file with the system's `gpgv` against an archive keyring.
 * vigil never guesses: when gpgv or the keyring is missing the state is `unverified` with the reason,
 * and callers must report it (Unavailable), never drop it silently.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const DEFAULT_ARCHIVE_KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';

export type SignatureStatus =
  { state: 'verified'; keyring: string; fingerprint?: string } | { state: 'unverified'; reason: string } | { state: 'bad'; reason: string };

/** Absolute path of an executable on PATH, or undefined. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* keep looking */
    }
  }
  return undefined;
}

export interface GpgvOptions {
  keyring?: string;
  /** Path of gpgv; default: looked up on PATH. `false` disables the check. */
  gpgv?: string | false;
}

export function verifyClearsigned(data: Buffer, opts: GpgvOptions = {}): SignatureStatus {
  if (opts.gpgv === false) return { state: 'unverified', reason: 'signature checking disabled' };
  if (!data.subarray(0, 40).toString('latin1').startsWith('-----BEGIN PGP SIGNED MESSAGE-----')) {
    return { state: 'bad', reason: 'InRelease is not a clearsigned message' };
  }
  const gpgv = opts.gpgv ?? findExecutable('gpgv');
  if (!gpgv) return { state: 'unverified', reason: 'gpgv is not installed (package gpgv): InRelease signature not checked' };
  const keyring = opts.keyring ?? DEFAULT_ARCHIVE_KEYRING;
  if (!existsSync(keyring))
    return {
      state: 'unverified',
      reason: `keyring ${keyring} not found (package debian-archive-keyring): InRelease signature not checked`,
    };
  const dir = mkdtempSync(join(tmpdir(), 'vigil-gpgv-'));
  try {
    const file = join(dir, 'InRelease');
    writeFileSync(file, data);
    const r = spawnSync(gpgv, ['--status-fd', '1', '--keyring', keyring, file], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '', LC_ALL: 'C', GNUPGHOME: dir },
    });
    const status = r.stdout ?? '';
    const fp = /^\[GNUPG:\] VALIDSIG (\S+)/m.exec(status)?.[1];
    if (r.status === 0 && fp) return { state: 'verified', keyring, fingerprint: fp };
    const why = /^\[GNUPG:\] (BADSIG|ERRSIG|NO_PUBKEY|EXPKEYSIG|REVKEYSIG)\b.*$/m.exec(status)?.[0]?.replace('[GNUPG:] ', '');
    return {
      state: 'bad',
      reason: `gpgv rejected the signature${why ? ` (${why})` : ''}: ${(r.stderr ?? '').trim().split('\n').pop() ?? ''}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
