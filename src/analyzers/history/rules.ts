/** Catalogue entries for every rule the history analyzer emits. */
import type { RuleInfo } from '../../core/rule.js';

const XZ = 'xz-utils (tukaani-project/xz), 2022-2024, CVE-2024-3094';
const SUPPRESS = (rule: string) =>
  `Add to vigil.config.json: {"suppressions":[{"rule":"${rule}","subject":"<repo or purl>","reason":"<why this is expected>","expires":"<date>"}]}`;

export const HISTORY_RULES: RuleInfo[] = [
  {
    id: 'history/new-signing-key',
    title: 'Releases signed with a key never used before',
    severity: 'high',
    meaning:
      'A signed tag uses a signing key that no earlier tag of the repository used. Severity is high when the signer is a newcomer and earlier releases were signed by someone else; low for a long-standing maintainer rotating keys; info for the first signed tag ever.',
    why: 'Users and distributions trust releases through the signing key. A new key held by a new person is a transfer of release authority that downstream verifiers rarely notice.',
    example: `${XZ}: v5.2.11 and v5.4.2 (2023-03-18) and later releases were tagged by Jia Tan and signed with a new key (22D465F2B4C173803B20C6DE59FCF207FEA7F445), after 15 years of releases signed by Lasse Collin.`,
    suppress: SUPPRESS('history/new-signing-key'),
  },
  {
    id: 'history/fast-trust-escalation',
    title: 'Newcomer reached release authority quickly',
    severity: 'medium',
    meaning:
      'A person whose first activity in the repository is recent became a committer and created release tags within a short time. High when all earlier releases came from one other person (a one-maintainer project handing over).',
    why: 'Taking over a project by social engineering means earning commit and release rights fast, typically in a project carried by one tired maintainer.',
    example: `${XZ}: Jia Tan's first patch (6468f7e4, as jiat75) is dated 2022-01-28; he commits as committer from 2022-12-30 and tags and signs v5.2.11 and v5.4.2 on 2023-03-18, after all earlier tags came from Lasse Collin.`,
    suppress: SUPPRESS('history/fast-trust-escalation'),
  },
  {
    id: 'history/newcomer-takeover',
    title: 'Newcomer took over a dormant single-maintainer project',
    severity: 'medium',
    meaning:
      "Someone new arrived in a project that one person had carried (≥ 75% of the previous three years' commits) through a quiet period (the last year under 35% of the peak year), and within two years became the dominant committer, tagged releases, or — soon after pushing commits themselves — changed dependency manifests, build, CI or release files. Never high on its own: healthy successions look the same; correlate/takeover-story joins it with payload signals.",
    why: "Taking over an exhausted project is the cheapest way into a critical dependency; the new owner's first changes to build and release machinery are where a backdoor goes.",
    example: `${XZ}: Jia Tan's first commit is dated 2022-06 (patches from 2021), after Lasse Collin had carried xz alone through 2015–2021 at a fraction of his earlier activity; Jia Tan pushed his own commits from 2022-12, tagged v5.2.11 and v5.4.2 in 2023-03, and was the dominant committer in 2023 (304 commits to 172), changing build and CI files throughout.`,
    suppress: SUPPRESS('history/newcomer-takeover'),
  },
  {
    id: 'history/security-contact-change',
    title: 'Security policy or contact address changed',
    severity: 'low',
    meaning:
      'A commit changed the security policy (SECURITY.md), a bug-report/contact address (configure.ac AC_INIT, README, CMake project, package.json bugs) or the maintainer list. Medium when a change by a newcomer went in without an established reviewer (pushed by themselves or committed by another newcomer).',
    why: 'Whoever receives vulnerability reports can sit on them. Redirecting the contact to a new person is a quiet step of a takeover.',
    example: `${XZ}: SECURITY.md was created and edited in April 2023 (commits 6549df8d, 537c6cd8, 0fbb2b87 committed by Jia Tan) while the project contact was being redirected to him.`,
    suppress: SUPPRESS('history/security-contact-change'),
  },
  {
    id: 'history/ci-fuzzing-weakened',
    title: 'CI or fuzzing configuration weakened',
    severity: 'low',
    meaning:
      'A CI or fuzzing configuration change disables a feature with security relevance (`--disable-ifunc`, sandbox, sanitizer) or removes sanitizer/fuzzing steps. Medium when a change by a newcomer went in without an established reviewer.',
    why: 'A backdoor needs the checks that would catch it turned off: sanitizers and fuzzers find memory corruption that an implant causes.',
    example: `${XZ}: the OSS-Fuzz build for xz was changed to configure with --disable-ifunc (July 2023, a pull request by Jia Tan to google/oss-fuzz), hiding the IFUNC resolver from fuzzing.`,
    suppress: SUPPRESS('history/ci-fuzzing-weakened'),
  },
  {
    id: 'history/broken-feature-check',
    title: 'Feature-detection snippet can no longer compile',
    severity: 'medium',
    meaning:
      'A commit introduced a C syntax error into a compile-test snippet of the build system (CMake check_c_source_compiles, autoconf AC_LANG_PROGRAM, meson cc.compiles). The check then always fails and the feature is silently disabled. High when the check guards a sandbox or hardening feature.',
    why: 'A feature check that cannot compile is indistinguishable from "not supported" at build time, so a security feature disappears without an error.',
    example: `${XZ}: commit 328c52da (2024-02-26, Jia Tan) added a lone "." line to the CMake Landlock check_c_source_compiles snippet, disabling the Landlock sandbox in CMake builds; fixed as "CMake: Fix sabotaged Landlock sandbox check" (f9cf4c05, 2024-03-30).`,
    suppress: SUPPRESS('history/broken-feature-check'),
  },
  {
    id: 'history/sandbox-check-changed',
    title: 'Sandbox or hardening detection changed',
    severity: 'info',
    meaning:
      'A build-system change touched the detection of a sandbox or hardening feature (Landlock, seccomp, pledge/unveil, Capsicum, stack protector, FORTIFY_SOURCE). Low when the author is a newcomer.',
    why: 'Weakening detection is the quiet way to switch a protection off; such changes deserve a second reviewer.',
    example: `${XZ}: commit 328c52da (2024-02-26) rewrote the Landlock detection in configure.ac and CMakeLists.txt.`,
    suppress: SUPPRESS('history/sandbox-check-changed'),
  },
  {
    id: 'history/binary-test-file-without-generator',
    title: 'Binary test file added or updated without a generator',
    severity: 'low',
    meaning:
      'A binary or high-entropy file was added or modified under a test directory, and no script in the same commit or in nearby commits generates it (writes it, or is a generator script naming it; a test that only reads the file is not its generator). Medium when a change by a newcomer went in without an established reviewer; high when the newcomer pushed it directly and the content looks compressed or encrypted.',
    why: 'Opaque "test files" are where payloads hide: nobody reviews binary blobs, and without a generator nobody can reproduce them.',
    example: `${XZ}: commit cf44e4b7 (2024-02-23, Jia Tan) "Tests: Add a few test files" added bad-3-corrupt_lzma2.xz and good-large_compressed.lzma, which carried the backdoor payload.`,
    suppress: SUPPRESS('history/binary-test-file-without-generator'),
  },
  {
    id: 'history/gitignore-build-macro',
    title: 'Build macro hidden by .gitignore',
    severity: 'low',
    meaning:
      'A .gitignore entry was added for an m4 build macro, so a file of that name can be in a release tarball without ever appearing in git.',
    why: "Release tarballs are built from the maintainer's machine; an ignored macro is where the xz backdoor's extraction code (build-to-host.m4) lived, outside of git.",
    example: `${XZ}: commit 4323bc3e (2024-02-15, Jia Tan) "Update m4/.gitignore." added build-to-host.m4.`,
    suppress: SUPPRESS('history/gitignore-build-macro'),
  },
  {
    id: 'history/ifunc-added',
    title: 'GNU IFUNC resolver added',
    severity: 'low',
    meaning: 'A commit added an `ifunc` attribute or an IFUNC build check. Medium when the author is a newcomer.',
    why: 'IFUNC resolvers run very early in the dynamic loader, before RELRO; the xz backdoor used one to hook sshd.',
    example: `${XZ}: commits 23b5c36f and b72d2120 (2023-06-22, Hans Jansen) added IFUNC checks, and ee44863a added the crc64 IFUNC resolver later abused by the backdoor.`,
    suppress: SUPPRESS('history/ifunc-added'),
  },
  {
    id: 'history/truck-factor-one',
    title: 'Truck factor of one',
    severity: 'medium',
    meaning:
      'By degree of authorship (Avelino et al. 2016), one person is the main author of more than half of the files: if they leave, most of the code has no one who knows it.',
    why: 'One-maintainer projects are the ones attackers target for takeover, and the ones that stall when the person burns out.',
    example: `${XZ}: Lasse Collin carried xz alone for about 15 years before Jia Tan offered help.`,
    suppress: SUPPRESS('history/truck-factor-one'),
  },
  {
    id: 'history/dominant-contributor',
    title: 'One person makes most recent commits',
    severity: 'low',
    meaning: 'Over the last three years of history one person authored at least 80% of the commits.',
    why: 'A single dominant contributor is a single point of failure and of pressure.',
    example: `${XZ}: before 2022 nearly every commit was Lasse Collin's.`,
    suppress: SUPPRESS('history/dominant-contributor'),
  },
  {
    id: 'history/maintainer-activity-decline',
    title: 'Top maintainer activity in long decline',
    severity: 'low',
    meaning:
      "The person with the most commits, still the top author of the last three years, committed far less (under 35% of their peak year) in each of the last two years; or, earlier in the history, for two or more years in a row while still authoring at least 60% of the project's commits (a past burn-out, found on the full history).",
    why: 'A maintainer burning out is the opening for "help" from strangers; the project needs support before it needs a new maintainer.',
    example: `${XZ}: Lasse Collin wrote of long-term mental health issues in 2022 while sockpuppets pressed him to add a maintainer.`,
    suppress: SUPPRESS('history/maintainer-activity-decline'),
  },
  {
    id: 'history/elephant-factor-one',
    title: 'One organization makes half of the commits',
    severity: 'info',
    meaning: 'CHAOSS elephant factor 1: the e-mail domain of one organization (or one individual) accounts for half of all commits.',
    why: 'A project depending on one organization or one person stops when they stop.',
    example: `${XZ}: elephant factor 1 (Lasse Collin's own address).`,
    suppress: SUPPRESS('history/elephant-factor-one'),
  },
];

export const HISTORY_ANALYZER = { id: 'history', version: '1.0.0' } as const;
