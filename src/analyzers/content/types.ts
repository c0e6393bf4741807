import type { SkipKind } from '../../sources/archive/types.js';
import type { BehaviourFacts } from './behaviour/types.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

/**
 * Content facts: what the files of one release CAN do and what looks hidden, each with evidence.
 * Facts are plain JSON (no Buffers, no Maps), sorted, and stable for the same input, so the
 * release-diff analyzer can compare two versions' facts directly. Findings are built from them.
 */

export type CapabilityKind =
  | 'network'
  | 'child-process'
  | 'fs-sensitive'
  | 'env-read'
  | 'env-serialize'
  | 'eval'
  | 'vm'
  | 'dynamic-require'
  | 'native-addon'
  | 'executable'
  | 'wasm'
  | 'decode'
  | 'crypto-decipher';

export const CAPABILITY_KINDS: readonly CapabilityKind[] = [
  'network',
  'child-process',
  'fs-sensitive',
  'env-read',
  'env-serialize',
  'eval',
  'vm',
  'dynamic-require',
  'native-addon',
  'executable',
  'wasm',
  'decode',
  'crypto-decipher',
];

/** One place in one file. `excerpt` is at most ~160 characters of the line. */
export interface Site {
  file: string;
  line: number;
  excerpt: string;
  /** Short specifics: module name, API, sensitive path, endpoint host. */
  detail?: string;
}

export interface Capability extends Site {
  kind: CapabilityKind;
}

export type ObfuscationTechnique =
  | 'string-array'
  | 'packed-eval'
  | 'jsfuck'
  | 'encoded-exec'
  | 'bidi-control'
  | 'invisible-identifier'
  | 'appended-loader'
  | 'long-encoded-literal';

export interface ObfuscationSignal extends Site {
  technique: ObfuscationTechnique;
}

export type BlobFormat = 'xz' | 'lzma' | 'gzip' | 'bzip2' | 'zstd' | 'zip' | '7z' | 'high-entropy';

export interface DataBlob {
  file: string;
  size: number;
  format: BlobFormat;
  /** Shannon entropy, bits per byte, 2 decimals. */
  entropy: number;
  /** Lies under a test / fixture / data folder. */
  inTestDir: boolean;
  /** Files that name it (basename match), split by kind. */
  referencedBy: { source: string[]; build: string[] };
  /** Build-file grep patterns that match its bytes (the xz marker search). */
  matchedBy: Site[];
}

export interface BinaryFile {
  file: string;
  size: number;
  kind: 'elf' | 'pe' | 'mach-o' | 'wasm' | 'node-addon';
  /** The extension says text/data but the bytes are an executable. */
  disguised: boolean;
}

export type BuildIdiom =
  | 'tr-swap'
  | 'carve'
  | 'decompress-to-shell'
  | 'decode-to-shell'
  | 'eval-computed'
  | 'grep-binary-marker'
  | 'silenced-decompress'
  | 'download-exec'
  | 'reverse-shell';

export interface BuildSignal extends Site {
  idiom: BuildIdiom;
}

export type EndpointCategory = 'webhook' | 'paste' | 'oast' | 'tunnel' | 'raw-ip' | 'chat-bot';

export interface Endpoint extends Site {
  category: EndpointCategory;
  host: string;
}

export interface InstallScript {
  event: string;
  command: string;
  /** Package files the command runs (`node x.js`, `sh x.sh`), and what they require, transitively. */
  files: string[];
  /** Idioms found in the command line itself. */
  idioms: BuildSignal[];
  /** Set when package.json has no such script but npm runs one anyway (`binding.gyp` → `node-gyp rebuild`). */
  implicit?: 'binding.gyp';
}

export interface ContentFacts {
  schema: typeof CONTENT_FACTS_VERSION;
  fileCount: number;
  totalSize: number;
  name?: string;
  version?: string;
  installScripts: InstallScript[];
  /** Per kind, the first sites (capped) in path/line order. */
  capabilities: Capability[];
  /** Kinds seen per file (uncapped), for diffing releases. */
  fileCapabilities: Record<string, CapabilityKind[]>;
  obfuscation: ObfuscationSignal[];
  binaries: BinaryFile[];
  blobs: DataBlob[];
  buildSignals: BuildSignal[];
  endpoints: Endpoint[];
  /** Archive entries that were unsafe or not read (from PackageFiles.skipped). */
  archiveIssues: ArchiveIssue[];
  /** JS files that needed a fallback parser. */
  parseFallbacks: { file: string; parser: 'loose' | 'regex' }[];
  /** Files not analysed and why (too large, truncated). */
  notAnalyzed: { file: string; reason: string }[];
  /** Entry points, sources, sinks and the chains between them. */
  behaviour?: BehaviourFacts;
  /** Set by the async payload-chain pass only: data files decoded the way build files decode them. */
  decodedPayloads?: DecodedPayload[];
}

export interface DecodedPayload {
  /** The data file that was decoded. */
  file: string;
  /** The transformation applied, as shell (`tr "…" "…" | xz -d`). */
  transform: string;
  size: number;
  /** First printable lines of the decoded text. */
  preview: string[];
  /** Build idioms found in the decoded text (file = `<blob>#decoded`). */
  signals: BuildSignal[];
  /** Other data files the decoded text names. */
  names: string[];
}

/**
 * An archive entry not read as a file, by kind: one the reader skipped (its SkipKind), or a link,
 * which is never followed and carries its target. `reason` is the wording shown to people only.
 */
export type ArchiveIssue =
  | { path: string; kind: SkipKind; reason: string }
  | { path: string; kind: 'link'; linkType: 'symlink' | 'hardlink'; target: string; reason: string };

/** 2: archive issues carry a kind. */
export const CONTENT_FACTS_VERSION = 2;

export const CONTENT_FACTS = defineFacts<ContentFacts>({
  key: 'content',
  scope: 'component',
  version: CONTENT_FACTS_VERSION,
  about: "what a release's files can do and what looks hidden: capabilities, install scripts, obfuscation, binaries, behaviour",
  is: (v): v is ContentFacts => isObj(v) && v['schema'] === CONTENT_FACTS_VERSION && Array.isArray(v['capabilities']),
});
