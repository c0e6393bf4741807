/**
 * List tags with tagger and signature in ONE streamed `for-each-ref` (no per-tag process), capped so
 * a repository with 10^5+ tags stays bounded.
 */
import type { Problem } from '../../core/types.js';
import { streamGit } from './safe-git.js';
import { parseSignatureBlock } from './signature.js';
import type { GitTag } from './types.js';

const MARK = '\x1eT';
const FORMAT =
  '--format=%1eT%(refname:strip=2)%1f%(objectname)%1f%(objecttype)%1f%(*objectname)%1f%(*objecttype)' +
  '%1f%(taggername)%1f%(taggeremail)%1f%(taggerdate:unix)%0a%(contents:signature)';

export const DEFAULT_MAX_TAGS = 200_000;

export async function readTags(repoPath: string, maxTags = DEFAULT_MAX_TAGS): Promise<{ tags: GitTag[]; problems: Problem[] }> {
  const tags: GitTag[] = [];
  const problems: Problem[] = [];
  let cur: GitTag | undefined;
  let sig: string[] = [];
  const finish = () => {
    if (!cur) return;
    if (sig.length > 0) cur.signature = parseSignatureBlock(sig.join('\n'));
    tags.push(cur);
    cur = undefined;
    sig = [];
  };
  // Each tag is a header line plus (for signed tags) its signature lines: ~ 20 lines per tag.
  const r = await streamGit(
    repoPath,
    ['for-each-ref', '--sort=creatordate', FORMAT, 'refs/tags'],
    (line) => {
      if (line.startsWith(MARK)) {
        finish();
        cur = parseTagHeader(line.slice(MARK.length));
        return;
      }
      if (cur && (sig.length > 0 || line.startsWith('-----BEGIN')) && sig.length < 200) sig.push(line);
    },
    { maxLines: maxTags * 30 },
  );
  finish();
  if (r.truncated || tags.length > maxTags) {
    tags.length = Math.min(tags.length, maxTags);
    problems.push({ code: 'E_GIT', subject: repoPath, message: `more than ${maxTags} tags: only the oldest ${tags.length} were read` });
  }
  if (r.code !== 0)
    problems.push({ code: 'E_GIT', subject: repoPath, message: `git for-each-ref failed: ${r.stderr.trim().split('\n')[0] ?? ''}` });
  return { tags, problems };
}

function parseTagHeader(s: string): GitTag | undefined {
  const [name, object, type, peeled, peeledType, tname, temail, tdate] = s.split('\x1f');
  if (!name || !object) return undefined;
  const annotated = type === 'tag';
  const commit = annotated ? (peeledType === 'commit' ? peeled : undefined) : type === 'commit' ? object : undefined;
  const tag: GitTag = { name, object, commit, annotated };
  if (annotated && (tname || temail)) {
    tag.tagger = { name: tname ?? '', email: (temail ?? '').replace(/^<|>$/g, ''), time: Number(tdate) || 0 };
  }
  return tag;
}
