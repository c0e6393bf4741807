import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authFor, authorizationFor, loadRegistryConfig, registryFor } from '../../src/sources/npm/config.js';
import { expandEnv } from '../../src/sources/npm/npmrc.js';
import { isVigilError } from '../../src/core/errors.js';

function layout(project?: string, user?: string) {
  const root = mkdtempSync(join(tmpdir(), 'vigil-npmrc-'));
  const proj = join(root, 'proj');
  const home = join(root, 'home');
  mkdirSync(join(proj, 'sub'), { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(join(proj, 'package.json'), '{}');
  if (project !== undefined) writeFileSync(join(proj, '.npmrc'), project);
  if (user !== undefined) writeFileSync(join(home, '.npmrc'), user);
  return { root, proj, home };
}

const NO_GLOBAL = '/nonexistent/vigil-test-global-npmrc';

const noNpm = async () => {
  throw new Error('npm must not be asked in this test');
};

describe('registry config', () => {
  test('precedence: --registry > npm_config_registry > project .npmrc > user .npmrc, with sources', async () => {
    const { proj, home } = layout('registry=http://127.0.0.1:1/project/\n', 'registry=http://127.0.0.1:1/user/\n');
    const base = { projectDir: join(proj, 'sub'), home, npmConfigGet: noNpm, globalConfigPath: NO_GLOBAL };
    let c = await loadRegistryConfig({ ...base, env: {} });
    assert.equal(c.registry.value, 'http://127.0.0.1:1/project/');
    assert.equal(c.registry.source, join(proj, '.npmrc'), 'project .npmrc found from a subdirectory');
    c = await loadRegistryConfig({ ...base, env: { NPM_CONFIG_REGISTRY: 'http://127.0.0.1:1/env' } });
    assert.equal(c.registry.value, 'http://127.0.0.1:1/env/', 'normalized with a trailing slash');
    assert.equal(c.registry.source, 'env');
    c = await loadRegistryConfig({
      ...base,
      env: { npm_config_registry: 'http://127.0.0.1:1/env/' },
      registry: 'http://127.0.0.1:1/flag/',
    });
    assert.equal(c.registry.value, 'http://127.0.0.1:1/flag/');
    assert.equal(c.registry.source, 'flag --registry');
  });

  test('the global npmrc is the lowest layer; NPM_CONFIG_GLOBALCONFIG points at it', async () => {
    const { proj, home, root } = layout(undefined, '@acme:registry=http://127.0.0.1:1/user-acme/\n');
    const globalRc = join(root, 'global-npmrc');
    writeFileSync(globalRc, 'registry=http://127.0.0.1:1/global/\n@acme:registry=http://127.0.0.1:1/global-acme/\n');
    const c = await loadRegistryConfig({ projectDir: proj, home, env: { NPM_CONFIG_GLOBALCONFIG: globalRc }, npmConfigGet: noNpm });
    assert.equal(c.registry.value, 'http://127.0.0.1:1/global/');
    assert.equal(c.registry.source, globalRc);
    assert.equal(c.scopes['@acme']?.value, 'http://127.0.0.1:1/user-acme/', 'user beats global');
  });

  test('user .npmrc is used when the project has none, and NPM_CONFIG_USERCONFIG moves it', async () => {
    const { proj, home, root } = layout(undefined, 'registry=http://127.0.0.1:1/user/\n');
    let c = await loadRegistryConfig({ projectDir: proj, home, env: {}, npmConfigGet: noNpm, globalConfigPath: NO_GLOBAL });
    assert.equal(c.registry.value, 'http://127.0.0.1:1/user/');
    const other = join(root, 'other-npmrc');
    writeFileSync(other, 'registry=http://127.0.0.1:1/other/\n');
    c = await loadRegistryConfig({
      projectDir: proj,
      home,
      env: { NPM_CONFIG_USERCONFIG: other },
      npmConfigGet: noNpm,
      globalConfigPath: NO_GLOBAL,
    });
    assert.equal(c.registry.value, 'http://127.0.0.1:1/other/');
    assert.equal(c.registry.source, other);
  });

  test('scoped registries, ${ENV} tokens, and a token goes only to its own host', async () => {
    const { proj, home } = layout(
      [
        'registry=http://127.0.0.1:1001/',
        '@acme:registry=http://127.0.0.1:1002/npm/',
        '//127.0.0.1:1002/npm/:_authToken=${ACME_TOKEN}',
      ].join('\n'),
      '//127.0.0.1:1001/:_auth=dXNlcjpwYXNz\n',
    );
    const c = await loadRegistryConfig({
      projectDir: proj,
      home,
      env: { ACME_TOKEN: 's3cret' },
      npmConfigGet: noNpm,
      globalConfigPath: NO_GLOBAL,
    });
    assert.equal(registryFor(c, '@acme/widget'), 'http://127.0.0.1:1002/npm/');
    assert.equal(registryFor(c, '@other/widget'), 'http://127.0.0.1:1001/');
    assert.equal(registryFor(c, 'plain'), 'http://127.0.0.1:1001/');
    assert.equal(authorizationFor(c, 'http://127.0.0.1:1002/npm/@acme%2fwidget'), 'Bearer s3cret');
    assert.equal(authorizationFor(c, 'http://127.0.0.1:1001/plain'), 'Basic dXNlcjpwYXNz');
    assert.equal(authorizationFor(c, 'http://127.0.0.1:1003/npm/@acme%2fwidget'), undefined, 'other port, other host');
    assert.equal(authorizationFor(c, 'http://127.0.0.1:1002/elsewhere/x.tgz'), undefined, 'outside the token path');
    assert.equal(authFor(c, 'http://127.0.0.1:1002/npm/x')?.source, join(proj, '.npmrc'));
  });

  test('username + base64 _password become Basic auth', async () => {
    const { proj, home } = layout(
      `registry=http://127.0.0.1:1/\n//127.0.0.1:1/:username=alice\n//127.0.0.1:1/:_password=${Buffer.from('pw').toString('base64')}\n`,
    );
    const c = await loadRegistryConfig({ projectDir: proj, home, env: {}, npmConfigGet: noNpm, globalConfigPath: NO_GLOBAL });
    assert.equal(authorizationFor(c, 'http://127.0.0.1:1/x'), `Basic ${Buffer.from('alice:pw').toString('base64')}`);
  });

  test('an unset ${VAR} in .npmrc is E_CONFIG naming the file; ${VAR?} is allowed', async () => {
    const { proj, home } = layout('registry=http://127.0.0.1:1/\n//127.0.0.1:1/:_authToken=${NOPE}\n');
    await assert.rejects(
      loadRegistryConfig({ projectDir: proj, home, env: {}, npmConfigGet: noNpm, globalConfigPath: NO_GLOBAL }),
      (e: unknown) => isVigilError(e, 'E_CONFIG') && e.message.includes('NOPE') && e.message.includes(join(proj, '.npmrc')),
    );
    assert.equal(expandEnv('a${X?}b', {}, 'f'), 'ab');
    assert.equal(expandEnv('a\\${X}b', {}, 'f'), 'a${X}b');
  });

  test('proxy settings from the environment, .npmrc https-proxy wins', async () => {
    const { proj, home } = layout('registry=http://127.0.0.1:1/\n');
    let c = await loadRegistryConfig({
      projectDir: proj,
      home,
      env: { HTTPS_PROXY: 'http://127.0.0.1:3128', HTTP_PROXY: 'http://127.0.0.1:3129', NO_PROXY: 'internal.example' },
      npmConfigGet: noNpm,
      globalConfigPath: NO_GLOBAL,
    });
    assert.deepEqual(c.proxy.https, { value: 'http://127.0.0.1:3128', source: 'env HTTPS_PROXY' });
    assert.deepEqual(c.proxy.http, { value: 'http://127.0.0.1:3129', source: 'env HTTP_PROXY' });
    assert.equal(c.proxy.noProxy?.value, 'internal.example');
    const { proj: p2, home: h2 } = layout('registry=http://127.0.0.1:1/\nhttps-proxy=http://127.0.0.1:4000\n');
    c = await loadRegistryConfig({
      projectDir: p2,
      home: h2,
      env: { https_proxy: 'http://127.0.0.1:3128' },
      npmConfigGet: noNpm,
      globalConfigPath: NO_GLOBAL,
    });
    assert.equal(c.proxy.https?.value, 'http://127.0.0.1:4000');
  });

  test('nothing configured: asks `npm config get registry`; if that fails, E_CONFIG with a hint', async () => {
    const { proj, home } = layout();
    const asked: string[] = [];
    const c = await loadRegistryConfig({
      projectDir: proj,
      home,
      env: {},
      globalConfigPath: NO_GLOBAL,
      npmConfigGet: async (k) => {
        asked.push(k);
        return 'http://127.0.0.1:7/\n';
      },
    });
    assert.deepEqual(asked, ['registry']);
    assert.equal(c.registry.value, 'http://127.0.0.1:7/');
    assert.equal(c.registry.source, 'npm config get registry');
    await assert.rejects(
      loadRegistryConfig({
        projectDir: proj,
        home,
        env: {},
        globalConfigPath: NO_GLOBAL,
        npmConfigGet: async () => Promise.reject(new Error('ENOENT npm')),
      }),
      (e: unknown) => isVigilError(e, 'E_CONFIG') && /--registry/.test(e.hint ?? ''),
    );
  });

  test('a registry that is not an http(s) URL is E_CONFIG naming its source', async () => {
    const { proj, home } = layout('registry=ftp://127.0.0.1/\n');
    await assert.rejects(
      loadRegistryConfig({ projectDir: proj, home, env: {}, npmConfigGet: noNpm, globalConfigPath: NO_GLOBAL }),
      (e: unknown) => isVigilError(e, 'E_CONFIG') && e.message.includes('.npmrc'),
    );
  });
});
