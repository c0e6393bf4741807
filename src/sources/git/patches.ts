/**
 * Stream the patches of chosen commits, limited to chosen paths, with ONE `git diff-tree --stdin`
 * (no external diff, no textconv). Commits can be added while other work runs (the history reader
 * feeds them as `git log` produces them). Each file's patch is delivered as added/removed/context
 * lines with line numbers, capped per file so a huge generated diff stays bounded.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Problem } from '../../core/types.js';
import { NO_EXEC_DIFF_ARGS, safeGitArgs, safeGitEnv } from './safe-git.js';
import { unquoteGitPath } from './unquote.js';

export interface PatchLine {
  /** Line number in the new file (added/context) or old file (removed). */
  line: number;
  text: string;
}

export interface FilePatch {
  commit: string;
  path: string;
  added: PatchLine[];
  removed: PatchLine[];
  /** Context lines shown around the changes (new-file numbering). */
  context: PatchLine[];
  binary: boolean;
  /** More lines than the cap: the lists are incomplete. */
  truncated: boolean;
}

export interface PatchReadOptions {
  /** Lines of context (`-U`). */
  context?: number;
  maxLinesPerFile?: number;
}

export interface PatchStream {
  /** Queue a commit (non-merge) whose patch to read. */
  add(commit: string): void;
  /** No more commits: resolves when every patch was delivered. */
  finish(): Promise<Problem[]>;
  /** Stop git now (on an error elsewhere), so no process is left waiting on its input. */
  abort(): void;
}

export function startPatches(
  repoPath: string,
  pathspecs: string[],
  onFile: (p: FilePatch) => void,
  opts: PatchReadOptions = {},
): PatchStream {
  const cap = opts.maxLinesPerFile ?? 20_000;
  const args = [
    'diff-tree',
    '--stdin',
    '-r',
    '--root',
    '--no-renames',
    '-p',
    `-U${opts.context ?? 3}`,
    '--no-color',
    ...NO_EXEC_DIFF_ARGS,
    '--',
    ...pathspecs,
  ];
  let child: ReturnType<typeof spawn> | undefined;
  let done: Promise<Problem[]> | undefined;
  let stderr = '';
  let commit = '';
  let cur: FilePatch | undefined;
  let oldLine = 0;
  let newLine = 0;
  const emit = () => {
    if (cur && cur.path) onFile(cur);
    cur = undefined;
  };
  const push = (list: PatchLine[], line: number, text: string) => {
    if (!cur) return;
    if (cur.added.length + cur.removed.length + cur.context.length >= cap) cur.truncated = true;
    else list.push({ line, text });
  };
  const onLine = (line: string) => {
    if (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(line)) {
      emit();
      commit = line;
      return;
    }
    if (line.startsWith('diff --git ')) {
      emit();
      cur = { commit, path: pathFromDiffHeader(line), added: [], removed: [], context: [], binary: false, truncated: false };
      return;
    }
    if (!cur) return;
    if (line.startsWith('+++ ') && line !== '+++ /dev/null') {
      cur.path = stripPrefix(unquoteGitPath(line.slice(4)), 'b/');
      return;
    }
    if (line.startsWith('--- ')) return;
    if (line.startsWith('Binary files ')) {
      cur.binary = true;
      return;
    }
    const h = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (h) {
      oldLine = Number(h[1]);
      newLine = Number(h[2]);
      return;
    }
    const c = line[0];
    if (c === '+') push(cur.added, newLine++, line.slice(1));
    else if (c === '-') push(cur.removed, oldLine++, line.slice(1));
    else if (c === ' ') {
      push(cur.context, newLine, line.slice(1));
      newLine++;
      oldLine++;
    }
  };
  const start = () => {
    const ch = spawn('git', safeGitArgs(repoPath, args), { env: safeGitEnv(repoPath), stdio: ['pipe', 'pipe', 'pipe'], shell: false });
    ch.stdin.on('error', () => {});
    ch.stderr.on('data', (b: Buffer) => {
      if (stderr.length < 16_384) stderr += b.toString('utf8');
    });
    const rl = createInterface({ input: ch.stdout, crlfDelay: Infinity });
    rl.on('line', onLine);
    done = new Promise((res) => {
      let exit: number | null = null;
      let closed = false;
      const settle = () => {
        if (exit === null || !closed) return;
        emit();
        res(
          exit === 0 ? [] : [{ code: 'E_GIT', subject: repoPath, message: `git diff-tree failed: ${stderr.trim().split('\n')[0] ?? ''}` }],
        );
      };
      rl.on('close', () => {
        closed = true;
        settle();
      });
      ch.on('error', (e) => {
        stderr ||= e.message;
        exit = -1;
        closed = true;
        settle();
      });
      ch.on('close', (code) => {
        exit = code ?? -1;
        settle();
      });
    });
    child = ch;
  };
  return {
    add(hash) {
      if (!child) start();
      child!.stdin!.write(hash + '\n');
    },
    finish() {
      if (!child) return Promise.resolve([]);
      child.stdin!.end();
      return done!;
    },
    abort() {
      if (child && child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

/** Read the patches of a fixed list of commits. */
export async function readPatches(
  repoPath: string,
  commits: string[],
  pathspecs: string[],
  onFile: (p: FilePatch) => void,
  opts: PatchReadOptions = {},
): Promise<Problem[]> {
  const s = startPatches(repoPath, pathspecs, onFile, opts);
  for (const c of commits) s.add(c);
  return s.finish();
}

function stripPrefix(p: string, pre: string): string {
  return p.startsWith(pre) ? p.slice(pre.length) : p;
}

/** `diff --git a/P b/P`: with renames off both sides are equal, so take the first half. */
function pathFromDiffHeader(line: string): string {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const end = rest.indexOf('" ');
    return stripPrefix(unquoteGitPath(rest.slice(0, end + 1)), 'a/');
  }
  const half = (rest.length - 1) / 2;
  return stripPrefix(rest.slice(0, half), 'a/');
}
