/**
 * Normalized discussion messages, whatever archive they came from (mbox, public-inbox, issue exports).
 * Raw shapes (RFC 5322 bytes, GitHub/GitLab JSON) are parsed at the boundary into these.
 */
import type { Problem } from '../../core/types.js';

export type DiscussionFormat = 'mbox' | 'public-inbox' | 'github' | 'gitlab' | 'gharchive';

export interface Author {
  /** Display name as written (decoded), may be empty. */
  name: string;
  /** Lower-cased address, or a platform handle such as `github:login`; empty when unknown. */
  address: string;
  /** Account creation date when the export carries it (GitHub `user.created_at`). */
  accountCreatedAt?: string;
  /** Platform role when the export carries it (GitHub `author_association`, GitLab access). */
  association?: string;
}

export interface DiscussionMessage {
  /** Message-ID without angle brackets; synthetic (`vigil-<hash>@missing`) when the message has none. */
  id: string;
  /** True when `id` was synthesized because the message carried no usable Message-ID. */
  syntheticId?: boolean;
  from: Author;
  /** ISO 8601 (UTC) date; undefined when missing or unparseable. */
  date?: string;
  /** Original time-zone offset in minutes east of UTC, when the Date header carried one. */
  tzOffset?: number;
  subject: string;
  /** Parent message id (In-Reply-To, else last References entry). */
  inReplyTo?: string;
  /** References chain, oldest first, without the message's own id. */
  references: string[];
  /** Plain-text body (text/plain part, or HTML reduced to text). Capped. */
  body: string;
  /** Mail client (`User-Agent` / `X-Mailer`), for coordination fingerprints. */
  mailer?: string;
  /** For issue exports: `owner/repo#number`; for mail it is filled by threading. */
  threadKey?: string;
  /** Where it was read: file and 1-based line (mbox), commit (public-inbox), URL (exports). */
  source: { file: string; line?: number; commit?: string; url?: string };
  format: DiscussionFormat;
}

export interface ReadStats {
  files: number;
  messages: number;
  skipped: number;
  bytes: number;
}

export interface ReadResult {
  messages: DiscussionMessage[];
  problems: Problem[];
  stats: ReadStats;
  /** The sources that were recognized, with their format. */
  sources: { path: string; format: DiscussionFormat }[];
}

/** Safety caps; every reader honours them and records a Problem when one is hit. */
export interface ReadLimits {
  /** Largest single message read (bytes); bigger ones are truncated. */
  maxMessageBytes: number;
  /** Body text kept per message (characters). */
  maxBodyChars: number;
  /** Largest header block (bytes) before the message is rejected as hostile. */
  maxHeaderBytes: number;
  /** Stop after this many messages overall. */
  maxMessages: number;
  /** Largest JSON export file read (bytes). */
  maxJsonBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxMessageBytes: 4 * 1024 * 1024,
  maxBodyChars: 32 * 1024,
  maxHeaderBytes: 256 * 1024,
  maxMessages: 2_000_000,
  maxJsonBytes: 512 * 1024 * 1024,
};
