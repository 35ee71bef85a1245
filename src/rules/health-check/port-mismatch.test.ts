import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'health-check/port-mismatch';

describe(ID, () => {
  it('warns when the checked port is not a port the listeners send to, with the listener as related info', () => {
    const text = readFixture('rules', 'health-check', 'port-mismatch', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'health-check', 'port-mismatch', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['80', '22', '{"Ref": "HealthTarget"}', '"8081"', '9000'],
    );
    assert.ok(ds.every((d) => d.severity === 'warning'));
    const [classic, two, param, tg, paramTg] = ds;
    assert.match(classic.message, /"HTTP:80\/health" of load balancer 'ClassicLb' checks port 80, but its listeners send traffic to instance port 8080/);
    assert.match(classic.message, /no listener sends traffic to/);
    assert.deepEqual(
      classic.related!.map((r) => [spanText(text, r), r.message]),
      [['"8080"', 'Listener 80/HTTP sends traffic to instance port 8080']],
    );
    assert.match(two.message, /instance port 80 or 8443/);
    assert.equal(two.related!.length, 2);
    assert.equal(two.fixes, undefined);
    assert.match(param.message, /"HTTP:8081\/" \(default of parameter HealthTarget\)/);
    assert.equal(param.fixes, undefined);
    assert.match(tg.message, /HealthCheckPort 8081 of target group 'WebTg' differs from its traffic port 8080 \(Port\)/);
    assert.deepEqual(
      tg.related!.map((r) => spanText(text, r)),
      ['8080', '80'],
    );
    assert.match(tg.related![1].message, /HttpListener forwards traffic to target group 'WebTg'/);
    assert.match(paramTg.related![0].message, /8080 \(default of parameter AppPort\)/);
  });

  it('its fixes check the instance port / the traffic port', () => {
    const text = readFixture('rules', 'health-check', 'port-mismatch', 'bad.json');
    let fixed = text;
    for (;;) {
      const d = lint(fixed, [ID]).find((x) => x.fixes?.length);
      if (!d) break;
      assert.equal(d.fixes!.length, 1);
      fixed = applyEdits(fixed, d.fixes![0].edits);
    }
    const r = JSON.parse(fixed).Resources;
    assert.equal(r.ClassicLb.Properties.HealthCheck.Target, 'HTTP:8080/health');
    assert.equal(r.WebTg.Properties.HealthCheckPort, 'traffic-port');
    assert.equal(r.ParameterPortTg.Properties.HealthCheckPort, 'traffic-port');
    // Left: the listener pair with two instance ports, and the parameter default.
    assert.deepEqual(
      lint(fixed, [ID]).map((d) => spanText(fixed, d)),
      ['22', '{"Ref": "HealthTarget"}'],
    );
  });

  it('is quiet when the ports match, use traffic-port, or cannot be resolved', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'health-check', 'port-mismatch', 'good.json'), []);
  });

  it('gives the chapter-12 template no port-mismatch (checks HTTP:80, its listener sends to 80)', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });
});
