/**
 * Phrase lexicon. Each entry is a meaning-bearing phrase (not a single keyword) with a category and
 * a weight; one sentence matching one weak phrase is never enough on its own — the analysis combines
 * weights with identity, thread and timing context. Lower-cased sentences are matched.
 *
 * Categories:
 *   handover     — the maintainer should hand the project over, step down, add or change maintainers
 *   abandonment  — "is this project dead / still maintained", the maintainer "lost interest"
 *   pace         — merges and releases are too slow, patches wait for years
 *   denigration  — blame and entitlement aimed at the maintainer
 *   burnout      — the maintainer's own statements of exhaustion or lack of time (first person only)
 *   endorsement  — advocacy for giving one specific person maintainer or commit rights
 */

export type Category = 'handover' | 'abandonment' | 'pace' | 'denigration' | 'burnout' | 'endorsement';

export interface Phrase {
  id: string;
  category: Category;
  /** 1 weak, 2 clear, 3 unambiguous. */
  weight: number;
  re: RegExp;
}

const you = String.raw`(?:you|he|she|they|the (?:current )?maintainers?)`;

export const PHRASES: Phrase[] = [
  // handover
  { id: 'until-new-maintainer', category: 'handover', weight: 3, re: /\buntil (?:there is|there's|we have|we get|you get|there are) (?:a )?new maintainers?\b/ },
  { id: 'pass-on-maintainership', category: 'handover', weight: 3, re: /\b(?:pass|hand|give|turn)(?:ing)? (?:on |over )?(?:the )?maintainership\b|\b(?:pass|hand|turn)(?:ing)? (?:on|over) (?:the project|the repo(?:sitory)?|xz for \w+|the keys|control)\b/ },
  { id: 'change-maintainer', category: 'handover', weight: 3, re: /\b(?:change|replace|changing|replacing) (?:the )?maintainer\b(?!s file)/ },
  { id: 'new-maintainer-happens', category: 'handover', weight: 2, re: /\bnew maintainer (?:happens|takes over|steps in)\b|\bneeds? a new maintainer\b/ },
  { id: 'step-down', category: 'handover', weight: 3, re: new RegExp(String.raw`\b${you} (?:should|must|need to|needs to|ought to|has to|have to) (?:step down|step aside|hand over|give up (?:the )?(?:project|maintainership))`) },
  { id: 'why-not-add-maintainer', category: 'handover', weight: 2, re: new RegExp(String.raw`\b(?:why not|why don't you|${you} (?:should|must|need to|needs to|ought to))\b.{0,40}\b(?:add|find|appoint|get|give)\b.{0,30}\b(?:co-?maintainers?|new maintainers?|another maintainer|commit access|write access|push access)\b`) },
  { id: 'fork-yourself', category: 'handover', weight: 2, re: /\bor fork (?:it )?yourself\b|\bbetter off (?:waiting|forking)\b|\b(?:time|have) to fork (?:it|this|the project)\b/ },
  { id: 'let-someone-else', category: 'handover', weight: 2, re: /\b(?:let|allow) (?:someone|somebody|others|other people|new people) (?:else )?(?:take over|maintain it|maintain this|step in)\b/ },
  { id: 'hand-to-someone', category: 'handover', weight: 2, re: /\bhand (?:it|this|the project|the repo) (?:over )?to (?:someone|somebody|people) (?:else|who)\b/ },
  { id: 'please-step-down', category: 'handover', weight: 3, re: /\b(?:please|just) step (?:down|aside)\b|\btime (?:for you )?to step (?:down|aside)\b/ },
  { id: 'project-needs-maintainers', category: 'handover', weight: 2, re: /\b(?:project|repo|library) (?:needs|requires) (?:a )?(?:new|more active|active) maintainers?\b/ },
  // abandonment
  { id: 'still-maintained', category: 'abandonment', weight: 2, re: /\b(?:is|are) (?!you\b|we\b|they\b|i\b)[a-z0-9.+-]+(?: [a-z0-9.+-]+){0,3} still (?:being )?(?:maintained|developed|supported)\b/ },
  { id: 'project-dead', category: 'abandonment', weight: 2, re: /\b(?:is|are) (?:this|the) (?:project|repo|repository|library) (?:dead|abandoned|unmaintained)\b|\b(?:project|repo|repository) (?:is|seems|looks) (?:dead|abandoned|unmaintained)\b/ },
  { id: 'lost-interest', category: 'abandonment', weight: 3, re: /\bmaintainers? (?:has |have )?(?:lost interest|doesn't care|does not care|don't care|gave up|abandoned)\b|\blost interest or doesn't care\b/ },
  { id: 'not-updated-in', category: 'abandonment', weight: 1, re: /\b(?:has not|hasn't|have not|haven't) (?:been )?updated in (?:over )?(?:a|\d+|several|many) (?:year|years|months)\b/ },
  { id: 'project-abandoned', category: 'abandonment', weight: 2, re: /\babandonware\b|\b(?:project|repo|library|package) (?:has been|was|is) abandoned\b/ },
  { id: 'anyone-maintaining', category: 'abandonment', weight: 2, re: /\bis (?:anyone|anybody) (?:still )?maintaining\b|\bdoes (?:anyone|anybody) (?:still )?maintain (?:this|it)\b/ },
  // pace
  { id: 'patches-wait-years', category: 'pace', weight: 2, re: /\bpatches (?:spend|sit|rot|languish|wait)\w* (?:for )?(?:years|months|forever)\b|\bpatches bit ?rott?ing\b/ },
  { id: 'years-until', category: 'pace', weight: 1, re: /\b(?:be|take) (?:years|forever) until\b|\bslow release (?:schedule|cycle|cadence)\b/ },
  { id: 'no-closer-to-merge', category: 'pace', weight: 2, re: /\bno closer to being (?:merged|released|accepted)\b/ },
  { id: 'why-delay', category: 'pace', weight: 2, re: /\bwhy (?:wait|delay) (?:until|what)\b/ },
  { id: 'release-was-years-ago', category: 'pace', weight: 1, re: /\brelease was (?:\d+|many|several) years ago\b|\bno reason to think anything is coming\b/ },
  { id: 'at-your-rate', category: 'pace', weight: 2, re: /\bwith your current rate\b|\bat (?:this|your) rate\b.{0,40}\b(?:never|doubt)\b/ },
  { id: 'waiting-for-months', category: 'pace', weight: 1, re: /\b(?:been )?waiting (?:for )?(?:months|years|over a year)\b/ },
  { id: 'merge-already', category: 'pace', weight: 2, re: /\bmerge (?:it|this) already\b|\brelease (?:it|something) already\b/ },
  // denigration / entitlement
  { id: 'you-choke', category: 'denigration', weight: 2, re: /\byou (?:choke|are choking|strangle|neglect)\b|\byou ignore (?:the )?(?:many )?patches\b/ },
  { id: 'community-desires-more', category: 'denigration', weight: 2, re: /\bthe community (?:desires|deserves|expects|wants|needs) more\b/ },
  { id: 'neither-maintained-well', category: 'denigration', weight: 2, re: /\bneither (?:are|is|of them (?:are|is)) maintained well\b|\b(?:is|are) not maintained well\b/ },
  { id: 'know-your-limits', category: 'denigration', weight: 2, re: /\baware of your (?:own )?limits\b|\bknow your (?:own )?limits\b/ },
  { id: 'patches-pointless', category: 'denigration', weight: 2, re: /\b(?:submitting|sending) patches (?:here )?(?:has|is) (?:no purpose|pointless|useless|a waste)\b/ },
  { id: 'sad-for-repo', category: 'denigration', weight: 1, re: /\bsad to see (?:for )?(?:a |this )?(?:repo|project)\b|\bnot a (?:surprise|suprise)\b/ },
  { id: 'holding-back', category: 'denigration', weight: 2, re: /\byou(?:'re| are) holding (?:the project|everyone|us|it) back\b|\bholding the project hostage\b/ },
  { id: 'users-deserve-better', category: 'denigration', weight: 2, re: /\b(?:users|the community|everyone) deserves? better\b/ },
  // burnout (first person is checked separately)
  { id: 'mental-health', category: 'burnout', weight: 2, re: /\bmental health\b/ },
  { id: 'burned-out', category: 'burnout', weight: 2, re: /\bburn(?:ed|t)[ -]?out\b|\bburnout\b/ },
  { id: 'ability-to-care', category: 'burnout', weight: 2, re: /\bability to care\b/ },
  { id: 'resources-limited', category: 'burnout', weight: 2, re: /\bmy (?:resources|time|energy) (?:are|is|has been|have been) (?:too |very |fairly |quite |extremely )?(?:limited|scarce)\b/ },
  { id: 'unpaid-hobby', category: 'burnout', weight: 1, re: /\bunpaid (?:hobby|volunteer|spare[- ]time) project\b/ },
  { id: 'unanswered-emails', category: 'burnout', weight: 1, re: /\blots of unanswered (?:e-?mails|messages)\b|\bmany e-?mails waiting for replies\b/ },
  { id: 'cannot-keep-up', category: 'burnout', weight: 1, re: /\bi (?:can't|cannot|can no longer) keep up\b|\bi (?:don't|do not) have (?:the |enough )?(?:time|energy) (?:to maintain|for this project)\b/ },
  // endorsement of a specific person
  { id: 'practically-co-maintainer', category: 'endorsement', weight: 3, re: /\bpractically (?:a )?co-?maintainer\b|\bde facto (?:co-?)?maintainer\b/ },
  { id: 'give-commit-access', category: 'endorsement', weight: 3, re: /\b(?:give|grant|giving|granting) (?!the |a |an |it |this |that |some |any )(?:him|her|them|[a-z]+) (?:commit|write|push|merge) (?:access|rights|permissions?)\b/ },
  { id: 'make-maintainer', category: 'endorsement', weight: 3, re: /\bmake (?!the |a |an |it |this |that |our |your |their )(?:him|her|them|[a-z]+) (?:a |the )?(?:co-?)?maintainer\b(?! tools)/ },
  { id: 'bigger-role', category: 'endorsement', weight: 2, re: /\b(?:bigger|larger|more important) role in (?:the )?(?:project|future)\b/ },
  { id: 'commit-it-yourself', category: 'endorsement', weight: 2, re: /\bwhy (?:can't|cannot|don't) you (?:just )?(?:commit|merge|push) (?:this|it) yourself\b/ },
  { id: 'should-be-maintainer', category: 'endorsement', weight: 2, re: /\b(?!it\b|this\b|that\b|someone\b|somebody\b|there\b|who\b)[a-z]+ (?:should|must) (?:be|become) (?:made )?(?:a |the )?(?:co-?|new )?maintainer\b/ },
  { id: 'deserves-commit-access', category: 'endorsement', weight: 3, re: /\bdeserves? (?:commit|write|push|merge) (?:access|rights)\b/ },
];

export const PRESSURE_CATEGORIES: ReadonlySet<Category> = new Set(['handover', 'abandonment', 'pace', 'denigration']);

/**
 * A pressure message must be about the project's work: one of these words in the writer's own text.
 * Keeps spam ("hand over the project under your care") and off-topic mail out of the analysis.
 */
export const PROJECT_TALK = /\b(?:maintain\w*|patch\w*|releases?|released|commit\w*|merg\w*|repo\w*|git|fork\w*|pull requests?|mailing list|source code|bugs?|versions?|branch\w*|\d+\.\d+(?:\.\d+)?)\b/;

/** Burnout phrases count only in first-person sentences: the writer about themself. */
export const FIRST_PERSON = /\b(?:i|i'm|i've|i'd|my|me|myself)\b/;
