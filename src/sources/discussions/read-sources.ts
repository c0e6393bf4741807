/**
 * Entry point of the discussion sources: detect each path's format (mbox file, folder of mbox /
 * export files, public-inbox archive, issue export JSON) and read it into messages. Never throws for
 * bad input: every unreadable file or message becomes a Problem and the rest is kept.
 */
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { toProblem } from '../../core/errors.js';
import type { EventSink } from '../../core/events.js';
import { parseIssueExport } from './issue-export.js';
import { splitMbox } from './mbox-split.js';
import { parseMessage } from './parse-message.js';
import { publicInboxEpochs, readEpoch } from './public-inbox.js';
import { DEFAULT_LIMITS, type DiscussionFormat, type ReadLimits, type ReadResult } from './types.js';

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  events?: EventSink;
}

const JSON_EXT = new Set(['.json', '.jsonl', '.ndjson']);
const MAX_WALK_FILES = 20_000;

function sniff(file: string): 'mbox' | 'json' | 'message' | undefined {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(65536);
    const n = readSync(fd, b, 0, b.length, 0);
    const head = b
      .subarray(0, n)
      .toString('latin1')
      .replace(/^\uFEFF/, '');
    if (head.startsWith('From ')) return 'mbox';
    if (/^\s*[[{]/.test(head)) return 'json';
    if (/^[A-Za-z][A-Za-z0-9-]{0,60}:[ \t]/.test(head)) return 'message';
    // An mbox with junk before its first separator is still an mbox.
    if (/\n\r?\nFrom \S+.*\r?\n[A-Za-z][A-Za-z0-9-]{0,60}:[ \t]/.test(head)) return 'mbox';
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function walk(dir: string, out: string[], depth: number): void {
  if (depth > 6 || out.length >= MAX_WALK_FILES) return;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith('.')) continue;
    const p = join(dir, n);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (publicInboxEpochs(p).length) out.push(p);
      else walk(p, out, depth + 1);
    } else if (st.isFile()) out.push(p);
    if (out.length >= MAX_WALK_FILES) return;
  }
}

export async function readDiscussions(paths: string[], opts: ReadOptions = {}): Promise<ReadResult> {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const res: ReadResult = { messages: [], problems: [], stats: { files: 0, messages: 0, skipped: 0, bytes: 0 }, sources: [] };
  const full = (): boolean => res.messages.length >= limits.maxMessages;
  const note = (path: string, format: DiscussionFormat): void => {
    if (!res.sources.some((s) => s.path === path)) res.sources.push({ path, format });
  };

  const readMbox = async (file: string, format: DiscussionFormat = 'mbox'): Promise<void> => {
    note(file, format);
    for await (const raw of splitMbox(file, limits.maxMessageBytes)) {
      if (full()) break;
      res.stats.bytes += raw.bytes.length;
      if (raw.truncated)
        res.problems.push({
          code: 'E_ARCHIVE_LIMIT',
          message: `${file}:${raw.line}: message larger than ${limits.maxMessageBytes} bytes; truncated`,
          file,
          line: raw.line,
        });
      try {
        res.messages.push(parseMessage(raw.bytes, { file, line: raw.line, format }, limits));
      } catch (e) {
        res.stats.skipped++;
        if (res.problems.length < 1000) res.problems.push(toProblem(e, file));
      }
      if (res.messages.length % 2000 === 0)
        opts.events?.({ type: 'progress', stage: 'discussions', done: res.messages.length, total: 0, subject: file });
    }
  };

  const readInbox = async (dir: string): Promise<void> => {
    note(dir, 'public-inbox');
    for (const epoch of publicInboxEpochs(dir)) {
      try {
        for await (const blob of readEpoch(epoch, limits.maxMessageBytes, limits.maxMessages - res.messages.length)) {
          if (full()) break;
          res.stats.bytes += blob.bytes.length;
          try {
            res.messages.push(parseMessage(blob.bytes, { file: epoch, commit: blob.commit, format: 'public-inbox' }, limits));
          } catch (e) {
            res.stats.skipped++;
            if (res.problems.length < 1000) res.problems.push(toProblem(e, epoch));
          }
          if (res.messages.length % 2000 === 0)
            opts.events?.({ type: 'progress', stage: 'discussions', done: res.messages.length, total: 0, subject: epoch });
        }
      } catch (e) {
        res.problems.push({ ...toProblem(e, epoch), hint: 'is this a public-inbox epoch repository (commits holding a file named m)?' });
      }
    }
  };

  const readExport = (file: string): void => {
    const size = statSync(file).size;
    if (size > limits.maxJsonBytes) {
      res.problems.push({
        code: 'E_ARCHIVE_LIMIT',
        message: `${file}: export is ${size} bytes, over the ${limits.maxJsonBytes} byte limit; skipped`,
        file,
      });
      return;
    }
    res.stats.bytes += size;
    const r = parseIssueExport(file, readFileSync(file, 'utf8'), limits);
    const fmt = r.messages[0]?.format ?? 'github';
    note(file, fmt);
    res.messages.push(...r.messages.slice(0, Math.max(0, limits.maxMessages - res.messages.length)));
    res.problems.push(...r.problems.slice(0, 200));
    res.stats.skipped += r.skipped;
  };

  const readFile = async (file: string, explicit: boolean): Promise<void> => {
    res.stats.files++;
    try {
      const kind = JSON_EXT.has(extname(file).toLowerCase()) ? 'json' : sniff(file);
      if (kind === 'json') readExport(file);
      else if (kind === 'mbox' || kind === 'message') await readMbox(file);
      else if (explicit)
        res.problems.push({ code: 'E_UNSUPPORTED', message: `${file}: not an mbox, a mail message or a JSON issue export`, file });
      else res.stats.files--;
    } catch (e) {
      res.problems.push(toProblem(e, file));
    }
  };

  for (const p of paths) {
    if (full()) break;
    let st;
    try {
      st = statSync(p);
    } catch {
      res.problems.push({ code: 'E_INPUT_NOT_FOUND', message: `${p}: no such file or directory`, file: p });
      continue;
    }
    if (st.isDirectory()) {
      if (publicInboxEpochs(p).length) {
        await readInbox(p);
        continue;
      }
      const files: string[] = [];
      walk(p, files, 0);
      if (files.length >= MAX_WALK_FILES)
        res.problems.push({ code: 'E_ARCHIVE_LIMIT', message: `${p}: more than ${MAX_WALK_FILES} files; the rest were not read`, file: p });
      for (const f of files) {
        if (full()) break;
        if (publicInboxEpochs(f).length) await readInbox(f);
        else await readFile(f, false);
      }
    } else await readFile(p, true);
  }
  if (full())
    res.problems.push({ code: 'E_ARCHIVE_LIMIT', message: `stopped after ${limits.maxMessages} messages; the rest was not read` });
  res.stats.messages = res.messages.length;
  return res;
}
