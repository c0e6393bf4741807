/** The npm analyzers' rules (a table only, so the rule catalogue loads without analyzer code). */
import type { RuleInfo } from '../../core/rule.js';

export const installScriptRule: RuleInfo = {
  id: 'npm/install-script',
  title: 'Dependency runs a script at install time',
  severity: 'medium',
  meaning:
    "The package declares a preinstall, install or postinstall script (or prepare, for a git dependency) that npm runs with your user's rights during `npm install`.",
  why: 'Install scripts are the most common way malicious npm releases execute: they run before any code review, on developer machines and CI runners that hold tokens.',
  example:
    'ua-parser-js 0.7.29 (Oct 2021) gained a preinstall script that downloaded a cryptominer and a password stealer; eslint-scope 3.7.2 (Jul 2018) used postinstall to steal npm tokens.',
  suppress:
    'Add {"rule":"npm/install-script","subject":"pkg:npm/NAME","reason":"native build, reviewed"} to suppressions in vigil.config.json, or install with --ignore-scripts.',
};

export const manifestConfusionRule: RuleInfo = {
  id: 'npm/manifest-confusion',
  title: 'Registry manifest differs from the package.json in the tarball',
  severity: 'high',
  meaning:
    'The dependencies, install scripts or bin entries the registry serves for this version are not the ones in the package.json shipped inside its tarball.',
  why: 'npm acts on the registry manifest, reviewers read the tarball: a publisher can hide a dependency or a script from anyone who inspects the files.',
  example:
    'Darcy Clarke\'s "manifest confusion" disclosure (June 2023) showed the npm registry accepted manifests whose dependencies and scripts differed from the tarball\'s package.json.',
  suppress: 'Add {"rule":"npm/manifest-confusion","subject":"pkg:npm/NAME@VERSION","reason":"..."} to suppressions in vigil.config.json.',
};

export const remoteDependencyRule: RuleInfo = {
  id: 'npm/remote-dependency',
  title: 'Dependency fetched from git, a URL or the filesystem',
  severity: 'medium',
  meaning: 'The locked source of this dependency is a git repository, an http(s) tarball URL or a local path, not the registry.',
  why: 'Such sources are mutable (a branch or URL can change under the same name), bypass registry integrity and malware scanning, and git dependencies run their `prepare` script at install.',
  example:
    'In the 2021 "dependency via URL" cases and the 2018 event-stream incident write-ups, reviewers noted that URL and git sources escape registry checks; npm docs warn that git dependencies run prepare scripts.',
  suppress: 'Add {"rule":"npm/remote-dependency","subject":"pkg:npm/NAME","reason":"our fork"} to suppressions in vigil.config.json.',
};

export const deprecatedRule: RuleInfo = {
  id: 'npm/deprecated',
  title: 'Locked version is deprecated',
  severity: 'low',
  meaning: 'The registry carries a deprecation message for this exact version.',
  why: 'Deprecation is how maintainers say "stop using this": it often marks abandoned packages, known-broken releases or, after an incident, versions the maintainers or the registry pulled from use.',
  example:
    'After the 2021 ua-parser-js hijack the affected versions were deprecated with a warning; `request` (2020) was deprecated as unmaintained while still in millions of lockfiles.',
  suppress: 'Add {"rule":"npm/deprecated","subject":"pkg:npm/NAME","reason":"migration planned","expires":"2027-01-01"} to suppressions.',
};

export const missingRepositoryRule: RuleInfo = {
  id: 'npm/missing-repository',
  title: 'No source repository link',
  severity: 'info',
  meaning: "Neither the registry manifest nor the tarball's package.json has a `repository` field.",
  why: 'Without a repository, a release cannot be compared with reviewed source (the xz backdoor lived in a tarball that did not match git) and maintainers cannot be reached or funded.',
  example:
    'flatmap-stream 0.1.1 (2018), the payload carrier of the event-stream attack, was published with code that appeared in no public repository.',
  suppress: 'Add {"rule":"npm/missing-repository","subject":"pkg:npm/NAME","reason":"..."} to suppressions.',
};

export const resolvedSourceRule: RuleInfo = {
  id: 'npm/resolved-source',
  title: 'Lockfile resolves a package from an unexpected host or over plain HTTP',
  severity: 'high',
  meaning:
    "The lockfile's `resolved` URL for this package is not on a configured registry's host, uses plain HTTP, or names an address of this machine or its cloud environment.",
  why: 'Lockfile changes are rarely reviewed line by line: a registry-shaped URL on another host installs whatever that host serves, and plain HTTP lets anyone on the path swap the tarball. vigil does not fetch such URLs unless the host is allowed with --allow-host.',
  example:
    'Liran Tal\'s 2019 "lockfile injection" write-up showed a pull request that only changed `resolved` in yarn.lock to a look-alike host; lockfile-lint was written to catch it (--allowed-hosts, --validate-https).',
  suppress:
    'Add {"rule":"npm/resolved-source","subject":"pkg:npm/NAME","reason":"our internal mirror"} to suppressions, or configure that mirror as a registry in .npmrc.',
};
