/** .mailmap and heuristic identity merging; truck factor, absence/elephant factor, decline. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeHistory } from '../../src/analyzers/history/analyze.js';
import { doa } from '../../src/analyzers/history/truck-factor.js';
import { day, FixtureRepo, type Who } from './fixture-repo.js';

const repos: FixtureRepo[] = [];
after(() => {
  for (const r of repos) r.remove();
});
const mk = () => {
  const r = new FixtureRepo();
  repos.push(r);
  return r;
};

describe('identities', () => {
  test('.mailmap, same e-mail and same full name merge one person; generic identities do not', async () => {
    const r = mk();
    const old: Who = { name: 'J. Doe', email: 'jd@old.example' };
    const neu: Who = { name: 'Jane Doe', email: 'jane@new.example' };
    const lower: Who = { name: 'jane', email: 'JANE@new.example' };
    const other: Who = { name: 'Jane Doe', email: 'jane.doe@third.example' };
    const root1: Who = { name: 'root', email: 'root@localhost' };
    const root2: Who = { name: 'Someone Else', email: 'root@localhost' };
    r.commit(old, day('2019-01-01'), 'a', { '.mailmap': 'Jane Doe <jane@new.example> J. Doe <jd@old.example>\n' });
    r.commit(neu, day('2019-02-01'), 'b');
    r.commit(lower, day('2019-03-01'), 'c');
    r.commit(other, day('2019-04-01'), 'd');
    r.commit(root1, day('2019-05-01'), 'e');
    r.commit(root2, day('2019-06-01'), 'f');
    const a = await analyzeHistory(r.dir);
    const jane = a.facts.people.filter((p) =>
      p.emails.some((e) => e.includes('new.example') || e.includes('old.example') || e.includes('third')),
    );
    assert.equal(jane.length, 1, JSON.stringify(a.facts.people.map((p) => p.emails)));
    assert.equal(jane[0]!.commitsAuthored, 4);
    assert.equal(jane[0]!.name, 'Jane Doe');
    assert.equal(jane[0]!.firstActivity, '2019-01-01');
    assert.equal(a.facts.people.length, 3, 'root and Someone Else stay apart');
  });
});

describe('fragility', () => {
  test('a single maintainer in decline: truck factor 1, dominant, elephant factor 1, decline', async () => {
    const r = mk();
    const solo: Who = { name: 'Solo Person', email: 'solo@solo.example' };
    let n = 0;
    for (let y = 2010; y <= 2020; y++) {
      const per = y <= 2013 ? 32 : y <= 2017 ? 10 : 4;
      for (let k = 0; k < per; k++) r.commit(solo, day(`${y}-01-01`, k * 10), `c${n}`, { [`src/f${n++ % 6}.c`]: `int v = ${n};\n` });
    }
    const a = await analyzeHistory(r.dir);
    const rules = a.findings.map((f) => f.rule).sort();
    assert.deepEqual(rules, [
      'history/dominant-contributor',
      'history/elephant-factor-one',
      'history/maintainer-activity-decline',
      'history/truck-factor-one',
    ]);
    assert.equal(a.facts.truckFactor?.value, 1);
    assert.equal(a.facts.fragility?.absenceFactor, 1);
    const decline = a.facts.fragility?.topMaintainer?.decline;
    assert.equal(decline?.peakCommits, 32);
    assert.equal(decline?.lastTwoYears, 8);
  });

  test('three maintainers sharing files: no truck-factor-one, no high findings', async () => {
    const r = mk();
    const team: Who[] = [
      { name: 'Ann A', email: 'ann@corp.example' },
      { name: 'Bob B', email: 'bob@other.example' },
      { name: 'Cy C', email: 'cy@third.example' },
    ];
    let n = 0;
    for (let y = 2015; y <= 2020; y++) {
      for (const [i, w] of team.entries()) {
        for (let k = 0; k < 3; k++)
          r.commit(w, day(`${y}-0${i + 1}-01`, k), `c${n}`, { [`${['lib', 'cli', 'docs'][i]}/f${k}.js`]: `x${n++}\n` });
      }
    }
    const a = await analyzeHistory(r.dir);
    assert.ok(a.facts.truckFactor!.value >= 2, `truck factor ${a.facts.truckFactor?.value}`);
    assert.equal(a.facts.fragility?.absenceFactor, 2);
    assert.equal(a.facts.fragility?.elephantFactor, 2);
    assert.deepEqual(
      a.findings.filter((f) => f.severity !== 'info' && f.severity !== 'low'),
      [],
    );
  });

  test('degree-of-authorship formula (Avelino et al. 2016)', () => {
    assert.equal(doa(1, 0, 0), 3.293 + 1.098);
    assert.ok(Math.abs(doa(0, 10, 20) - (3.293 + 1.64 - 0.321 * Math.log(21))) < 1e-9);
  });
});
