/** Catalogue entries for every rule the advisories analyzer and `vigil affected` emit. */
import type { RuleInfo } from '../../core/rule.js';

export const RULE_MALICIOUS = 'advisory/malicious';
export const RULE_VULNERABLE = 'advisory/vulnerable';

export const ADVISORY_RULES: RuleInfo[] = [
  {
    id: RULE_MALICIOUS,
    title: 'Known malicious release installed',
    severity: 'critical',
    meaning:
      'A component is at a version that a published advisory identifies as malicious: a MAL- record, an advisory ' +
      'tagged CWE-506 (embedded malicious code), or a "Malicious code in" / "Embedded malware in" advisory.',
    why:
      'A malicious release runs attacker code on every machine that installs or runs it: install scripts steal ' +
      'tokens, payloads backdoor builds and servers. Removing it is not enough; secrets reachable from an ' +
      'affected machine must be treated as stolen.',
    example:
      'event-stream 3.3.6 (November 2018, GHSA-mh6f-8j2x-4483) pulled in flatmap-stream 0.1.1, whose encrypted ' +
      'payload targeted the Copay bitcoin wallet; ua-parser-js 0.7.29/0.8.0/1.0.0 (October 2021, ' +
      'GHSA-pjwm-rvh2-c87w) installed a coin miner and password stealer; the xz 5.6.0/5.6.1 backdoor ' +
      '(CVE-2024-3094, DSA-5649-1) reached Debian unstable as 5.5.1alpha-0.1 to 5.6.1-1.',
    suppress:
      'Do not suppress a malicious release; move to the safe version `vigil affected ID` prints. For a ' +
      'false match, add {"rule":"advisory/malicious","subject":"pkg:npm/NAME@VERSION","reason":"..."} to ' +
      '"suppressions" in vigil.config.json.',
  },
  {
    id: RULE_VULNERABLE,
    title: 'Component affected by a known advisory',
    severity: 'high',
    meaning:
      'A component is at a version inside the affected ranges (or explicit versions) of an OSV advisory. The ' +
      'severity is read from the record (CVSS v3 base score, else database_specific.severity).',
    why:
      'Known vulnerabilities are what attackers try first; the advisory names the fixed versions, and ' +
      '`vigil affected ID` computes the nearest safe version in each direction and the exact override.',
    example:
      'node-ipc 10.1.1 and 10.1.2 (March 2022, CVE-2022-23812 / GHSA-97m3-w2cp-4xx6) overwrote files on ' +
      'machines with Russian or Belarusian IP addresses; 10.1.3 removed the code.',
    suppress:
      'Add {"rule":"advisory/vulnerable","subject":"pkg:npm/NAME@VERSION","reason":"not reachable: ...",' +
      '"expires":"YYYY-MM-DD"} to "suppressions" in vigil.config.json; an expiry makes it come back for review.',
  },
];
