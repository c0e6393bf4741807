/** Where the store lives by default: the user's cache directory, per platform conventions. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface PathEnv {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/** `$XDG_CACHE_HOME/vigil`, `~/.cache/vigil`, macOS `~/Library/Caches/vigil`, Windows `%LOCALAPPDATA%\vigil`. */
export function defaultCacheDir(p: PathEnv = {}): string {
  const env = p.env ?? process.env;
  const platform = p.platform ?? process.platform;
  const home = p.home ?? homedir();
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || join(home, 'AppData', 'Local');
    return join(base, 'vigil');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'vigil');
  const xdg = env.XDG_CACHE_HOME;
  // XDG says relative values are invalid and must be ignored.
  if (xdg && xdg.startsWith('/')) return join(xdg, 'vigil');
  return join(home, '.cache', 'vigil');
}

export function defaultStorePath(p: PathEnv = {}): string {
  return join(defaultCacheDir(p), 'vigil.db');
}
