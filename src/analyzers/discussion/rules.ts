/** Catalogue entries of every rule the discussion analyzer can emit. */
import type { RuleInfo } from '../../core/rule.js';

const XZ_THREADS =
  'xz-devel, 2022: in "[xz-devel] [PATCH] String to filter and filter to string" (Apr–Jun) "Jigar Kumar" wrote that ' +
  '"patches spend years on this mailing list"; in "[xz-devel] XZ for Java" (May–Jun) "Dennis Ens" asked "Is XZ for Java still ' +
  'maintained?", Jigar Kumar wrote "Progress will not happen until there is new maintainer" and "Why wait until 5.4.0 to change ' +
  'maintainer?", and Dennis Ens asked "Why not pass on maintainership". Neither had written to the list before, neither contributed ' +
  'code, and both fell silent for well over a year afterwards. Jia Tan, pushed forward in the same threads, became co-maintainer and signed the backdoored 5.6.0/5.6.1 ' +
  'releases (CVE-2024-3094).';

const SUPPRESS = (rule: string): string =>
  `Add to vigil.config.json: {"suppressions":[{"rule":"${rule}","subject":"<archive path or thread>","reason":"reviewed: <why this is not pressure>","expires":"<date>"}]}`;

export const DISCUSSION_RULES: RuleInfo[] = [
  {
    id: 'discussion/pressure-campaign',
    title: 'Coordinated pressure on the maintainer by new identities',
    severity: 'high',
    meaning:
      'Several identities with no earlier messages in the archive and no code contributions appeared within a short window, pushed the ' +
      'same demand at the maintainer (hand the project over, add a maintainer, "is this project dead", merge or release faster) and went ' +
      'silent afterwards. The score adds up explainable features: shared threads, handover demands, silence afterwards, no code, the ' +
      "maintainer's burn-out replies, advocacy for a newcomer, shared header fingerprints and phrasing.",
    why:
      'Sock-puppet pressure is how the xz-utils takeover was prepared: it wears down a tired maintainer until a helpful newcomer is given ' +
      'commit and release rights. Catching the campaign gives the community time to support the maintainer before trust is transferred.',
    example: XZ_THREADS,
    suppress: SUPPRESS('discussion/pressure-campaign'),
  },
  {
    id: 'discussion/pressure-before-takeover',
    title: 'Pressure campaign followed by a newcomer gaining commit or release rights',
    severity: 'critical',
    meaning:
      'A pressure campaign in the discussions (see discussion/pressure-campaign) was followed, in the repository history, by a recent ' +
      'contributor committing directly or tagging releases for the first time. Both halves are in the evidence.',
    why: 'This is the xz pattern end to end: social pressure, then a trust transfer to the person the pressure favoured.',
    example:
      XZ_THREADS +
      ' In the xz repository Jia Tan, first seen in 2021, committed directly from late 2022 and tagged v5.4.2 and v5.2.11 ' +
      'in March 2023.',
    suppress: SUPPRESS('discussion/pressure-before-takeover'),
  },
  {
    id: 'discussion/new-identity-pressure',
    title: 'A new identity with no history presses the maintainer',
    severity: 'medium',
    meaning:
      'An identity that had never written to the archive before (and contributed no code) sent messages demanding a handover, declaring ' +
      'the project dead or blaming the maintainer. Medium when several such messages carry handover or blame; low for a single one.',
    why: 'One new voice is often a frustrated user; it is also the first half of a campaign. Watch for others joining.',
    example:
      'xz-devel, April 2022: "Jigar Kumar", first message ever, ends a patch review with "it will unfortunatly be years until the community actually gets this quality of life feature" and follows with "Patches spend years on this mailing list."',
    suppress: SUPPRESS('discussion/new-identity-pressure'),
  },
  {
    id: 'discussion/maintainer-demand',
    title: 'Demand aimed at the maintainer',
    severity: 'low',
    meaning:
      'A message (not a patch) demands that the maintainer step down, hand over, change or add maintainers, or declares the project ' +
      'abandoned, with blame. Established participants say such things too; the finding is low and exists for the timeline.',
    why: 'Demands are the raw material of a pressure campaign; on their own they are usually ordinary frustration.',
    example:
      'xz-devel, June 2022, "[xz-devel] XZ for Java": "Why not pass on maintainership for XZ for C so you can give XZ for Java more attention?"',
    suppress: SUPPRESS('discussion/maintainer-demand'),
  },
  {
    id: 'discussion/newcomer-endorsement',
    title: 'Advocacy for giving a recent participant maintainer or commit rights',
    severity: 'low',
    meaning:
      'A message urges (or announces) a bigger role, commit access or co-maintainership for one specific, recently arrived person. ' +
      'Medium when it happens inside a pressure campaign.',
    why: 'A trust transfer to a newcomer is normal in healthy projects, and it is the goal of a takeover. It deserves a second look when it follows pressure.',
    example:
      'xz-devel, June 2022, "[xz-devel] XZ for Java": the maintainer writes that Jia Tan "is practically a co-maintainer already", after Jigar Kumar asked Jia "Why can\'t you commit this yourself?"',
    suppress: SUPPRESS('discussion/newcomer-endorsement'),
  },
  {
    id: 'discussion/maintainer-burnout',
    title: 'The maintainer says they are exhausted or short of time',
    severity: 'info',
    meaning:
      "The project's most active participant wrote, in the first person, about burn-out, mental health, limited time or an unpaid hobby " +
      'project, in or near threads where they were pressed. This is vulnerability, not blame: nothing is said about the person beyond their words.',
    why: 'A tired maintainer of a critical project is the target of takeovers, and the right recipient of help and funding.',
    example:
      'xz-devel, June 2022: Lasse Collin: "my ability to care has been fairly limited mostly due to longterm mental health issues" and "this is an unpaid hobby project".',
    suppress: SUPPRESS('discussion/maintainer-burnout'),
  },
];
