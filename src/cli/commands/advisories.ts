/**
 * `vigil advisories update --from PATH|URL`: import OSV records (JSON file, folder, zip dump, or a URL
 * fetched through the configured proxy) into the store. `vigil advisories list` / `show ID` inspect
 * the set in effect (built-in + stored).
 */
import { resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { VigilError } from '../../core/errors.js';
import { openStore } from '../../store/open.js';
import { importAdvisories, isUrl } from '../../sources/osv/import.js';
import { builtinAdvisories } from '../../sources/osv/builtin.js';
import { loadStoredAdvisories } from '../../sources/osv/store.js';
import { loadAdvisoryDb } from '../../sources/osv/load.js';
import { describeAffected } from '../../analyzers/advisories/finding.js';
import { netOptionsWithProxy } from '../net-options.js';

const MAX_PROBLEMS_SHOWN = 20;

export const advisoriesCommand = defineCommand({
  name: 'advisories',
  summary: 'Manage known advisories (OSV): update the store from a file, folder, zip dump or URL; list; show one.',
  usage: 'vigil advisories update --from PATH|URL | vigil advisories list | vigil advisories show ID',
  options: [
    {
      name: 'from',
      type: 'string',
      arg: 'PATH|URL',
      config: false,
      description: 'OSV JSON file, folder of them, OSV zip dump, or an http(s) URL of one.',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const [sub, arg] = ctx.options.positionals;
    const store = openStore({ path: v.store });
    try {
      if (sub === 'update') {
        const from = v.from;
        if (!from) throw new VigilError('E_USAGE', 'advisories update needs --from PATH|URL');
        if (isUrl(from) && v.offline === true) throw new VigilError('E_USAGE', `--offline: cannot download ${from}`);
        const r = await importAdvisories(store, isUrl(from) ? from : resolve(ctx.cwd, from), {
          download: netOptionsWithProxy(ctx, v),
        });
        const s = r.stats;
        const lines = [
          `imported ${s.imported} advisories (${s.withdrawn} withdrawn), skipped ${s.skipped}; the store now holds ${r.stored}.`,
          ...Object.entries(s.unsupportedEcosystems).map(
            ([eco, n]) => `  ${n} affected entries in ${eco}: kept, matched by exact version only`,
          ),
          ...r.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `  problem: ${p.file ? `${p.file}: ` : ''}${p.message}`),
          ...(r.problems.length > MAX_PROBLEMS_SHOWN ? [`  ... and ${r.problems.length - MAX_PROBLEMS_SHOWN} more problems`] : []),
        ];
        return { kind: 'text', text: `${lines.join('\n')}\n`, exitCode: s.imported === 0 && s.skipped > 0 ? EXIT.FAILURE : EXIT.OK };
      }
      const builtin = builtinAdvisories();
      const stored = loadStoredAdvisories(store);
      const db = loadAdvisoryDb(store);
      if (sub === 'list' || sub === undefined) {
        const byEco = new Map<string, number>();
        for (const a of db.all())
          for (const e of new Set(a.affected.map((p) => p.ecosystem || p.kind))) byEco.set(e, (byEco.get(e) ?? 0) + 1);
        const lines = [
          `${db.size} advisories in effect: ${builtin.length} built-in, ${stored.length} imported into ${store.path}.`,
          ...[...byEco].sort((a, b) => b[1] - a[1]).map(([e, n]) => `  ${e}: ${n}`),
        ];
        return { kind: 'text', text: `${lines.join('\n')}\n` };
      }
      if (sub === 'show' && arg) {
        const g = db.group(arg) ?? (db.byId.get(arg) ? { id: arg, ids: [arg], advisories: [db.byId.get(arg)!] } : undefined);
        if (!g)
          throw new VigilError('E_USAGE', `unknown advisory ${arg}`, {
            hint: 'run `vigil advisories update --from PATH|URL` to import more',
          });
        const lines = [`${g.id}${g.ids.length > 1 ? ` (${g.ids.filter((i) => i !== g.id).join(', ')})` : ''}`];
        for (const a of g.advisories) {
          lines.push(
            '',
            `${a.id}${a.withdrawn ? ` [withdrawn ${a.withdrawn}]` : ''}: ${a.summary ?? ''}`,
            `  severity: ${a.level} (${a.levelSource})${a.malicious ? ', malicious' : ''}`,
            `  published ${a.published ?? '?'}, modified ${a.modified ?? '?'}, from ${a.origin}`,
            ...a.affected.map((p) => `  affects ${p.ecosystem || p.kind} ${p.name}: ${describeAffected(p) || '(GIT range only)'}`),
            ...a.references.map((r) => `  ${r.type}: ${r.url}`),
          );
        }
        return { kind: 'text', text: `${lines.join('\n')}\n` };
      }
      throw new VigilError('E_USAGE', `unknown subcommand "${sub}"; use update, list or show ID`);
    } finally {
      store.close();
    }
  },
});
