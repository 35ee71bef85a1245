import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';
import { checkTarget } from './target-format';

const ID = 'health-check/target-format';

describe(ID, () => {
  it('points at the offending part inside the Target string', () => {
    const text = readFixture('rules', 'health-check', 'target-format', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'health-check', 'target-format', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['80', '/', 'FTP', '70000', 'HTTP80/index.html', ':', 'index.html', '{"Ref": "SslTarget"}', '"TC\\u0050:80/x"'],
    );
    assert.ok(ds.every((d) => d.severity === 'error'));
    const m = ds.map((d) => d.message);
    assert.match(m[0], /"HTTP:80" of load balancer 'NoPathLb' is an HTTP check without a ping path/);
    assert.match(m[1], /TCP check with a path .*take no path.*Write "TCP:80"/);
    assert.match(m[2], /has protocol 'FTP'; a health check uses TCP, SSL, HTTP or HTTPS/);
    assert.match(m[3], /has port 70000; a port is 1–65535/);
    assert.match(m[4], /is not PROTOCOL:PORT\[\/PATH\]/);
    assert.match(m[5], /has no port after 'HTTP:'/);
    assert.match(m[6], /does not start with '\/'.*"HTTP:80\/index.html"/);
    assert.match(m[7], /"SSL:443\/status" \(default of parameter SslTarget\) .*an SSL check with a path/);
    // An escape before the offending part: the whole literal, not a guessed sub-range.
    assert.match(m[8], /"TCP:80\/x" of load balancer 'EscapedLb' is a TCP check with a path/);
  });

  it('fixes a missing HTTP path and a TCP path with literal edits inside the string', () => {
    const text = readFixture('rules', 'health-check', 'target-format', 'bad.json');
    const ds = lint(text, [ID]);
    const withFix = ds.filter((d) => d.fixes?.length);
    // NoPathLb and TcpWithPathLb; not the parameter default, not the escaped literal.
    assert.equal(withFix.length, 2);
    let fixed = text;
    for (;;) {
      const d = lint(fixed, [ID]).find((x) => x.fixes?.length);
      if (!d) break;
      fixed = applyEdits(fixed, d.fixes![0].edits);
    }
    const r = JSON.parse(fixed).Resources;
    assert.equal(r.NoPathLb.Properties.HealthCheck.Target, 'HTTP:80/');
    assert.equal(r.TcpWithPathLb.Properties.HealthCheck.Target, 'TCP:80');
    assert.equal(lint(fixed, [ID]).length, ds.length - 2);
  });

  it('accepts well-formed targets in any case, Fn::Sub and Fn::If values, and stays quiet on unknown ones', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'health-check', 'target-format', 'good.json'), []);
  });

  it('gives the chapter-12 template no target-format ("HTTP:80/index.html")', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });

  it('parses targets: protocol, port, path rules and the 1024-character limit', () => {
    assert.deepEqual(checkTarget('HTTP:80/index.html'), []);
    assert.deepEqual(checkTarget('ssl:443'), []);
    assert.equal(checkTarget('TCP:0').length, 1);
    assert.equal(checkTarget(':80').length, 1);
    assert.match(checkTarget(':80')[0].message, /no protocol/);
    assert.equal(checkTarget('HTTP:80/' + 'a'.repeat(1020)).length, 1);
    assert.deepEqual(checkTarget('HTTP:80/' + 'a'.repeat(1016)), []);
    // Several problems in one target are all reported.
    assert.equal(checkTarget('FTP:99999/x').length, 2);
  });
});
