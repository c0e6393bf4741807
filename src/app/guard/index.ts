/** `vigil guard`: analyse what a package-manager command would install before it runs. */
export { guard, runWrapped, type GuardOptions, type GuardOutcome } from './guard.js';
export { parseInvocation, TOOLS, type Invocation, type Tool } from './command-line.js';
export { decide, type GuardAction, type GuardDecision, type GuardPolicy, type GuardRow, type Verdict } from './policy.js';
export { plannedChanges, type PlannedChange } from './changes.js';
export { fileCheckMemo, type CheckMemo } from './check-memo.js';
export { fileVerdictMemo } from './verdict-files.js';
export { detectShell, shellHook, SHELLS, type Shell } from './shell-hook.js';
