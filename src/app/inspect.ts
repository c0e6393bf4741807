/**
 * `inspect`: the files of one package (npm:name@version, a local archive or a directory) →
 * ScanResult with the content findings and facts['content'][subject]. Library code: the CLI
 * command only parses arguments and supplies an npm source when the spec needs one.
 */
import { stat, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import semver from 'semver';
import { VigilError } from '../core/errors.js';
import { npmPurl } from '../core/purl.js';
import { debSubject } from '../sources/archive/deb-control.js';
import { analyzeBinaries, npmManifestOf } from '../analyzers/binary/index.js';
import type { ScanResult } from '../core/result.js';
import { finalizeResult, newResult } from '../core/result-builder.js';
import type { InventoryComponent } from '../core/types.js';
import type { NpmSource } from '../engine/types.js';
import { readArchive } from '../sources/archive/read-archive.js';
import { readDirectory } from '../sources/archive/directory.js';
import type { ArchiveLimits } from '../sources/archive/limits.js';
import type { PackageFiles } from '../sources/archive/types.js';
import { analyzeContent } from '../analyzers/content/analyzer.js';
import { CONTENT_RULES } from '../analyzers/content/rules.js';
import { parseNpmSpec, type NpmSpec } from '../core/npm-spec.js';
import { putComponentFacts } from '../core/facts.js';
import { BINARY_FACTS } from '../analyzers/binary/facts.js';
import { CONTENT_FACTS } from '../analyzers/content/types.js';

export interface InspectOptions {
  cwd: string;
  /** Needed only for `npm:` specs. */
  npm?: NpmSource;
  limits?: Partial<ArchiveLimits>;
  offline?: boolean;
}

async function fromNpm(
  spec: NpmSpec,
  npm: NpmSource,
  limits: Partial<ArchiveLimits> | undefined,
): Promise<{ files: PackageFiles; component: InventoryComponent }> {
  const pack = await npm.getPackument(spec.name);
  const versions = Object.keys(pack.versions);
  const version =
    pack.distTags[spec.want] ?? (pack.versions[spec.want] ? spec.want : (semver.maxSatisfying(versions, spec.want) ?? undefined));
  const manifest = version ? pack.versions[version] : undefined;
  if (!version || !manifest) {
    throw new VigilError('E_INPUT_NOT_FOUND', `${spec.name}: no version matches "${spec.want}"`, {
      subject: spec.name,
      hint: `known dist-tags: ${Object.keys(pack.distTags).join(', ') || 'none'}`,
    });
  }
  const tb = await npm.getTarball(spec.name, version, { ...(manifest.dist.integrity ? { integrity: manifest.dist.integrity } : {}) });
  const origin = `npm:${spec.name}@${version}`;
  const files = await readArchive(tb.bytes, { strip: 'npm', origin, ...(limits ? { limits } : {}) });
  const purl = npmPurl(spec.name, version);
  return {
    files,
    component: {
      purl,
      ecosystem: 'npm',
      name: spec.name,
      version,
      locations: [{ file: origin }],
      integrity: tb.integrity,
      dev: false,
      optional: false,
    },
  };
}

function subjectOf(files: PackageFiles, fallback: string): { subject: string; component?: InventoryComponent } {
  if (files.format === 'deb') return debSubject(files, fallback);
  const pj = files.files.find((f) => f.path === 'package.json')?.data;
  if (pj) {
    try {
      const m = JSON.parse(pj.toString('utf8')) as { name?: unknown; version?: unknown };
      if (typeof m.name === 'string' && typeof m.version === 'string' && m.name && m.version) {
        const purl = npmPurl(m.name, m.version);
        return {
          subject: purl,
          component: {
            purl,
            ecosystem: 'npm',
            name: m.name,
            version: m.version,
            locations: [{ file: fallback }],
            dev: false,
            optional: false,
          },
        };
      }
    } catch {
      /* not a usable manifest: the path is the subject */
    }
  }
  return { subject: fallback };
}

/** Read the package behind `spec` (npm:…, archive path or directory). */
export async function loadPackage(
  spec: string,
  opts: InspectOptions,
): Promise<{ files: PackageFiles; subject: string; component?: InventoryComponent }> {
  const npmSpec = parseNpmSpec(spec);
  if (npmSpec) {
    if (!opts.npm)
      throw new VigilError('E_UNSUPPORTED', `${spec}: no npm registry client is available here`, {
        hint: 'inspect a downloaded .tgz instead',
      });
    const { files, component } = await fromNpm(npmSpec, opts.npm, opts.limits);
    return { files, subject: component.purl, component };
  }
  const path = resolve(opts.cwd, spec);
  const st = await stat(path).catch((e: unknown) => {
    throw new VigilError('E_INPUT_NOT_FOUND', `${spec}: no such file or directory`, {
      file: spec,
      cause: e,
      hint: 'give an archive (.tgz, .tar.xz, .zip…), a directory, or npm:NAME@VERSION',
    });
  });
  const files = st.isDirectory()
    ? await readDirectory(path, { origin: spec, ...(opts.limits ? { limits: opts.limits } : {}) })
    : await readArchive(st.size <= 256 * 1024 * 1024 ? await readFile(path) : path, {
        origin: spec,
        strip: 'auto',
        ...(opts.limits ? { limits: opts.limits } : {}),
      });
  return { files, ...subjectOf(files, spec) };
}

export async function inspect(spec: string, opts: InspectOptions): Promise<ScanResult> {
  const result = newResult('inspect', spec);
  result.offline = opts.offline === true;
  const { files, subject, component } = await loadPackage(spec, opts);
  if (component) result.inventory.components.push(component);
  result.inventory.sources.push({ file: files.origin, format: files.format ?? 'archive' });
  const { facts, findings } = await analyzeContent(files, subject);
  // A Debian binary package consists of executables: the binary analyzer reads them instead.
  result.findings.push(...(files.format === 'deb' ? findings.filter((f) => f.rule !== CONTENT_RULES.bundledExecutable) : findings));
  result.problems.push(...(files.problems ?? []));
  putComponentFacts(result, CONTENT_FACTS, subject, facts);
  const ecosystem = files.format === 'deb' ? 'deb' : component ? 'npm' : 'file';
  const bin = analyzeBinaries(files, { subject, ecosystem, ...(ecosystem === 'npm' ? { manifest: npmManifestOf(files) } : {}) });
  result.findings.push(...bin.findings);
  result.problems.push(...bin.problems);
  if (bin.facts.files.length || bin.facts.unreadable.length) putComponentFacts(result, BINARY_FACTS, subject, bin.facts);
  return finalizeResult(result);
}
