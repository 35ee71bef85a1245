import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'load-balancer/http-not-redirected';

describe(ID, () => {
  it('reports HTTP listeners that forward beside an HTTPS listener of an internet-facing ALB', () => {
    const text = readFixture('rules', 'load-balancer', 'http-not-redirected', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'load-balancer', 'http-not-redirected', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['"forward"', '"forward"', '"forward"'],
    );
    assert.match(ds[0].message, /^HTTP listener 'Http' of internet-facing 'Alb' forwards requests instead of redirecting them to HTTPS listener 'Https'/);
    assert.match(ds[1].message, /redirect to HTTPS port 8443/);
    assert.equal(spanText(text, ds[0].related![0]), '"HTTPS"');
    // Its rules redirect every path, but a rule with a smaller priority number forwards /api/* first.
    assert.match(ds[2].message, /^HTTP listener 'RuledHttp' /);
  });

  it('never reports a redirect-only HTTP listener, one whose rules redirect every path first, an internal or HTTP-only load balancer, or an unknown Scheme', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'load-balancer', 'http-not-redirected', 'good.json'), []);
  });

  it('its quick fix makes the default action a 301 redirect to the HTTPS port, in JSON and YAML', () => {
    for (const file of ['bad.json', 'bad.yaml']) {
      let text = readFixture('rules', 'load-balancer', 'http-not-redirected', file);
      const ds = lint(text, [ID]);
      // Preferred only where the HTTPS listener still reaches the HTTP listener's target groups.
      assert.deepEqual(
        ds.map((d) => d.fixes?.[0].isPreferred),
        [true, false, true],
        file,
      );
      for (const d of ds.sort((a, b) => b.span.offset - a.span.offset)) text = applyEdits(text, d.fixes![0].edits);
      assert.deepEqual(lint(text, [ID]), [], file);
      if (file.endsWith('.json')) {
        const r = JSON.parse(text).Resources;
        assert.deepEqual(r.Http.Properties.DefaultActions, [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }]);
        assert.equal(r.PublicHttp.Properties.DefaultActions[0].RedirectConfig.Port, '8443');
      } else assert.match(text, /StatusCode: HTTP_301/);
    }
  });
});
