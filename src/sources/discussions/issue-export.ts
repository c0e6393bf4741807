/**
 * Issue / pull-request exports → messages. Accepts what the GitHub and GitLab REST APIs return for
 * issues, pull/merge requests and their comments/notes (an array, one object, `{issue, comments}`
 * bundles, or JSON lines), and GH Archive event lines. An issue is a thread; its comments reply to it.
 */
import { isObj } from '../../core/guards.js';
import type { Problem } from '../../core/types.js';
import type { Author, DiscussionFormat, DiscussionMessage, ReadLimits } from './types.js';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

interface Ctx {
  file: string;
  out: DiscussionMessage[];
  problems: Problem[];
  limits: ReadLimits;
  skipped: number;
}

function repoOf(o: Obj): string {
  const u = str(o.repository_url) ?? str(o.html_url) ?? str(o.web_url) ?? str(o.issue_url) ?? str(o.pull_request_url) ?? '';
  const api = /\/repos\/([^/]+\/[^/]+)/.exec(u);
  if (api) return api[1]!;
  const web = /^https?:\/\/[^/]+\/(.+?)\/(?:-\/)?(?:issues|pull|pulls|merge_requests)\//.exec(u);
  return web ? web[1]! : 'unknown';
}

function ghAuthor(u: unknown, association: unknown): Author | undefined {
  if (!isObj(u)) return undefined;
  const login = str(u.login);
  if (!login) return undefined;
  const a: Author = { name: str(u.name) ?? login, address: `github:${login.toLowerCase()}` };
  const created = str(u.created_at);
  if (created && !Number.isNaN(Date.parse(created))) a.accountCreatedAt = new Date(created).toISOString();
  const assoc = str(association);
  if (assoc) a.association = assoc;
  return a;
}

function glAuthor(u: unknown): Author | undefined {
  if (!isObj(u)) return undefined;
  const username = str(u.username);
  if (!username) return undefined;
  const a: Author = { name: str(u.name) ?? username, address: `gitlab:${username.toLowerCase()}` };
  const created = str(u.created_at);
  if (created && !Number.isNaN(Date.parse(created))) a.accountCreatedAt = new Date(created).toISOString();
  return a;
}

const isBot = (a: Author): boolean => /\[bot\]$|^github:dependabot|-bot$/.test(a.address);

function push(ctx: Ctx, m: Omit<DiscussionMessage, 'source' | 'references'> & { url?: string }, where: string): void {
  if (isBot(m.from)) {
    ctx.skipped++;
    return;
  }
  const { url, ...rest } = m;
  const body = rest.body.length > ctx.limits.maxBodyChars ? rest.body.slice(0, ctx.limits.maxBodyChars) : rest.body;
  const msg: DiscussionMessage = {
    ...rest,
    body,
    references: rest.inReplyTo ? [rest.inReplyTo] : [],
    source: { file: ctx.file, ...(url ? { url } : {}) },
  };
  if (!msg.date)
    ctx.problems.push({
      code: 'E_UNSUPPORTED',
      message: `${where}: no usable created_at; the message is kept without a date`,
      file: ctx.file,
    });
  ctx.out.push(msg);
}

const iso = (v: unknown): string | undefined => {
  const s = str(v);
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
};

