/** Catalogue entries for every rule `vigil verify` can emit. */
import type { RuleInfo } from '../../core/rule.js';

export const ARTIFACT_ANALYZER = { id: 'artifact', version: '1.0.0' } as const;

export const ARTIFACT_RULES = {
  modifiedMacro: 'artifact/modified-macro',
  unlistedMacro: 'artifact/unlisted-macro-version',
  suspiciousBuildCode: 'artifact/suspicious-build-code',
  unexplainedFile: 'artifact/unexplained-file',
  modifiedFile: 'artifact/modified-file',
  caseCollision: 'artifact/case-collision',
  manifestScripts: 'artifact/manifest-scripts-changed',
  dscChecksum: 'artifact/dsc-checksum-mismatch',
  releaseWithoutSource: 'artifact/release-without-source',
} as const;

const R = ARTIFACT_RULES;
const SUPPRESS = (id: string): string =>
  `Add to vigil.config.json: {"suppressions":[{"rule":"${id}","subject":"<artifact subject>","reason":"<why this difference is expected>","expires":"YYYY-MM-DD"}]}`;
const XZ =
  'xz-utils 5.6.0 and 5.6.1 (CVE-2024-3094): the release tarballs carried m4/build-to-host.m4 with serial 30 (gnulib ships serial 3), absent from git, which extracted the backdoor from tests/files/*.xz with tr/head/xz -d.';

export const artifactRules: RuleInfo[] = [
  {
    id: R.modifiedMacro,
    title: 'Third-party m4 macro differs from every upstream version',
    severity: 'high',
    meaning:
      'An m4 file named like an autoconf/automake/libtool/gettext/autoconf-archive/gnulib macro has a serial no upstream release had, or the content of a known serial was changed. High when the serial is unknown, the change is large or adds decoding/eval idioms; medium for a small change the scanner finds nothing in (what distribution patches look like); low when only comments or version strings differ.',
    why: 'Copied macros are never reviewed: they are added by autoreconf at release time, not in git. A changed macro runs inside configure on every build machine.',
    example: XZ,
    suppress: SUPPRESS(R.modifiedMacro),
  },
  {
    id: R.unlistedMacro,
    title: 'm4 macro version not in the catalogue',
    severity: 'low',
    meaning:
      'The macro carries a serial between versions the catalogue knows; it is probably an upstream release Debian never shipped, so its content could not be checked.',
    why: 'An unverifiable macro is where a modified one would hide; check it against the upstream release named by the project.',
    example: XZ,
    suppress: SUPPRESS(R.unlistedMacro),
  },
  {
    id: R.suspiciousBuildCode,
    title: 'Build code only in the release decodes or runs hidden data',
    severity: 'high',
    meaning:
      'Lines present in the artifact but not in the reviewed source (a generated configure, a macro, a changed script) swap characters with tr, carve bytes with head -c, pipe decompressed data into a shell, or eval computed strings.',
    why: 'These idioms turn inert test data into code at build time; in a release-only file nobody reviewed them.',
    example: XZ,
    suppress: SUPPRESS(R.suspiciousBuildCode),
  },
  {
    id: R.unexplainedFile,
    title: 'File in the release that is not in the source and not a known build product',
    severity: 'medium',
    meaning:
      'The artifact carries a file the tagged source does not have, and no release-process rule (autotools, gettext, gnulib, npm build output) explains it. npm build output is explained only when the package has a build step (a build/prepare script or a bundler configuration). An unexplained npm code file is high when it is minified, carries an encoded blob, or is loaded by other code of the package without being an entry point; medium otherwise.',
    why: 'People review git; machines install tarballs. An unexplained file is code or data nobody reviewed.',
    example:
      'event-stream 3.3.6 / flatmap-stream 0.1.1 (2018): the published package carried an encrypted payload absent from the GitHub repository.',
    suppress: SUPPRESS(R.unexplainedFile),
  },
  {
    id: R.releaseWithoutSource,
    title: 'Release that no tag or commit of the source repository matches',
    severity: 'medium',
    meaning:
      'The repository tags its earlier releases (at least two older versions), but no tag matches this version and its gitHead, if any, is not a commit of the repository.',
    why: "A release built from the project's repository is tagged like the ones before it; a version published with a stolen token from elsewhere exists only in the registry.",
    example:
      "ua-parser-js 0.7.29, 0.8.0 and 1.0.0 (Oct 2021) and eslint-config-prettier 8.10.1, 9.1.1, 10.1.6 and 10.1.7 (Jul 2025) were published from hijacked accounts with no matching commit or tag in the projects' repositories.",
    suppress: SUPPRESS(R.releaseWithoutSource),
  },
  {
    id: R.modifiedFile,
    title: 'File in the release differs from the tagged source',
    severity: 'medium',
    meaning: 'A file exists in both but its content (beyond line endings) differs from the tag.',
    why: 'A source file changed between tag and tarball was never reviewed in its shipped form.',
    example: XZ,
    suppress: SUPPRESS(R.modifiedFile),
  },
  {
    id: R.caseCollision,
    title: 'Names differing only in letter case',
    severity: 'low',
    meaning: 'Two artifact paths differ only by case, or an artifact path matches a repository path only case-insensitively.',
    why: 'On case-insensitive file systems one file silently replaces the other, so what is built is not what was compared.',
    example: 'CVE-2014-9390 (git): case-insensitive path collisions let a tree overwrite .git/config on macOS and Windows.',
    suppress: SUPPRESS(R.caseCollision),
  },
  {
    id: R.manifestScripts,
    title: 'Published package.json scripts differ from the repository',
    severity: 'high',
    meaning: 'The lifecycle scripts of the published manifest are not the ones in the tagged package.json.',
    why: 'Install scripts run on every installing machine; one added at publish time never appears in git review.',
    example: 'ua-parser-js 0.7.29 (2021): hijacked releases added a preinstall script that was never in the repository.',
    suppress: SUPPRESS(R.manifestScripts),
  },
  {
    id: R.dscChecksum,
    title: 'Debian source file does not match its .dsc checksum',
    severity: 'critical',
    meaning: 'A file listed in the .dsc (orig or debian tarball) downloaded with a different size or SHA256 than the .dsc declares.',
    why: 'The .dsc is what the maintainer signed; a mismatching tarball was altered in transit or on the mirror.',
    example:
      'Debian requires .dsc checksums exactly because mirrors are untrusted (dpkg-source refuses mismatching files); cf. the 2003 compromise of Debian servers, after which archive integrity checks were tightened.',
    suppress: SUPPRESS(R.dscChecksum),
  },
];
