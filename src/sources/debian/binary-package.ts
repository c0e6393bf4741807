/**
 * A binary package (.deb) from the configured archive: the Packages index of each suite (verified
 * through the signed InRelease) gives its pool path, size and SHA256; the pool file is checked
 * against them before use and cached. The archive address comes from the apt sources or --mirror.
 */
import { VigilError } from '../../core/errors.js';
import type { DebArchiveClient } from './archive-client.js';
import { suiteUnreadable, type SuiteRef } from './archive-data.js';
import { forEachStanza } from '../../formats/debian/control.js';

const FIELDS = new Set(['package', 'version', 'architecture', 'filename', 'sha256', 'size']);

export interface ArchiveDeb {
  bytes: Buffer;
  url: string;
  suite: string;
  version: string;
}

interface Entry {
  version: string;
  arch: string;
  filename: string;
  sha256: string;
  size: number;
  uri: string;
  suite: string;
}

/** Every version of `name` the configured suites list for `arch` (or `all`); suites whose release could not be read go to `unread`. */
export async function archiveVersions(
  client: DebArchiveClient,
  suites: SuiteRef[],
  name: string,
  arch: string,
  unread: SuiteRef[] = [],
): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const s of suites) {
    const rel = await client.release(s.uri, s.suite, s.signedBy);
    if (!rel) {
      unread.push(s);
      continue;
    }
    for (const comp of s.components) {
      const idx = await client.index(rel, `${comp}/binary-${arch}/Packages`);
      if (!idx) continue;
      forEachStanza(
        await idx.text(),
        (st) => {
          const f = st.fields;
          if (f.package !== name || !f.version || !f.filename || !f.sha256) return;
          if (f.architecture !== arch && f.architecture !== 'all') return;
          out.push({
            version: f.version,
            arch: f.architecture,
            filename: f.filename,
            sha256: f.sha256,
            size: Number(f.size ?? 0),
            uri: rel.uri,
            suite: s.suite,
          });
        },
        { only: FIELDS },
      );
    }
  }
  return out;
}

export async function fetchArchiveDeb(
  client: DebArchiveClient,
  suites: SuiteRef[],
  name: string,
  version: string,
  arch: string,
): Promise<ArchiveDeb> {
  const unread: SuiteRef[] = [];
  const all = await archiveVersions(client, suites, name, arch, unread);
  const hit = all.find((e) => e.version === version);
  // No suite could be read: say why (network, redirect refused, signature), not "version not found".
  if (!hit && all.length === 0 && unread.length === suites.length && unread[0]) throw suiteUnreadable(client, unread[0]);
  if (!hit) {
    const known = [...new Set(all.map((e) => `${e.version} (${e.suite})`))].join(', ') || 'none';
    throw new VigilError(
      'E_INPUT_NOT_FOUND',
      `deb:${name} ${version} (${arch}) is not in the configured archive suites (${suites.map((s) => s.suite).join(', ') || 'none'})`,
      {
        subject: `deb:${name}`,
        hint: `versions available: ${known}; or give a local .deb file instead of a version`,
      },
    );
  }
  const bytes = await client.poolFile(hit.uri, hit.filename, { sha256: hit.sha256, size: hit.size });
  if (!bytes) {
    const p = client.problems.at(-1);
    throw new VigilError(p?.code === 'E_INTEGRITY' ? 'E_INTEGRITY' : 'E_NETWORK', p?.message ?? `${hit.filename}: could not be fetched`, {
      subject: `deb:${name}`,
    });
  }
  return { bytes, url: `${hit.uri}/${hit.filename}`, suite: hit.suite, version: hit.version };
}
