import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPostgresUrl, maskPostgresUrl } from '../../src/store/postgres/url.js';
import { openStore } from '../../src/store/open.js';
import { isVigilError } from '../../src/core/errors.js';

test('postgres connection strings are recognised by scheme; paths are not', () => {
  assert.ok(isPostgresUrl('postgres://h/db'));
  assert.ok(isPostgresUrl('PostgreSQL://u@h:5432/db'));
  assert.ok(!isPostgresUrl('/var/cache/vigil.db'));
  assert.ok(!isPostgresUrl('postgres.db'));
  assert.ok(!isPostgresUrl(undefined));
});

test('the password is masked wherever it sits, and nothing else changes', () => {
  assert.equal(maskPostgresUrl('postgres://vigil:s3cret@db.invalid:5432/vigil'), 'postgres://vigil:***@db.invalid:5432/vigil');
  assert.equal(
    maskPostgresUrl('postgres://vigil:p@ss/w0rd@db.invalid/vigil?sslmode=require'),
    'postgres://vigil:***@db.invalid/vigil?sslmode=require',
  );
  assert.equal(
    maskPostgresUrl('postgresql://db.invalid/vigil?user=v&password=hunter2&sslmode=require'),
    'postgresql://db.invalid/vigil?user=v&password=***&sslmode=require',
  );
  assert.equal(maskPostgresUrl('postgres://vigil@db.invalid/vigil'), 'postgres://vigil@db.invalid/vigil');
});

test('an unreachable PostgreSQL store is E_STORE with a hint, and its message never holds the password', () => {
  assert.throws(
    () => openStore({ path: 'postgres://vigil:Sup3rSecretPw@127.0.0.1:1/vigil' }),
    (e: unknown) =>
      isVigilError(e, 'E_STORE') &&
      e.message.includes('postgres://vigil:***@127.0.0.1:1/vigil') &&
      !`${e.message} ${e.hint ?? ''} ${e.file ?? ''}`.includes('Sup3rSecretPw') &&
      /running/.test(e.hint ?? ''),
  );
});
