/**
 * npm's own resolution libraries — semver, npm-package-arg, npm-pick-manifest, npm-install-checks —
 * as one module. From source it re-exports the packages; `npm run build` replaces its compiled
 * file with a bundle of them (scripts/bundle-vendor.mjs), because a guarded install loads them
 * on every run and about 60 CommonJS files cost more than their code (~35 ms of a ~60 ms load).
 * semver.ts and platform-checks.ts hold the parts a warm `npm install` needs, in smaller chunks of
 * the same bundle. The code is the packages' own, unchanged; the bundle holds its own copy of
 * semver, so its objects (SemVer, Range) are not to be mixed with those of a plain `import 'semver'`.
 */
export { default as semver } from 'semver';
export { default as npa } from 'npm-package-arg';
export { default as pickManifest } from 'npm-pick-manifest';
export { checkPlatform, currentEnv } from 'npm-install-checks';
