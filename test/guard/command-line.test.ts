/** Which package-manager command lines guard analyses, and what they would fetch. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initializerPackage, parseInvocation } from '../../src/app/guard/command-line.js';
import { isVigilError } from '../../src/core/errors.js';

describe('parseInvocation', () => {
  test('npm installs into the project are planned in a copy; flags and their values are not package specs', () => {
    assert.deepEqual(parseInvocation(['npm', 'install', '-D', 'left-pad']), {
      kind: 'project',
      tool: 'npm',
      sub: 'install',
      args: ['install', '-D', 'left-pad'],
    });
    assert.equal(parseInvocation(['npm', '--registry', 'http://127.0.0.1:1/', 'i', 'x']).kind, 'project');
    assert.equal(parseInvocation(['npm', 'update']).kind, 'project');
    assert.equal(parseInvocation(['npm', 'add', 'x']).kind, 'project');
  });

  test('npm ci installs the lockfile as it is (frozen)', () => {
    assert.equal(parseInvocation(['npm', 'ci']).kind, 'frozen');
    assert.equal(parseInvocation(['npm', 'clean-install', '--omit', 'dev']).kind, 'frozen');
  });

  test('npx, npm exec, npm init/create and global installs fetch packages outside the project', () => {
    assert.deepEqual(parseInvocation(['npx', '--yes', 'cowsay', 'moo']), {
      kind: 'fetch',
      tool: 'npx',
      specs: ['cowsay'],
      args: ['--yes', 'cowsay', 'moo'],
    });
    assert.deepEqual(
      parseInvocation(['npx', '-p', 'typescript@5', '-p', 'ts-node', 'ts-node', 'x.ts']).kind === 'fetch' &&
        (parseInvocation(['npx', '-p', 'typescript@5', '-p', 'ts-node', 'ts-node', 'x.ts']) as { specs: string[] }).specs,
      ['typescript@5', 'ts-node'],
    );
    assert.deepEqual((parseInvocation(['npx', '--package=@s/tool@1', 'tool']) as { specs: string[] }).specs, ['@s/tool@1']);
    assert.deepEqual((parseInvocation(['npm', 'exec', '--', 'eslint', '.']) as { specs: string[] }).specs, ['eslint']);
    assert.deepEqual((parseInvocation(['npm', 'init', 'vite@latest', 'my-app']) as { specs: string[] }).specs, ['create-vite@latest']);
    assert.deepEqual((parseInvocation(['npm', 'install', '-g', 'serve']) as { specs: string[] }).specs, ['serve']);
    assert.deepEqual((parseInvocation(['pnpm', 'dlx', 'degit', 'a/b']) as { specs: string[] }).specs, ['degit']);
  });

  test('commands that install nothing pass through', () => {
    for (const argv of [
      ['npm', 'run', 'build'],
      ['npm', 'test'],
      ['npm', '--version'],
      ['npm', 'view', 'x'],
      ['pnpm', 'exec', 'tsc'],
      ['yarn', 'run', 'x'],
      ['npm', 'init'],
    ]) {
      assert.equal(parseInvocation(argv).kind, 'passthrough', argv.join(' '));
    }
  });

  test('pnpm / yarn / bun installs; frozen-lockfile flags make them frozen', () => {
    assert.equal(parseInvocation(['pnpm', 'add', 'x']).kind, 'project');
    assert.equal(parseInvocation(['pnpm', 'install', '--frozen-lockfile']).kind, 'frozen');
    assert.equal(parseInvocation(['yarn', 'add', 'x']).kind, 'project');
    assert.equal(parseInvocation(['yarn', 'install', '--immutable']).kind, 'frozen');
    assert.equal(parseInvocation(['bun', 'add', 'x']).kind, 'project');
  });

  test('other programs and an empty command are usage errors', () => {
    assert.throws(
      () => parseInvocation(['curl', 'x']),
      (e) => isVigilError(e, 'E_USAGE') && /guard wraps npm, npx, pnpm, yarn, bun/.test(e.message),
    );
    assert.throws(
      () => parseInvocation([]),
      (e) => isVigilError(e, 'E_USAGE'),
    );
  });

  test('npm init initializers map to create-* packages', () => {
    assert.equal(initializerPackage('react-app'), 'create-react-app');
    assert.equal(initializerPackage('@vitejs'), '@vitejs/create');
    assert.equal(initializerPackage('@s/app'), '@s/create-app');
  });
});
