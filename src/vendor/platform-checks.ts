/**
 * npm's os/cpu/libc rules (npm-install-checks) alone: a warm guarded `npm install` checks whether
 * the optional packages it does not install are for another platform, and needs none of npm's
 * spec parsing or version choice for it. Bundled by `npm run build` (scripts/bundle-vendor.mjs).
 */
export { checkPlatform, currentEnv } from 'npm-install-checks';