/** Dispatch one JSON value by shape. `where` names the place for problems. */
function visit(ctx: Ctx, v: unknown, where: string, hint?: { repo: string; number: string }): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => visit(ctx, x, `${where}[${i}]`, hint));
    return;
  }
  if (!isObj(v)) {
    ctx.problems.push({ code: 'E_UNSUPPORTED', message: `${where}: not an object`, file: ctx.file });
    return;
  }
  // Bundles: {issue, comments} / {pull_request, comments} / {issues: [...], comments: [...]}
  const head = isObj(v.issue) && !v.type ? v.issue : isObj(v.pull_request) && !v.type && !v.body ? v.pull_request : undefined;
  if (head) {
    visit(ctx, head, `${where}.issue`);
    const h = { repo: repoOf(head), number: str(head.number) ?? str(head.iid) ?? '' };
    for (const k of ['comments', 'notes', 'review_comments']) if (Array.isArray(v[k])) visit(ctx, v[k], `${where}.${k}`, h);
    return;
  }
  const lists = ['issues', 'pull_requests', 'merge_requests', 'comments', 'notes', 'events'].filter((k) => Array.isArray(v[k]));
  if (lists.length > 0 && !('number' in v) && !('iid' in v)) {
    for (const k of lists) visit(ctx, v[k], `${where}.${k}`, hint);
    return;
  }
  if (typeof v.type === 'string' && isObj(v.payload)) return ghArchiveEvent(ctx, v, where);
  // GitLab note
  if ('noteable_type' in v || ('noteable_iid' in v && isObj(v.author))) {
    if (v.system === true) {
      ctx.skipped++;
      return;
    }
    const author = glAuthor(v.author);
    const num = str(v.noteable_iid) ?? hint?.number;
    if (!author || !num) {
      bad(ctx, where, 'note without author or noteable_iid');
      return;
    }
    const repo = hint?.repo ?? 'unknown';
    const threadKey = `${repo}#${num}`;
    push(
      ctx,
      {
        id: `gl:${threadKey}/n${str(v.id) ?? where}`,
        from: author,
        date: iso(v.created_at),
        subject: '',
        body: str(v.body) ?? '',
        inReplyTo: `gl:${threadKey}`,
        threadKey,
        format: 'gitlab',
      },
      where,
    );
    return;
  }
  // GitLab issue / MR
  if ('iid' in v && isObj(v.author)) {
    const author = glAuthor(v.author);
    if (!author) {
      bad(ctx, where, 'issue without author');
      return;
    }
    const threadKey = `${repoOf(v)}#${str(v.iid)}`;
    push(
      ctx,
      {
        id: `gl:${threadKey}`,
        from: author,
        date: iso(v.created_at),
        subject: str(v.title) ?? '',
        body: str(v.description) ?? '',
        threadKey,
        format: 'gitlab',
        url: str(v.web_url),
      },
      where,
    );
    return;
  }
  // GitHub issue / PR
  if ('number' in v && isObj(v.user)) {
    const author = ghAuthor(v.user, v.author_association);
    if (!author) {
      bad(ctx, where, 'issue without user.login');
      return;
    }
    const threadKey = `${repoOf(v)}#${str(v.number)}`;
    push(
      ctx,
      {
        id: `gh:${threadKey}`,
        from: author,
        date: iso(v.created_at),
        subject: str(v.title) ?? '',
        body: str(v.body) ?? '',
        threadKey,
        format: 'github',
        url: str(v.html_url),
      },
      where,
    );
    return;
  }
  if ('number' in v && 'title' in v) {
    bad(ctx, where, 'issue without user.login');
    return;
  }
  // GitHub issue comment / review comment
  if (isObj(v.user) && ('issue_url' in v || 'pull_request_url' in v || hint)) {
    const author = ghAuthor(v.user, v.author_association);
    const num = /\/(?:issues|pulls)\/(\d+)/.exec(str(v.issue_url) ?? str(v.pull_request_url) ?? '')?.[1] ?? hint?.number;
    if (!author || !num) {
      bad(ctx, where, 'comment without user.login or issue number');
      return;
    }
    const repo = v.issue_url || v.pull_request_url ? repoOf(v) : (hint?.repo ?? 'unknown');
    const threadKey = `${repo}#${num}`;
    push(
      ctx,
      {
        id: `gh:${threadKey}/c${str(v.id) ?? where}`,
        from: author,
        date: iso(v.created_at),
        subject: '',
        body: str(v.body) ?? '',
        inReplyTo: `gh:${threadKey}`,
        threadKey,
        format: 'github',
        url: str(v.html_url),
      },
      where,
    );
    return;
  }
  ctx.skipped++;
}

function ghArchiveEvent(ctx: Ctx, e: Obj, where: string): void {
  const p = e.payload as Obj;
  const repo = isObj(e.repo) ? (str(e.repo.name) ?? 'unknown') : 'unknown';
  const item = isObj(p.issue) ? p.issue : isObj(p.pull_request) ? p.pull_request : undefined;
  const num = item ? str(item.number) : undefined;
  if (!item || !num) {
    ctx.skipped++;
    return;
  }
  const threadKey = `${repo}#${num}`;
  const fmt: DiscussionFormat = 'gharchive';
  if (isObj(p.comment)) {
    const author = ghAuthor(p.comment.user, p.comment.author_association);
    if (!author) {
      bad(ctx, where, 'event comment without user');
      return;
    }
    push(
      ctx,
      {
        id: `gh:${threadKey}/c${str(p.comment.id) ?? where}`,
        from: author,
        date: iso(p.comment.created_at) ?? iso(e.created_at),
        subject: str(item.title) ?? '',
        body: str(p.comment.body) ?? '',
        inReplyTo: `gh:${threadKey}`,
        threadKey,
        format: fmt,
        url: str(p.comment.html_url),
      },
      where,
    );
  } else if (p.action === 'opened') {
    const author = ghAuthor(item.user, item.author_association);
    if (!author) {
      bad(ctx, where, 'event item without user');
      return;
    }
    push(
      ctx,
      {
        id: `gh:${threadKey}`,
        from: author,
        date: iso(item.created_at) ?? iso(e.created_at),
        subject: str(item.title) ?? '',
        body: str(item.body) ?? '',
        threadKey,
        format: fmt,
        url: str(item.html_url),
      },
      where,
    );
  } else ctx.skipped++;
}

function bad(ctx: Ctx, where: string, what: string): void {
  ctx.problems.push({ code: 'E_UNSUPPORTED', message: `${where}: ${what}; skipped`, file: ctx.file });
}

/** Parse one export file's text. JSON first, then JSON lines (each bad line is a problem). */
export function parseIssueExport(
  file: string,
  text: string,
  limits: ReadLimits,
): { messages: DiscussionMessage[]; problems: Problem[]; skipped: number } {
  const ctx: Ctx = { file, out: [], problems: [], limits, skipped: 0 };
  let whole: unknown;
  let ok = false;
  try {
    whole = JSON.parse(text);
    ok = true;
  } catch {
    /* maybe JSON lines */
  }
  if (ok) visit(ctx, whole, file);
  else {
    const lines = text.split('\n');
    let parsed = 0;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!.trim();
      if (!l) continue;
      try {
        visit(ctx, JSON.parse(l), `${file}:${i + 1}`);
        parsed++;
      } catch {
        if (ctx.problems.length < 50)
          ctx.problems.push({ code: 'E_UNSUPPORTED', message: `${file}:${i + 1}: not valid JSON; line skipped`, file, line: i + 1 });
      }
    }
    if (parsed === 0) ctx.problems.push({ code: 'E_UNSUPPORTED', message: `${file}: neither JSON nor JSON lines`, file });
  }
  return { messages: ctx.out, problems: ctx.problems, skipped: ctx.skipped };
}
