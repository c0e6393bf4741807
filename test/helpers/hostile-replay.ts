/**
 * Replays one file of the hostile corpus through the parser that reads it in a scan and reduces
 * what came out to a plain summary (error code and line, or the partial result) for corpus.json.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { VigilError } from '../../src/core/errors.js';
import type { Problem } from '../../src/core/types.js';
import { EXTRACTORS } from '../../src/inventory/index.js';
import { readArchive } from '../../src/sources/archive/index.js';
import { readDiscussions } from '../../src/sources/discussions/index.js';
import { readOsvPath } from '../../src/sources/osv/index.js';

export interface ReplaySummary {
  error?: { code: string; file?: string; line?: number; message: string };
  components?: string[];
  problems?: { code: string; line?: number; message: string }[];
  files?: string[];
  links?: Record<string, string>;
  skipped?: { path: string; reason: string }[];
  inflatedBytes?: number;
  messages?: number;
  advisories?: string[];
}

const problems = (ps: readonly Problem[] | undefined): ReplaySummary['problems'] =>
  (ps ?? []).map((p) => ({ code: p.code, ...(p.line === undefined ? {} : { line: p.line }), message: p.message }));

async function run(parser: string, path: string): Promise<ReplaySummary> {
  if (parser === 'archive') {
    const r = await readArchive(path, { origin: basename(path) });
    return {
      files: r.files.filter((f) => f.linkTarget === undefined).map((f) => f.path),
      links: Object.fromEntries(r.files.filter((f) => f.linkTarget !== undefined).map((f) => [f.path, f.linkTarget!])),
      skipped: r.skipped,
      problems: problems(r.problems),
      inflatedBytes: r.inflatedBytes,
    };
  }
  if (parser === 'mbox') {
    const r = await readDiscussions([path]);
    return { messages: r.messages.length, problems: problems(r.problems) };
  }
  if (parser === 'osv') {
    const r = await readOsvPath(path);
    return { advisories: r.advisories.map((a) => a.id), problems: problems(r.problems) };
  }
  const ex = EXTRACTORS.find((e) => e.id === parser);
  if (!ex) throw new Error(`no parser ${parser}`);
  const inv = await ex.extract({ path, displayPath: basename(path), text: readFileSync(path, 'utf8') }, {});
  return { components: inv.components.map((c) => `${c.name}@${c.version}`).sort(), problems: problems(inv.problems) };
}

/** Run the parser; a VigilError becomes `error`, anything else is rethrown (a broken contract). */
export async function replayHostile(parser: string, path: string): Promise<ReplaySummary> {
  try {
    return await run(parser, path);
  } catch (e) {
    if (!(e instanceof VigilError)) throw e;
    return { error: { code: e.code, file: e.file, ...(e.line === undefined ? {} : { line: e.line }), message: e.message } };
  }
}
