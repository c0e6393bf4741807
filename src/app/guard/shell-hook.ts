/**
 * Shell functions that route package-manager commands through `vigil guard`, as text for the user
 * to review and load; vigil changes no shell file itself. `command vigil` / `command` skip the
 * functions, and guard starts the real tool by path lookup, so nothing recurses.
 */
import { VigilError } from '../../core/errors.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const WRAPPED = ['npm', 'npx', 'pnpm', 'yarn', 'bun'];

export function detectShell(requested: string | undefined, env: NodeJS.ProcessEnv): Shell {
  const s = requested ?? (env.SHELL ?? '').split('/').pop() ?? '';
  if ((SHELLS as readonly string[]).includes(s)) return s as Shell;
  throw new VigilError(
    'E_USAGE',
    requested ? `no shell hook for "${requested}" (available: ${SHELLS.join(', ')})` : 'could not tell which shell this is from $SHELL',
    {
      hint: `vigil guard --install-shell-hook ${SHELLS.join('|')}`,
    },
  );
}

export function shellHook(shell: Shell, vigil = 'vigil'): string {
  if (shell === 'fish') {
    return [
      '# vigil guard: route package-manager commands through `vigil guard` (nothing runs before it is analysed).',
      `# Load now:      ${vigil} guard --install-shell-hook fish | source`,
      `# Load always:   add that line to ~/.config/fish/config.fish`,
      `# Undo:          functions --erase ${WRAPPED.join(' ')}   (and remove the line from config.fish)`,
      '# Bypass once:   command npm install ...',
      ...WRAPPED.map(
        (t) => `function ${t} --wraps ${t} --description 'vigil guard -- ${t}'\n    command ${vigil} guard -- ${t} $argv\nend`,
      ),
      '',
    ].join('\n');
  }
  const rc = shell === 'zsh' ? '~/.zshrc' : '~/.bashrc';
  return [
    '# vigil guard: route package-manager commands through `vigil guard` (nothing runs before it is analysed).',
    `# Load now:      eval "$(${vigil} guard --install-shell-hook ${shell})"`,
    `# Load always:   add that line to ${rc}`,
    `# Undo:          unset -f ${WRAPPED.join(' ')}   (and remove the line from ${rc})`,
    '# Bypass once:   command npm install ...',
    ...WRAPPED.map((t) => `${t}() { command ${vigil} guard -- ${t} "$@"; }`),
    '',
  ].join('\n');
}
