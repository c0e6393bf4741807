/** Debian sources: version ordering, control files, apt configuration, the archive client and data. */
export {
  compareDebianVersions,
  parseDebianVersion,
  validateDebianVersion,
  satisfiesDebianRelation,
  compareVersionPart,
  type DebianVersion,
} from './version.js';
export { parseControl, forEachStanza, type Stanza } from './control.js';
export { parseRelations, type Relation, type RelationClause } from './relations.js';
export { parseSourcesList, parseDeb822Sources, readAptSources, type AptSource } from './apt-sources.js';
export { DebArchiveClient, DEB_INDEX_KIND, type DebArchiveOptions, type LoadedRelease } from './archive-client.js';
export { loadArchiveData, selectSuites, type DebArchiveData, type SuiteRef } from './archive-data.js';
export { verifyClearsigned, DEFAULT_ARCHIVE_KEYRING, type SignatureStatus } from './gpgv.js';
export { parseRelease, type ReleaseFile } from './release.js';
export { buildDebInventory, resolveInstalledGraph, type InstalledGraph } from './installed-graph.js';
export type { DebPackage } from './types.js';
