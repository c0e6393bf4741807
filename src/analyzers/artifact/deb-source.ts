/**
 * `deb:SOURCE=VERSION`: fetch the `.dsc` from the Debian archive (pool path computed from the source
 * name), then every file it lists, each checked against the .dsc's Checksums-Sha256 (size and digest)
 * before use. A mismatch is a critical finding and the file is not used. The archive address comes
 * from the caller (host apt sources or --mirror), never from code.
 */
import { createHash } from 'node:crypto';
import { isVigilError, VigilError } from '../../core/errors.js';
import type { Finding, Problem } from '../../core/types.js';
import { parseControl } from '../../formats/debian/control.js';
import { guardedFetch, type ProxySettings } from '../../sources/net/guarded-fetch.js';
import type { TransferLimits } from '../../sources/net/body-guard.js';
import { readCapped, type CapOptions } from '../../sources/net/read-capped.js';
import type { Store } from '../../store/types.js';
import { ARTIFACT_ANALYZER, ARTIFACT_RULES } from './rules.js';
import { describeNetworkError } from '../../sources/net/network-error.js';

export interface DebSpec {
  source: string;
  version: string;
}

export function parseDebSpec(spec: string): DebSpec | undefined {
  if (!spec.startsWith('deb:')) return undefined;
  const m = /^deb:([a-z0-9][a-z0-9.+-]+)=([0-9][A-Za-z0-9.+~:-]*)$/.exec(spec);
  if (!m)
    throw new VigilError('E_USAGE', `invalid Debian source spec "${spec}"`, {
      hint: 'use deb:SOURCE=VERSION, e.g. deb:zlib=1:1.2.13.dfsg-1',
    });
  return { source: m[1]!, version: m[2]! };
}

export function poolDir(source: string, component = 'main'): string {
  const prefix = source.startsWith('lib') && source.length > 3 ? source.slice(0, 4) : source[0]!;
  return `pool/${component}/${prefix}/${source}/`;
}

export interface DscFile {
  name: string;
  size: number;
  sha256: string;
}

/** `Checksums-Sha256:` entries of a .dsc (clearsigned or not). */
export function parseDsc(text: string, origin: string): { files: DscFile[]; format?: string } {
  const body = text
    .replace(/^-----BEGIN PGP SIGNED MESSAGE-----\n(?:[^\n]+\n)*\n/, '')
    .replace(/\n-----BEGIN PGP SIGNATURE-----[\s\S]*$/, '\n');
  const st = parseControl(body)[0];
  const raw = st?.fields['checksums-sha256'];
  if (!raw) throw new VigilError('E_REGISTRY_BODY', `${origin}: no Checksums-Sha256 field in the .dsc`, { subject: origin });
  const files: DscFile[] = [];
  for (const line of raw.split('\n')) {
    const m = /^\s*([0-9a-f]{64})\s+(\d+)\s+(\S+)\s*$/.exec(line);
    if (m && !m[3]!.includes('/')) files.push({ sha256: m[1]!, size: Number(m[2]), name: m[3]! });
  }
  if (!files.length) throw new VigilError('E_REGISTRY_BODY', `${origin}: Checksums-Sha256 lists no files`, { subject: origin });
  return { files, format: st?.fields.format };
}

export interface DebFetchOptions {
  mirror: string;
  fetch?: typeof globalThis.fetch;
  /** Hosts redirects may go to besides the one asked (--allow-host). */
  allowHosts?: readonly string[];
  /** The run's network deadline (--timeout), epoch ms. */
  deadlineAt?: number;
  /** The proxy of the user's npm configuration. */
  proxy?: ProxySettings;
  /** Stall and minimum-rate limits for bodies (tests scale them down). */
  transfer?: Partial<TransferLimits>;
  store?: Store;
  offline?: boolean;
  component?: string;
}

export interface DebSourceFiles {
  dscUrl: string;
  /** Verified file bodies by name. */
  files: Map<string, Buffer>;
  listed: DscFile[];
  findings: Finding[];
  problems: Problem[];
}

const KIND = 'deb-source';
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A .dsc lists a few files in a few KiB; a larger answer is not one. */
export const MAX_DSC_BYTES = 1024 * 1024;

