/**
 * Exact fix snippets: npm `overrides`, yarn `resolutions`, pnpm `pnpm.overrides` (package.json), or
 * an `apt-get install pkg=version` line pinning every affected binary package of the source.
 */
export type NpmClient = 'npm' | 'yarn' | 'pnpm';

export interface FixSnippets {
  /** The snippet for the tool that wrote this inventory. */
  fix: string;
  npm?: string;
  yarn?: string;
  pnpm?: string;
  apt?: string;
}

export function npmClientFor(formats: string[]): NpmClient {
  const f = formats.join(' ').toLowerCase();
  if (f.includes('pnpm')) return 'pnpm';
  if (f.includes('yarn')) return 'yarn';
  return 'npm';
}

export function npmFix(name: string, version: string, client: NpmClient): FixSnippets {
  const pin = { [name]: version };
  const npm = JSON.stringify({ overrides: pin });
  const yarn = JSON.stringify({ resolutions: pin });
  const pnpm = JSON.stringify({ pnpm: { overrides: pin } });
  return { fix: client === 'yarn' ? yarn : client === 'pnpm' ? pnpm : npm, npm, yarn, pnpm };
}

/** `apt-get install xz-utils=5.6.1+really5.4.5-1 liblzma5=5.6.1+really5.4.5-1` */
export function aptFix(binaries: string[], version: string): FixSnippets {
  const apt = `apt-get install ${[...new Set(binaries)]
    .sort()
    .map((b) => `${b}=${version}`)
    .join(' ')}`;
  return { fix: apt, apt };
}
