/**
 * Build fixture repositories in a temp dir with the system git, fixed identities and dates, so
 * tests are deterministic. This is TEST setup code (trusted input); the code under test runs git
 * only through src/sources/git/safe-git.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Who {
  name: string;
  email: string;
}

export class FixtureRepo {
  readonly dir: string;
  constructor(prefix = 'vigil-history-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.git(['init', '-q', '-b', 'main']);
  }

  private env(author: Who, committer: Who, date: string): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: this.dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: date,
    };
  }

  git(
    args: string[],
    env: NodeJS.ProcessEnv = this.env(
      { name: 'Setup', email: 'setup@example.org' },
      { name: 'Setup', email: 'setup@example.org' },
      '2000-01-01T00:00:00Z',
    ),
    input?: string,
  ): string {
    return execFileSync('git', ['-C', this.dir, '-c', 'core.hooksPath=/dev/null', ...args], { env, input, encoding: 'utf8' });
  }

  write(path: string, content: string | Buffer): void {
    const p = join(this.dir, path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }

  /**
   * Write files and commit them; returns the commit hash. `committer` defaults to the author;
   * `authorDate` (default `date`) is when the patch was written, `date` when it was committed.
   */
  commit(
    author: Who,
    date: string,
    message: string,
    files: Record<string, string | Buffer> = {},
    committer: Who = author,
    authorDate = date,
  ): string {
    for (const [p, c] of Object.entries(files)) this.write(p, c);
    if (Object.keys(files).length === 0) this.write('.activity', `${date} ${message}\n`);
    const env = { ...this.env(author, committer, date), GIT_AUTHOR_DATE: authorDate };
    this.git(['add', '-A'], env);
    this.git(['commit', '-q', '--no-verify', '-m', message], env);
    return this.git(['rev-parse', 'HEAD'], env).trim();
  }

  /** Merge `branch` into the checked-out branch with a merge commit by `who` (a pull request merged). */
  merge(branch: string, who: Who, date: string, message: string): string {
    this.git(['merge', '-q', '--no-ff', '-m', message, branch], this.env(who, who, date));
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  /** An annotated tag object written with `git mktag`, optionally with a signature block appended. */
  tag(name: string, tagger: Who, date: string, signature?: string, target = 'HEAD'): string {
    const commit = this.git(['rev-parse', target]).trim();
    const epoch = Math.floor(Date.parse(date) / 1000);
    const body = `object ${commit}\ntype commit\ntag ${name}\ntagger ${tagger.name} <${tagger.email}> ${epoch} +0000\n\nRelease ${name}\n${signature ?? ''}`;
    const sha = this.git(['mktag'], undefined, body).trim();
    this.git(['update-ref', `refs/tags/${name}`, sha]);
    return sha;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A syntactically valid OpenPGP v4 signature packet carrying an issuer fingerprint (no gpg needed). */
export function fakePgpSignature(fingerprintHex: string, created = 1_700_000_000): string {
  const fp = Buffer.from(fingerprintHex, 'hex');
  const time = Buffer.alloc(4);
  time.writeUInt32BE(created);
  const hashed = Buffer.concat([Buffer.from([5, 2]), time, Buffer.from([fp.length + 2, 33, 4]), fp]);
  const keyId = fp.subarray(fp.length - 8);
  const unhashed = Buffer.concat([Buffer.from([9, 16]), keyId]);
  const len2 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
  const mpi = Buffer.from([0x00, 0x08, 0xab]);
  const body = Buffer.concat([
    Buffer.from([4, 0, 1, 8]),
    len2(hashed.length),
    hashed,
    len2(unhashed.length),
    unhashed,
    Buffer.from([0x12, 0x34]),
    mpi,
  ]);
  const packet = Buffer.concat([Buffer.from([0xc2, body.length]), body]);
  const b64 = packet
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN PGP SIGNATURE-----\n\n${b64}\n=AAAA\n-----END PGP SIGNATURE-----\n`;
}

/** Deterministic pseudo-random bytes (high entropy, like compressed data). */
export function noise(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

export const MAINTAINER: Who = { name: 'Lasse Maintainer', email: 'lasse@tukaani.example' };
export const NEWCOMER: Who = { name: 'Jia Newcomer', email: 'jia@mail.example' };

/** `YYYY-MM-DD` plus n days, as an ISO timestamp at noon UTC. */
export function day(base: string, plusDays = 0): string {
  return new Date(Date.parse(`${base}T12:00:00Z`) + plusDays * 86_400_000).toISOString();
}
