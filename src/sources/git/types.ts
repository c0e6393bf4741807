/** Raw facts read from a git repository (before identities are merged). */

export interface GitIdent {
  name: string;
  email: string;
  /** Unix seconds. */
  time: number;
}

/** One path changed by a (non-merge) commit, from `--raw` (and `--numstat` when line counts are read). */
export interface GitFileChange {
  path: string;
  /** A added, M modified, D deleted, T type change (renames are off: a rename is D + A). */
  status: 'A' | 'M' | 'D' | 'T' | (string & {});
  oldBlob?: string;
  newBlob?: string;
  /** Octal mode of the new side (`100755`, `120000`...). */
  newMode?: string;
  /** Lines added/deleted; undefined for binary files or when line counts were not read. */
  added?: number;
  deleted?: number;
  /** git's `--numstat` verdict; false when line counts were not read (see `binaryBlobs` for a content check). */
  binary: boolean;
}

export interface GitCommit {
  hash: string;
  parents: string[];
  author: GitIdent;
  committer: GitIdent;
  subject: string;
  files: GitFileChange[];
}

export interface TagSignature {
  /** `pgp`, `ssh` or `x509` (from the armor header). */
  kind: 'pgp' | 'ssh' | 'x509';
  /** Long key id (16 hex, upper case) or full fingerprint when the signature carries one. */
  keyId?: string;
  fingerprint?: string;
  /** Signature creation time from the packet (unix seconds), when readable. */
  created?: number;
  /** Set when the armor could not be decoded: the key is then unknown. */
  unreadable?: string;
}

export interface GitTag {
  name: string;
  /** Object the ref points to (tag object for annotated tags). */
  object: string;
  /** Commit the tag finally points to. */
  commit?: string;
  annotated: boolean;
  tagger?: GitIdent;
  signature?: TagSignature;
}
