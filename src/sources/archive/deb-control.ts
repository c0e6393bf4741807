/** The identity of a .deb read by readArchive: `DEBIAN/control` → purl and component. */
import { debPurl } from '../../core/purl.js';
import type { InventoryComponent } from '../../core/types.js';
import { parseControl } from '../../formats/debian/control.js';
import type { PackageFiles } from './types.js';

export function debControl(files: PackageFiles): Record<string, string> | undefined {
  const data = files.files.find((f) => f.path === 'DEBIAN/control')?.data;
  return data ? parseControl(data.toString('utf8'))[0]?.fields : undefined;
}

export function debSubject(files: PackageFiles, fallback: string): { subject: string; component?: InventoryComponent } {
  const c = debControl(files);
  if (!c?.package || !c.version) return { subject: fallback };
  const purl = debPurl(c.package, c.version, c.architecture);
  const source = (c.source ?? c.package).split(' ')[0]!;
  return {
    subject: purl,
    component: {
      purl,
      ecosystem: 'deb',
      name: c.package,
      version: c.version,
      locations: [{ file: fallback }],
      dev: false,
      optional: false,
      meta: { arch: c.architecture ?? '', source },
    },
  };
}
