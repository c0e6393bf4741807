/** npm registry source: public API (re-exports only). */
export { loadRegistryConfig, registryFor, normalizeRegistry, npmConfigGet } from './config.js';
export type { RegistryConfig, Sourced, ProxyConfig, LoadRegistryConfigOptions } from './config.js';
export { authFor, authorizationFor, nerfDart } from './auth.js';
export type { RegistryAuth } from './auth.js';
export { createHttpClient, isRetriable, DEFAULT_TIMEOUTS } from './http.js';
export type {
  FetchLike,
  FetchResponse,
  HttpClient,
  HttpClientOptions,
  HttpRequest,
  HttpResponse,
  HttpStats,
  HttpTimeouts,
} from './http.js';
export { RETRIABLE_STATUSES } from './retry.js';
export { RegistryHttpError, IntegrityError } from './http-errors.js';
export { parsePackument } from './packument.js';
export type { ParsePackumentInput } from './packument.js';
export { assessPublishTimes } from './packument-time.js';
export { tarballUrl, resolveTarballUrl, distIntegrity, integrityKey, verifyIntegrity, isGzip } from './tarball.js';
export { createNpmClient } from './client.js';
export type { NpmClient, NpmClientOptions, NpmClientStats, GetTarballOptions, TarballResult } from './client.js';
export type { Packument, VersionManifest, NpmPerson } from './types.js';
