/**
 * `vigil enqueue scan PATH|GIT_URL…`, `vigil enqueue release NAME@VERSION…`, `vigil enqueue
 * ecosystem npm --top N | --changes-since SEQ|last|DATE|AGE`, `vigil enqueue poll [NAME…]`,
 * `vigil enqueue debian SUITE…`: add jobs to the queue in the PostgreSQL store. Keys make it
 * idempotent: what is already queued, running or done under the same key is left alone and reported.
 */
import { resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { VigilError } from '../../core/errors.js';
import { openJobQueue } from '../../jobs/open.js';
import { scanJob } from '../../jobs/kinds/scan.js';
import { releaseJob } from '../../jobs/kinds/release.js';
import { pollJob } from '../../jobs/kinds/poll.js';
import { debianRankJob } from '../../jobs/kinds/debian-rank.js';
import { changeJobs, topJobs, type ChangeJobs } from '../../jobs/ecosystem.js';
import { parseNpmSpec } from '../../core/npm-spec.js';
import { isGitUrl } from '../../sources/git/clone.js';
import { loadRegistryConfig } from '../../sources/npm/config.js';
import { guardedFetch } from '../../sources/net/guarded-fetch.js';
import { openStore } from '../../store/open.js';
import { storedProjects } from '../../app/watch.js';
import { watchedNames } from '../../watch/index.js';
import { EXIT } from '../exit-codes.js';
import type { NewJob } from '../../jobs/types.js';
import { netOptions } from '../net-options.js';

function releaseJobs(specs: string[]): NewJob[] {
  return specs.map((s) => {
    const spec = parseNpmSpec(s.startsWith('npm:') ? s : `npm:${s}`);
    if (!spec || spec.want === 'latest' || !/^\d/.test(spec.want)) {
      throw new VigilError('E_USAGE', `enqueue release: "${s}" is not NAME@VERSION`, { hint: 'e.g. vigil enqueue release left-pad@1.3.0' });
    }
    return releaseJob(spec.name, spec.want);
  });
}

/** Poll jobs of CHUNK names each: the names given, or every npm package the stored projects depend on. */
function pollJobs(names: string[], location: string | undefined, chunk: number, round: string | undefined): NewJob[] {
  let all = names;
  if (all.length === 0) {
    const store = openStore({ path: location });
    try {
      all = watchedNames(storedProjects(store));
    } finally {
      store.close();
    }
    if (all.length === 0)
      throw new VigilError('E_USAGE', 'enqueue poll: no package names given and no scanned project in the store to watch');
  }
  const sorted = [...new Set(all)].sort();
  const jobs: NewJob[] = [];
  for (let i = 0; i < sorted.length; i += chunk) jobs.push(pollJob(sorted.slice(i, i + chunk), round ? { round } : {}));
  return jobs;
}

function changesText(c: ChangeJobs): string {
  const head = `changes feed read from ${c.from} to ${c.to}: ${c.jobs.length} package${c.jobs.length === 1 ? '' : 's'} changed, ${c.deleted} deleted`;
  return c.missing ? `${head}\nWhat is missing: ${c.missing}${c.jobs.length ? ' (the rest of the feed was not read)' : ''}` : head;
}

export const enqueueCommand = defineCommand({
  name: 'enqueue',
  summary:
    'Queue jobs for `vigil worker` in the PostgreSQL store: project scans (paths or git URLs), npm releases, an ecosystem’s top or changed packages, package polls, Debian suite rankings.',
  usage:
    'vigil enqueue scan PATH|GIT_URL… [--team NAME] | release NAME@VERSION… | ecosystem npm (--top N | --changes-since SEQ|last|DATE|AGE) | poll [NAME…] [--chunk N] | debian SUITE… [--mirror URL]  [--round R]',
  options: [
    {
      name: 'top',
      type: 'number',
      arg: 'N',
      config: false,
      description: 'enqueue ecosystem: the N most depended-upon packages (with --changes-since: at most N).',
    },
    {
      name: 'changes-since',
      type: 'string',
      arg: 'SEQ|last|DATE|AGE',
      config: false,
      description:
        "enqueue ecosystem: every package the registry's changes feed lists after this point (a sequence, `now`, `last` or a time).",
    },
    {
      name: 'changes-feed',
      type: 'string',
      arg: 'URL',
      config: false,
      description: 'enqueue ecosystem: where `_changes` is served (default: the configured registry).',
    },
    { name: 'chunk', type: 'number', default: 100, arg: 'N', config: false, description: 'enqueue poll: package names per poll job.' },
    {
      name: 'mirror',
      type: 'string',
      arg: 'URL',
      config: false,
      description: "enqueue debian: archive URL (default: each worker's apt sources).",
    },
    { name: 'arch', type: 'string', arg: 'ARCH', config: false, description: 'enqueue debian: binary architecture (default amd64).' },
    {
      name: 'keyring',
      type: 'string',
      arg: 'FILE',
      config: false,
      description: 'enqueue debian: OpenPGP keyring for InRelease, a path on the workers.',
    },
    {
      name: 'team',
      type: 'string',
      arg: 'NAME',
      config: false,
      description: 'enqueue scan: the team that owns these projects (fleet rollups).',
    },
    {
      name: 'round',
      type: 'string',
      arg: 'R',
      config: false,
      description:
        'enqueue: the round in the job key (default: the UTC day for scans and rankings, the hour for package polls); a new round queues again.',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const [what, ...args] = ctx.options.positionals;
    const round = v.round;
    let jobs: NewJob[];
    let note: string | undefined;
    let partial = false;
    if (what === 'scan') {
      if (args.length === 0) throw new VigilError('E_USAGE', 'enqueue scan needs at least one PATH or git URL');
      const team = v.team;
      jobs = args.map((p) => scanJob(isGitUrl(p) ? p : resolve(ctx.cwd, p), { ...(round ? { round } : {}), ...(team ? { team } : {}) }));
    } else if (what === 'release') {
      if (args.length === 0) throw new VigilError('E_USAGE', 'enqueue release needs at least one NAME@VERSION');
      jobs = releaseJobs(args);
    } else if (what === 'ecosystem') {
      const eco = args[0];
      if (eco !== 'npm') throw new VigilError('E_USAGE', `enqueue ecosystem: only "npm" is supported${eco ? ` (got "${eco}")` : ''}`);
      if (v['changes-since'] === undefined) {
        jobs = await topJobs(v.top, round);
      } else {
        const config = await loadRegistryConfig({ projectDir: ctx.cwd, env: ctx.env, registry: v.registry });
        const feed = v['changes-feed'] ?? config.registry.value;
        const fetch = guardedFetch({ ...netOptions(v), proxy: config.proxy });
        const store = openStore({ path: v.store });
        let c: ChangeJobs;
        try {
          c = await changeJobs(store, fetch, feed, v['changes-since'], v.top !== undefined ? { max: Math.floor(v.top) } : {});
        } finally {
          store.close();
        }
        jobs = c.jobs;
        note = changesText(c);
        partial = c.missing !== undefined;
        if (jobs.length === 0 && partial) {
          return {
            kind: 'text',
            text: `${note}\nnothing queued: pass --changes-feed URL to read the feed from where it is served\n`,
            exitCode: EXIT.FAILURE,
          };
        }
      }
    } else if (what === 'poll') {
      if (!(v.chunk >= 1)) throw new VigilError('E_USAGE', `--chunk must be at least 1 (got ${v.chunk})`);
      jobs = pollJobs(args, v.store, Math.floor(v.chunk), round);
    } else if (what === 'debian') {
      if (args.length === 0)
        throw new VigilError('E_USAGE', 'enqueue debian needs at least one SUITE', { hint: 'e.g. vigil enqueue debian bookworm' });
      if (v.mirror !== undefined && !/^https?:\/\//i.test(v.mirror)) throw new VigilError('E_USAGE', '--mirror must be an http(s) URL');
      jobs = args.map((suite) =>
        debianRankJob(suite, {
          ...(v.mirror ? { mirror: v.mirror } : {}),
          ...(v.arch ? { arch: v.arch } : {}),
          ...(v.keyring ? { keyring: resolve(ctx.cwd, v.keyring) } : {}),
          ...(round ? { round } : {}),
        }),
      );
    } else {
      throw new VigilError(
        'E_USAGE',
        `vigil enqueue needs "scan", "release", "ecosystem", "poll" or "debian"${what ? ` (got "${what}")` : ''}`,
      );
    }
    const { queue, where, close } = openJobQueue(v.store);
    try {
      const out = await queue.enqueue(jobs);
      const created = out.filter((o) => o.created).length;
      const lines = out.filter((o) => !o.created).map((o) => `  already ${o.state}: #${o.id} ${o.key}`);
      const text =
        [...(note ? [note] : []), `queued ${created} of ${out.length} job${out.length === 1 ? '' : 's'} in ${where}`, ...lines].join('\n') +
        '\n';
      return { kind: 'text', text, ...(partial && !v['allow-partial'] ? { exitCode: EXIT.FAILURE } : {}) };
    } finally {
      await close();
    }
  },
});
