/** Catalogue entries for every rule the Debian analyzers emit. */
import type { RuleInfo } from '../../core/rule.js';

export const RULE_SINGLE_MAINTAINER = 'deb/single-maintainer-on-privileged-path';
export const RULE_NOT_IN_ARCHIVE = 'deb/installed-version-not-in-archive';
export const RULE_UNKNOWN_ORIGIN = 'deb/package-from-unknown-origin';

export const DEBIAN_RULES: RuleInfo[] = [
  {
    id: RULE_SINGLE_MAINTAINER,
    title: 'Library loaded by a privileged service is maintained by one person (or by no one)',
    severity: 'low',
    meaning:
      'An installed shared-library package lies on the dependency path of a network-facing or privileged service ' +
      '(sshd, systemd, a web or mail server, sudo...), and its Debian source package has no team: one individual ' +
      'is Maintainer with no other Uploaders, or the package is orphaned (maintained by the QA group).',
    why:
      'Code in such a library runs inside the daemon with its privileges. When one tired person carries it, a patient ' +
      'attacker can gain trust and ship a backdoor, and few eyes will review the uploads. Alone, that is fragility to ' +
      'rank and fund, not an incident: low (info when no service on the path faces the network). A newcomer carrying the ' +
      'recent uploads of a long-kept package (a trust transfer to review) raises it one step; an installed version of the ' +
      'source that no signed archive index vouches for raises it two (high on a network-facing path).',
    example:
      'CVE-2024-3094: xz-utils, carried upstream for years by a single maintainer, shipped a backdoor in liblzma 5.6.0/5.6.1 ' +
      'that reached OpenSSH sshd on Debian and Fedora through the path sshd → libsystemd0 → liblzma5 (Debian DSA / ' +
      'debian-security-announce, 29 March 2024; oss-security post by Andres Freund).',
    suppress:
      'Add a suppression with rule "deb/single-maintainer-on-privileged-path" and the library purl (or pkg:deb/debian/NAME*) ' +
      'and a reason, e.g. that the upstream and the packaging have been reviewed. Better: help the package find co-maintainers.',
  },
  {
    id: RULE_NOT_IN_ARCHIVE,
    title: 'Installed version is newer than, or unknown to, the configured Debian suites',
    severity: 'medium',
    meaning:
      'The package name exists in the configured archive suites, but the installed version is in none of their Packages ' +
      'indexes and is not older than what they carry: it was built locally, copied from another suite or release, or ' +
      'installed from a .deb file. (Installed versions that the archive has merely superseded are listed as facts, not findings.)',
    why:
      'A version that no signed archive index vouches for has no verifiable origin: vigil cannot tie it to a source ' +
      'package, a changelog or a signature, and security updates will not replace it.',
    example:
      'CVE-2024-3094: Debian testing/unstable carried backdoored xz-utils builds (5.5.1alpha-0.1 to 5.6.1-1); Debian ' +
      'replaced them with 5.6.1+really5.4.5-1, a version chosen to sort above the bad ones so that apt would move hosts ' +
      'off them (debian-security-announce, 29 March 2024). A host holding a version its archive no longer lists is where to look.',
    suppress:
      'Suppress rule "deb/installed-version-not-in-archive" for the purl with the reason (e.g. "locally patched build, tracked in ticket X").',
  },
  {
    id: RULE_UNKNOWN_ORIGIN,
    title: 'Installed package is in none of the configured archive indexes',
    severity: 'low',
    meaning:
      "No configured apt source (read from the host's sources.list / *.sources, or --mirror/--suite) lists a package of " +
      'this name for this architecture: it came from a third-party repository that is no longer configured, a manual ' +
      '.deb install, or it was removed from the distribution (obsolete).',
    why:
      'Packages without a configured origin receive no updates and cannot be checked against a signed index; obsolete ' +
      'packages no longer get security support.',
    example:
      'Free Download Manager (Kaspersky Securelist, September 2023): for years its official download page sent some ' +
      'Linux users to a look-alike Debian repository serving a backdoored .deb that installed a stealer and a reverse shell.',
    suppress:
      'Configure the repository the package comes from (so its index is checked), remove the package, or suppress rule ' +
      '"deb/package-from-unknown-origin" for the purl with a reason.',
  },
];