async function get(url: string, o: DebFetchOptions, cap: CapOptions & { max: number }): Promise<Buffer> {
  if (o.offline) throw new VigilError('E_OFFLINE_MISS', `${url} is not in the store and running offline`, { subject: url });
  const { fetch, allowHosts, deadlineAt, proxy, transfer } = o;
  const res = await guardedFetch({ fetch, allowHosts, deadlineAt, proxy, transfer })(url, {
    signal: AbortSignal.timeout(120_000),
  }).catch((e: unknown) => {
    if (e instanceof VigilError) throw e;
    throw new VigilError('E_NETWORK', `${url}: ${describeNetworkError(e)}`, { subject: url, cause: e });
  });
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw new VigilError('E_REGISTRY_HTTP', `${url}: HTTP ${res.status}`, {
      subject: url,
      hint: res.status === 404 ? 'check the source name and version (is it still in this archive?)' : undefined,
    });
  }
  return readCapped(res, url, cap.max, cap);
}

/** A file the .dsc lists came back different: `got` is what was read (`over`: more than the declared size). */
function mismatch(spec: DebSpec, f: DscFile, url: string, got: { sha256: string; size: number; over?: boolean }): Finding {
  const read = got.over
    ? `The mirror sent more than the ${f.size} bytes the .dsc declares (reading stopped there)`
    : `Downloaded ${got.size} bytes with SHA256 ${got.sha256}`;
  return {
    rule: ARTIFACT_RULES.dscChecksum,
    severity: 'critical',
    confidence: 'high',
    subject: `deb:${spec.source}=${spec.version}`,
    title: `${f.name} does not match the checksum in the .dsc`,
    explanation: `${read}; the .dsc declares ${f.size} bytes with SHA256 ${f.sha256}. The file was not used.`,
    evidence: [
      {
        kind: 'digest',
        file: f.name,
        label: 'SHA256 (.dsc vs downloaded)',
        before: f.sha256,
        after: got.over ? 'not computed' : got.sha256,
      },
      { kind: 'metadata', field: 'size', file: f.name, before: f.size, after: got.over ? `more than ${f.size}` : got.size },
      { kind: 'url', url, label: 'downloaded from' },
    ],
    remediation: 'Do not build from this mirror; fetch the source from another mirror and compare.',
    analyzer: { ...ARTIFACT_ANALYZER },
  };
}

export async function fetchDebSource(spec: DebSpec, o: DebFetchOptions): Promise<DebSourceFiles> {
  const base = `${o.mirror.replace(/\/+$/, '')}/${poolDir(spec.source, o.component)}`;
  const noEpoch = spec.version.replace(/^\d+:/, '');
  const dscUrl = `${base}${spec.source}_${noEpoch}.dsc`;
  const dsc = await get(dscUrl, o, { max: MAX_DSC_BYTES, what: 'the cap for a .dsc file' });
  const { files: listed } = parseDsc(dsc.toString('utf8'), dscUrl);
  const out: DebSourceFiles = { dscUrl, files: new Map(), listed, findings: [], problems: [] };
  for (const f of listed) {
    const url = base + f.name;
    const cached = o.store?.getCache(KIND, url);
    if (cached && sha256(cached.body) === f.sha256) {
      out.files.set(f.name, cached.body);
      continue;
    }
    let body: Buffer;
    try {
      body = await get(url, o, { max: f.size, what: 'the size the .dsc declares', code: 'E_INTEGRITY' });
    } catch (e) {
      if (isVigilError(e, 'E_INTEGRITY')) out.findings.push(mismatch(spec, f, url, { sha256: '', size: f.size, over: true }));
      else out.problems.push({ code: e instanceof VigilError ? e.code : 'E_NETWORK', message: (e as Error).message, subject: url });
      continue;
    }
    const got = sha256(body);
    if (got !== f.sha256 || body.length !== f.size) {
      out.findings.push(mismatch(spec, f, url, { sha256: got, size: body.length }));
      continue;
    }
    o.store?.putCache(KIND, url, { body, fetchedAt: new Date().toISOString(), meta: { sha256: got } });
    out.files.set(f.name, body);
  }
  return out;
}

/** The upstream tarball among the .dsc files (`.orig.tar.*`, or the only `.tar.*` of a native package). */
export function pickOrig(listed: DscFile[]): DscFile | undefined {
  return (
    listed.find((f) => /\.orig\.tar\.(?:gz|xz|bz2|zst|lzma)$/.test(f.name)) ??
    listed.find((f) => /\.tar\.(?:gz|xz|bz2|zst)$/.test(f.name) && !f.name.includes('.debian.'))
  );
}
