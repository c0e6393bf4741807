/**
 * `npm install <registry specs>` in a project whose lockfile matches package.json, planned by vigil
 * without running npm: the lockfile is the "before", and what the command can add is resolved with
 * npm's own version choice (npm-resolve.ts, a superset of what arborist places) over the registry's
 * fresh packument and every copy in npm's cache that npm may answer from instead (npm-cache.ts). The
 * real command runs with the same npm cache, pinned, and no extra flag: whether npm answers from its
 * cache or asks the registry again, its pick was analysed (a version published in the moment between
 * guard's fetch and npm's is the one thing not covered, as with any re-fetch).
 *
 * Anything outside that model — another subcommand, a flag or npm setting that changes resolution,
 * a proxy, a non-registry spec — returns a `gap` and the caller plans with npm itself.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { npa } from '../../vendor/npm-resolution.js';
import type { Edge, Inventory, InventoryComponent } from '../../core/types.js';
import { npmPurl } from '../../core/purl.js';
import { isVigilError } from '../../core/errors.js';
import { authorizationFor } from '../../sources/npm/auth.js';
import { loadConfigLayers, npmConfigGet, registryFor, resolveLayers } from '../../sources/npm/config.js';
import type { ConfigLayer } from '../../sources/npm/npmrc.js';
import { positionalSpecs } from './command-line.js';
import { lockfileMatchesManifest, NEUTRAL_FLAGS } from './plan-lockfile.js';
import { parsedLockInventory, readJsonFile, readLockInventory } from './lock-inventory.js';
import { ResolveGap, resolveSuperset, type ResolvedPackage } from './npm-resolve.js';
import { getPackumentBody, packumentUrl, parsePackument } from './packument-get.js';
import { cachedPackuments, matchesIntegrity, npmCacheDir, readCachedBody } from './npm-cache.js';
import type { Plan, PlanContext } from './plan-types.js';

/** Subcommands that add the named packages (not update/dedupe, which re-resolve what is locked). */
const ADD = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);
/** Flags that only say where in package.json the package is saved. */
const SAVE_FLAGS = /^(--save(-(dev|prod|optional|exact|bundle))?|--no-save|-[SDPOEB])$/;
/**
 * npm settings that change neither what is resolved nor how freshly (including those npm exports to
 * every script it runs, and pnpm's store-dir, which npm ignores): any other one makes npm plan.
 */
const NEUTRAL_CONFIG =
  /^(registry|@[^:/]+:registry|\/\/.+|audit|fund|progress|update-notifier|loglevel|color|unicode|save|save-(exact|prefix|dev|prod|optional|bundle)|cache|userconfig|globalconfig|global-prefix|local-prefix|prefix|ignore-scripts|foreground-scripts|script-shell|node-gyp|npm-version|user-agent|fetch-retries|fetch-retry-(factor|mintimeout|maxtimeout)|fetch-timeout|maxsockets|init-.+|email|always-auth|strict-ssl|cafile|ca|yes|prefer-online|legacy-peer-deps|strict-peer-deps|engine-strict|omit|include|logs-dir|logs-max|timing|umask|bin-links|editor|shell|heading|store-dir|allow-scripts|nodedir|omit-lockfile-registry-resolved|noproxy)$/;
const PROXY_ENV = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export type ResolvedPlan = { plan: Plan; runEnv: Record<string, string> } | { gap: string };

/** `lock`: the lockfile already parsed, when the caller has it. */
export async function planNpmResolved(
  args: string[],
  sub: string,
  ctx: PlanContext,
  lockFile: string | undefined,
  lock = lockFile ? readJsonFile(lockFile) : undefined,
): Promise<ResolvedPlan> {
  if (!ADD.has(sub)) return { gap: `npm ${sub} re-resolves locked packages` };
  const manifest = readJsonFile(join(ctx.projectDir, 'package.json')) as Record<string, Record<string, string>> | undefined;
  if (
    !lockFile ||
    !lock ||
    !manifest ||
    !(await lockfileMatchesManifest(ctx.projectDir, lockFile, { manifest, lock, ...(ctx.checks ? { memo: ctx.checks } : {}) }))
  )
    return { gap: 'no lockfile that matches package.json' };
  const at = args.indexOf(sub);
  const flags = args.filter((a, i) => i !== at && a.startsWith('-'));
  const odd = flags.find((f) => !NEUTRAL_FLAGS.test(f) && !SAVE_FLAGS.test(f));
  if (odd) return { gap: `flag ${odd}` };
  const words = positionalSpecs(args, at + 1);
  if (words.length === 0) return { gap: 'no package named' };
  const requests: { name: string; spec: string }[] = [];
  for (const w of words) {
    let parsed;
    try {
      parsed = npa(w, ctx.projectDir);
    } catch {
      return { gap: `spec ${w}` };
    }
    if (!parsed.registry || !parsed.name || !['range', 'version', 'tag'].includes(parsed.type))
      return { gap: `${w} is not a registry spec` };
    requests.push({ name: parsed.name, spec: parsed.fetchSpec ?? '*' });
    // `npm install NAME` of a dependency the project already declares may keep its declared range.
    for (const f of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
      const declared = manifest[f]?.[parsed.name];
      if (declared && !/@/.test(w.slice(1))) requests.push({ name: parsed.name, spec: declared });
    }
  }

  const layers = loadConfigLayers({ projectDir: ctx.projectDir, env: ctx.env });
  const setting = unsupportedSetting(layers, ctx.env);
  if (setting) return { gap: setting };
  let config;
  try {
    config = await resolveLayers(layers, ctx.env, npmConfigGet);
  } catch (e) {
    if (isVigilError(e, 'E_CONFIG')) return { gap: e.message };
    throw e;
  }
  const before = parsedLockInventory(lockFile, lock) ?? (await readLockInventory(lockFile));
  const rootVersions = new Map<string, string>();
  for (const [key, e] of Object.entries((lock.packages ?? {}) as Record<string, { version?: string }>)) {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
    if (m?.[1] && e.version) rootVersions.set(m[1], e.version);
  }
  const npmVersion = npmOnPath(ctx.env);
  const cacheDir = npmCacheDir(
    layers.map((l) => l.values.cache).find((v) => v !== undefined && v !== ''),
    ctx.env,
    ctx.projectDir,
  );
  let resolved: ResolvedPackage[];
  try {
    resolved = await resolveSuperset({
      rootVersions,
      requests,
      ...(npmVersion ? { npmVersion } : {}),
      getPackument: async (name) => {
        const url = packumentUrl(registryFor(config, name), name);
        const cached = cachedPackuments(cacheDir, url);
        // Asked as npm last asked (the full document, for npm ≥ 10): an unchanged packument is then
        // recognised by its hash, and npm's copy need not be read.
        const accept = cached.find((c) => c.accept)?.accept;
        const body = await getPackumentBody(url, authorizationFor(config, url), config.tls?.ca?.value, accept);
        const copies = [parsePackument(body, url)];
        for (const c of cached) {
          if (matchesIntegrity(body, c.integrity)) continue;
          const old = readCachedBody(cacheDir, c.integrity);
          if (old) copies.push(parsePackument(old, url));
        }
        return copies;
      },
    });
  } catch (e) {
    if (e instanceof ResolveGap) return { gap: e.message };
    throw e;
  }
  const dev = flags.some((f) => f === '-D' || f === '--save-dev');
  return {
    plan: {
      before,
      after: withResolved(before, resolved, lockFile, dev),
      method: `vigil resolved what npm can add (npm's version choice over fresh registry metadata and npm's cached copies, ${resolved.length} package${resolved.length === 1 ? '' : 's'}, a superset of what npm places)`,
    },
    runEnv: { npm_config_cache: cacheDir },
  };
}

