import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'load-balancer/listener-protocol';

describe(ID, () => {
  it('flags Classic and ELBv2 listener protocols and target protocols, naming both ends', () => {
    const text = readFixture('rules', 'load-balancer', 'listener-protocol', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'load-balancer', 'listener-protocol', 'bad.json');
    assert.ok(ds.every((d) => d.severity === 'error'));
    const by = (re: RegExp) => {
      const found = ds.filter((d) => re.test(d.message));
      assert.equal(found.length, 1, `one diagnostic matching ${re}: ${ds.map((d) => d.message).join('\n')}`);
      return found[0];
    };
    const pairing = by(/listener 80\/HTTP of 'Classic' receives HTTP but sends TCP/);
    assert.equal(spanText(text, pairing), '"TCP"');
    assert.equal(spanText(text, pairing.related![0]), '"HTTP"');
    assert.equal(spanText(text, by(/uses protocol FTP; a Classic listener's Protocol is HTTP, HTTPS, TCP or SSL/)), '"FTP"');

    const wrongType = by(/Listener 'AlbTcpListener' uses protocol TCP, but it belongs to Application Load Balancer 'Alb', which listens on HTTP, HTTPS/);
    assert.equal(spanText(text, wrongType), '"TCP"');
    assert.match(wrongType.related![0].message, /Type not set: application/);
    const tg = by(/'AlbToTcpTargets' \(HTTP\) on Application Load Balancer 'Alb' forwards to target group 'TcpTargets', which uses protocol TCP/);
    assert.match(spanText(text, tg), /"Ref": "TcpTargets"/);
    assert.equal(spanText(text, tg.related![0]), '"TCP"');
    assert.equal(ds.length, 4);
  });

  it('is quiet for valid listeners, lambda targets and unknown protocols', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'load-balancer', 'listener-protocol', 'good.json'), []);
  });

  it('is quiet on the chapter-12 template (HTTP to HTTP on port 80)', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });
});
