import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage } from '../../src/sources/discussions/parse-message.js';
import { parseMailDate, parseMessageIds, normalizeSubject } from '../../src/sources/discussions/header-values.js';
import { decodeWords, parseMailbox, parseHeaderBlock } from '../../src/sources/discussions/mime-headers.js';
import { decodeQuotedPrintable } from '../../src/sources/discussions/mime-body.js';
import { DEFAULT_LIMITS } from '../../src/sources/discussions/types.js';

const parse = (raw: string) => parseMessage(Buffer.from(raw, 'latin1'), { file: 't.eml', format: 'mbox' }, DEFAULT_LIMITS);

describe('headers', () => {
  test('folded headers are unfolded', () => {
    const f = parseHeaderBlock(Buffer.from('Subject: a long\n  subject line\nX-A: 1\n'));
    assert.equal(f[0]!.value, 'a long subject line');
    assert.equal(f[1]!.key, 'x-a');
  });
  test('RFC 2047 B and Q words, adjacent words joined, bad base64 kept', () => {
    assert.equal(decodeWords('=?UTF-8?B?w6lsw6k=?= =?ISO-8859-1?Q?caf=E9_au_lait?='), 'élécafé au lait');
    assert.equal(decodeWords('=?UTF-8?B?@@@?= x'), '=?UTF-8?B?@@@?= x');
  });
  test('mailbox forms', () => {
    assert.deepEqual(parseMailbox('"Doe, Jane" <Jane@Example.ORG>'), { name: 'Doe, Jane', address: 'jane@example.org' });
    assert.deepEqual(parseMailbox('jane@example.org (Jane Doe)'), { name: 'Jane Doe', address: 'jane@example.org' });
    assert.deepEqual(parseMailbox('Jigar Kumar'), { name: 'Jigar Kumar', address: '' });
    assert.deepEqual(parseMailbox('=?UTF-8?Q?J=C3=BCrgen?= <j@x.org>'), { name: 'Jürgen', address: 'j@x.org' });
  });
  test('message ids and subjects', () => {
    assert.deepEqual(parseMessageIds('<a@b> <c@d>\n <e@f>'), ['a@b', 'c@d', 'e@f']);
    assert.deepEqual(parseMessageIds('bare@id.example'), ['bare@id.example']);
    assert.equal(normalizeSubject('Re: AW: [xz-devel] Re: XZ for Java'), 'xz for java');
  });
});

describe('dates', () => {
  test('numeric zone kept as offset', () => {
    assert.deepEqual(parseMailDate('Tue, 07 Jun 2022 09:00:18 -0700'), { iso: '2022-06-07T16:00:18.000Z', tzOffset: -420 });
  });
  test('named zone, comment, two-digit year, no seconds', () => {
    assert.deepEqual(parseMailDate('Wed, 05 Jan 22 10:00 EST (Eastern)'), { iso: '2022-01-05T15:00:00.000Z', tzOffset: -300 });
  });
  test('garbage and implausible years are rejected', () => {
    assert.equal(parseMailDate('not a date'), undefined);
    assert.equal(parseMailDate('Mon, 1 Jan 1901 00:00:00 +0000'), undefined);
  });
});

describe('bodies', () => {
  test('quoted-printable soft breaks and bad escapes', () => {
    assert.equal(decodeQuotedPrintable(Buffer.from('a=\nb =3D =ZZ')).toString(), 'ab = =ZZ');
  });
  test('base64 body in a declared charset', () => {
    const m = parse(
      'From: a@b.c\nMessage-ID: <1@b>\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n' +
        Buffer.from('caf\xe9', 'latin1').toString('base64') +
        '\n',
    );
    assert.equal(m.body, 'café');
  });
  test('multipart/alternative prefers text/plain, attachments are not read', () => {
    const m = parse(
      'From: a@b.c\nMessage-ID: <2@b>\nContent-Type: multipart/mixed; boundary="o"\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n--i\nContent-Type: text/html\n\n<p>H</p>\n--i\nContent-Type: text/plain\n\nplain\n--i--\n--o\nContent-Type: text/plain\nContent-Disposition: attachment\n\nsecret\n--o--\n',
    );
    assert.equal(m.body, 'plain');
  });
  test('HTML-only mail is reduced to text', () => {
    const m = parse('From: a@b.c\nMessage-ID: <3@b>\nContent-Type: text/html\n\n<p>Is this <b>dead</b>?</p><script>x()</script>');
    assert.match(m.body, /Is this dead\?/);
    assert.doesNotMatch(m.body, /x\(\)/);
  });
  test('unknown charset falls back without throwing', () => {
    const m = parse('From: a@b.c\nMessage-ID: <4@b>\nContent-Type: text/plain; charset=x-klingon\n\nplain \xe9');
    assert.equal(m.body, 'plain é');
  });
  test('missing Message-ID gets a stable synthetic id', () => {
    const a = parse('From: a@b.c\nSubject: x\n\nbody');
    const b = parse('From: a@b.c\nSubject: x\n\nbody');
    assert.equal(a.syntheticId, true);
    assert.match(a.id, /^vigil-[0-9a-f]{24}@missing$/);
    assert.equal(a.id, b.id);
  });
  test('a block with no mail headers is refused with its place', () => {
    assert.throws(() => parseMessage(Buffer.from('just text\n'), { file: 'x.mbox', line: 7, format: 'mbox' }, DEFAULT_LIMITS), /x\.mbox:7/);
  });
});
