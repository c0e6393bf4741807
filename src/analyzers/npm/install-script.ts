/**
 * npm/install-script: a dependency runs code when it is installed. npm runs preinstall, install and
 * postinstall for every registry dependency (and an implicit `node-gyp rebuild` when binding.gyp
 * exists); `prepare` runs only for git dependencies.
 */
import { NPM_ANALYZER_CODE } from './code.js';
import type { ComponentAnalyzer } from '../types.js';
import { installScriptRule } from './rules.js';
import { lineOfKey, makeFinding, stringRecord, tarballManifest } from './manifest.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

const LIFECYCLE = ['preinstall', 'install', 'postinstall'] as const;
/** Commands that only build native code from the package's own sources; still reported, at low. */
const NATIVE_BUILD =
  /^(node-gyp(-build)?( rebuild)?|prebuild-install( \|\| node-gyp rebuild.*)?|node-pre-gyp install.*|node-gyp-build(-optional)?|cmake-js compile)\s*$/;

export const installScriptAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: 'npm-install-script',
  version: '1.0.0',
  needs: { tarball: true },
  code: NPM_ANALYZER_CODE,
  rules: [installScriptRule],
  appliesTo: (c) => c.ecosystem === 'npm',
  analyze(ctx) {
    const c = ctx.component;
    const tm = tarballManifest(ctx.files);
    const scripts = stringRecord(tm?.json.scripts ?? ctx.manifest?.scripts);
    const isGit = /^git(\+|:)|^github:/.test(c.resolved ?? '');
    const names: string[] = [...LIFECYCLE, ...(isGit ? ['prepare'] : [])];
    const file = tm ? 'package.json' : undefined;
    const evidence = names
      .filter((n) => scripts[n] !== undefined)
      .map((n) => ({
        kind: 'file' as const,
        label: `scripts.${n}`,
        file,
        line: tm ? lineOfKey(tm.text, n) : undefined,
        field: `scripts.${n}`,
        excerpt: scripts[n],
      }));
    const hasGyp = ctx.files?.files.some((f) => f.path === 'binding.gyp') && !scripts.install && !scripts.preinstall;
    if (hasGyp) {
      evidence.push({
        kind: 'file',
        label: 'implicit install',
        file: 'binding.gyp',
        line: undefined,
        field: 'scripts.install',
        excerpt: 'node-gyp rebuild (implicit: binding.gyp present)',
      });
    }
    if (evidence.length === 0) return { findings: [] };
    const nativeOnly = evidence.every((e) => NATIVE_BUILD.test(e.excerpt ?? ''));
    const finding = makeFinding(installScriptRule, installScriptAnalyzer, c, {
      title: nativeOnly
        ? `${c.name}@${c.version} builds native code at install (${evidence.map((e) => e.label).join(', ')})`
        : `${c.name}@${c.version} runs ${evidence.map((e) => e.label).join(', ')} at install`,
      severity: nativeOnly ? 'low' : 'medium',
      evidence,
      explanation: nativeOnly
        ? "The install script only invokes a standard native-addon build tool; it still runs the package's build files with your rights."
        : 'npm runs this script automatically during install. Read it: it is the first thing to check when a release is suspicious.',
      remediation: 'Review the script; install with `--ignore-scripts` in CI and allow scripts per package (npm 11 `allowScripts`).',
    });
    return { findings: [finding], facts: { scripts: Object.fromEntries(evidence.map((e) => [e.label, e.excerpt])) } };
  },
};

export const INSTALL_SCRIPT_FACTS = defineFacts<{ scripts: Record<string, string> }>({
  key: installScriptAnalyzer.id,
  scope: 'component',
  version: 1,
  about: 'install-time scripts of a release, by event',
  is: (v): v is { scripts: Record<string, string> } => isObj(v) && isObj(v['scripts']),
});