function unsupportedSetting(layers: ConfigLayer[], env: NodeJS.ProcessEnv): string | undefined {
  for (const l of layers) {
    for (const [k, v] of Object.entries(l.values)) {
      // npm exports its settings to scripts, empty ones included (`npm_config_noproxy=`): those set nothing.
      if (v === '') continue;
      if (!NEUTRAL_CONFIG.test(k)) return `npm setting ${k} (${l.source})`;
      if (k === 'strict-ssl' && v === 'false') return `npm setting strict-ssl=false (${l.source})`;
    }
  }
  const proxy = PROXY_ENV.find((n) => env[n]);
  return proxy ? `a proxy (${proxy})` : undefined;
}

function withResolved(before: Inventory, resolved: ResolvedPackage[], lockFile: string, dev: boolean): Inventory {
  const purlOf = new Map(resolved.map((r) => [`${r.manifest.name}@${r.manifest.version}`, npmPurl(r.manifest.name, r.manifest.version)]));
  const rootId = before.roots[0]?.id ?? 'root:project';
  const components: InventoryComponent[] = resolved.map(({ manifest: m }) => {
    const platform = Object.fromEntries(
      (['os', 'cpu', 'libc'] as const).flatMap((k) => {
        const v = m[k];
        const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
        return list.length ? [[k, list]] : [];
      }),
    );
    return {
      purl: purlOf.get(`${m.name}@${m.version}`)!,
      ecosystem: 'npm',
      name: m.name,
      version: m.version,
      locations: [{ file: lockFile }],
      ...(m.dist?.tarball ? { resolved: m.dist.tarball } : {}),
      ...(sri(m.dist) ? { integrity: sri(m.dist)! } : {}),
      dev,
      optional: false,
      ...(Object.keys(platform).length ? { platform } : {}),
    };
  });
  const edges: Edge[] = resolved.flatMap((r) =>
    r.requiredBy.map((from) => ({
      from: from === 'root' ? rootId : (purlOf.get(from) ?? rootId),
      to: purlOf.get(`${r.manifest.name}@${r.manifest.version}`)!,
      kind: from === 'root' && dev ? 'dev' : 'prod',
    })),
  );
  return { ...before, components: [...before.components, ...components], edges: [...before.edges, ...edges] };
}

/** The SRI integrity npm records: `dist.integrity`, else the sha1 shasum as SRI. */
function sri(dist: { integrity?: string; shasum?: string } | undefined): string | undefined {
  if (dist?.integrity) return dist.integrity;
  return dist?.shasum && /^[0-9a-f]{40}$/i.test(dist.shasum) ? `sha1-${Buffer.from(dist.shasum, 'hex').toString('base64')}` : undefined;
}

/** The version of the npm the wrapped command will run (first on PATH), read from its package.json. */
function npmOnPath(env: NodeJS.ProcessEnv): string | undefined {
  for (const d of (env.PATH ?? '').split(delimiter)) {
    const bin = d && join(d, 'npm');
    if (!bin || !existsSync(bin)) continue;
    try {
      for (let dir = dirname(realpathSync(bin)); dirname(dir) !== dir; dir = dirname(dir)) {
        const pj = join(dir, 'package.json');
        if (!existsSync(pj)) continue;
        const p = JSON.parse(readFileSync(pj, 'utf8')) as { name?: string; version?: string };
        return p.name === 'npm' ? p.version : undefined;
      }
    } catch {
      return undefined;
    }
    return undefined;
  }
  return undefined;
}
