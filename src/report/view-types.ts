/**
 * The view-model's types: what the HTML report (web/) is drawn from. Built by view-model.ts from a
 * ScanResult, through the fact readers in html/ (which produce these shapes and so read this file,
 * never the builder).
 */
import type { ScanChanges, SuppressionRule } from '../core/result.js';
import type { Confidence, Evidence, Problem, Severity, Unavailable } from '../core/types.js';
import type { RuleInfo } from '../core/rule.js';
export type Scalar = string | number | boolean | null;
export type TableRow = Record<string, Scalar>;

export interface ComponentView {
  purl: string;
  name: string;
  version: string;
  eco: string;
  dev?: true;
  optional?: true;
  /** `file:line` of each declaration. */
  loc: string[];
  /** Indices into `findings` (unsuppressed and suppressed). */
  findings: number[];
  /** Highest severity among unsuppressed findings. */
  maxSeverity?: Severity;
  scores?: ScoreView;
  notAnalyzed?: string;
}

export interface ScoreView {
  criticality: number;
  fragility: number;
  suspicion: number;
  factors: string[];
}

export interface FindingView {
  rule: string;
  severity: Severity;
  confidence: Confidence;
  subject: string;
  /** Index into `components` when the subject is an inventory component. */
  component?: number;
  title: string;
  explanation: string;
  remediation?: string;
  evidence: Evidence[];
  analyzer: string;
  fingerprint?: string;
  suppressed?: { reason: string; expires?: string };
  /** Listed as new in `changes.newFindings`. */
  isNew?: true;
  /** Dashboard only (`vigil serve`): the finding's id for triage requests, and its triage state. */
  triage?: { id: string; status: 'open' | 'acknowledged' | 'suppressed' };
}

export interface RuleView {
  id: string;
  title: string;
  severity?: Severity;
  meaning?: string;
  why?: string;
  example?: string;
  suppress?: string;
}

export interface TimelinePerson {
  name: string;
  email?: string;
  commits: number;
  first?: string;
  last?: string;
  /** Sorted `[YYYY-MM, commits]`. */
  months: [string, number][];
  /** Trust milestones: first commit, first as committer, first tag, first signed tag (with key). */
  milestones?: string[];
  /** Rules of findings on this person's commits. */
  flags?: string[];
}

export interface TimelineTag {
  name: string;
  date: string;
  tagger?: string;
  signingKey?: string;
}

export interface TimelineFlag {
  commit: string;
  date: string;
  author?: string;
  title: string;
  severity?: Severity;
}

export interface HistoryView {
  repo: string;
  people: TimelinePerson[];
  tags: TimelineTag[];
  flagged: TimelineFlag[];
  truckFactor?: number;
}

export interface FundingView {
  budget?: Scalar;
  currency?: string;
  period?: string;
  rows: TableRow[];
  unfunded: string[];
}

export interface PrivilegedPathView {
  root?: string;
  path: string[];
  reason?: string;
}

export interface CampaignView {
  id: string;
  severity?: Severity;
  start?: string;
  end?: string;
  members: string[];
  endorsed: string[];
  /** Scored features, `name (+points): detail`. */
  features: string[];
  /** date, who, kind, subject, excerpt. */
  timeline: TableRow[];
}

export interface ReportViewModel {
  meta: {
    tool: string;
    version: string;
    command: string;
    target: string;
    startedAt: string;
    finishedAt: string;
    offline: boolean;
    schemaVersion: string;
  };
  summary: {
    components: number;
    findings: Record<Severity, number>;
    suppressed: number;
    problems: number;
  };
  changes?: ScanChanges;
  rules: RuleView[];
  components: ComponentView[];
  findings: FindingView[];
  roots: { id: string; name: string; path: string }[];
  /** `[from, to, dev]`: node ids are component indices, roots are `components.length + root index`. */
  edges: [number, number, 0 | 1][];
  /** Component indices, most worrying first. */
  topRisks: number[];
  history: HistoryView[];
  funding?: FundingView;
  privilegedPaths: PrivilegedPathView[];
  /** People carrying packages on privileged paths (Debian). */
  privilegedLoad: TableRow[];
  affected: TableRow[];
  affectedAdvisory?: { id: string; summary?: string; malicious?: boolean };
  /** Pressure campaigns from `vigil discuss`. */
  campaigns: CampaignView[];
  problems: Problem[];
  unavailable: Unavailable[];
  skipped: { analyzer: string; reason: string }[];
  suppressions: { applied: number; unused: SuppressionRule[]; expired: SuppressionRule[]; renamed?: SuppressionRule[] };
}

export interface ViewModelOptions {
  /** Rule catalogue, for titles and help text. */
  rules?: RuleInfo[];
}
