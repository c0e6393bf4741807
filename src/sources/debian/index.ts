/** Debian sources: version ordering, control files, apt configuration, the archive client and data. */
export {
  compareDebianVersions,
  parseDebianVersion,
  validateDebianVersion,
  satisfiesDebianRelation,
  compareVersionPart,
  type DebianVersion,
} from '../../formats/debian/version.js';
export { parseControl, forEachStanza, type Stanza } from '../../formats/debian/control.js';
export { parseRelations, type Relation, type RelationClause } from '../../formats/debian/relations.js';
export { parseSourcesList, parseDeb822Sources, readAptSources, type AptSource } from '../../formats/debian/apt-sources.js';
export { DebArchiveClient, DEB_INDEX_KIND, type DebArchiveOptions, type LoadedRelease } from './archive-client.js';
export { loadArchiveData, selectSuites, type DebArchiveData, type SuiteRef } from './archive-data.js';
export { verifyClearsigned, DEFAULT_ARCHIVE_KEYRING, type SignatureStatus } from './gpgv.js';
export { parseRelease, type ReleaseFile } from './release.js';
export { buildDebInventory, resolveInstalledGraph, type InstalledGraph } from '../../formats/debian/installed-graph.js';
export type { DebPackage } from '../../formats/debian/types.js';
