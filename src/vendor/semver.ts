/**
 * semver alone, for code that needs version ranges but not the rest of npm's resolution (guard's
 * lockfile check). `npm run build` bundles it with the other vendor modules (scripts/bundle-vendor.mjs),
 * sharing one copy of semver: objects made here and in npm-resolution.ts are the same classes.
 */
export { default as semver } from 'semver';
