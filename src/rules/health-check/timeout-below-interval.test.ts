import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'health-check/timeout-below-interval';
const bad = () => readFixture('rules', 'health-check', 'timeout-below-interval', 'bad.json');

const classic = (hc: Record<string, unknown>) => ({
  Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
  Properties: { AvailabilityZones: ['us-east-1a'], Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' }], HealthCheck: hc },
});
const tg = (props: Record<string, unknown>) => ({
  Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  Properties: { Port: 80, Protocol: 'HTTP', VpcId: 'vpc-1', ...props },
});
const IS_PROD = { Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'prod'] } } };

describe(ID, () => {
  it('reports each bad pair at the timeout value, as an error, with the interval as related info', () => {
    const text = bad();
    const ds = lintFixture([ID], 'rules', 'health-check', 'timeout-below-interval', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['"10"', '30', '{"Ref": "HcTimeout"}', '40', '45', '"400"'],
    );
    assert.ok(ds.every((d) => d.severity === 'error'));
    const [swapped, equal, param, cond, dflt, tooLong] = ds;
    assert.match(swapped.message, /Timeout 10 s is not below Interval 5 s on load balancer 'SwappedLb'/);
    assert.match(swapped.message, /Health check interval must be greater than the timeout/);
    assert.equal(spanText(text, swapped.related![0]), '"5"');
    assert.match(equal.message, /Timeout 30 s is not below Interval 30 s/);
    assert.match(param.message, /Timeout 20 s \(default of parameter HcTimeout\) is not below Interval 10 s/);
    assert.match(param.message, /Give parameter HcTimeout a Default below 10/);
    assert.match(cond.message, /^HealthCheckTimeoutSeconds 40 s/);
    assert.match(cond.message, /HealthCheckTimeoutSeconds 40 s \(when condition IsProd is false\) is not below HealthCheckIntervalSeconds 30 s/);
    assert.match(dflt.message, /not below the default interval of 30 s \(HealthCheckIntervalSeconds is not set\) on target group 'DefaultIntervalTg'/);
    assert.equal(dflt.related, undefined);
    assert.match(tooLong.message, /HealthCheckTimeoutSeconds 400 s is not below HealthCheckIntervalSeconds 20 s/);
  });

  it('offers "swap" when swapping gives a valid pair, "set timeout" otherwise, never for parameters or Fn::If', () => {
    const ds = lint(bad(), [ID]);
    const titles = ds.map((d) => (d.fixes ?? []).map((f) => `${f.title}${f.isPreferred ? ' *' : ''}`));
    assert.deepEqual(titles, [
      ['Swap Timeout and Interval (Timeout "5", Interval "10") *'],
      ['Set Timeout to 29 *'],
      [],
      [],
      ['Set HealthCheckTimeoutSeconds to 29 *'],
      ['Set HealthCheckTimeoutSeconds to 19 *'],
    ]);
  });

  it('its quick fixes are minimal literal edits that remove the diagnostic and keep valid JSON', () => {
    const text = bad();
    let fixed = text;
    for (;;) {
      const d = lint(fixed, [ID]).find((x) => x.fixes?.length);
      if (!d) break;
      // Minimal: only the values change, nothing else on their lines.
      for (const e of d.fixes![0].edits) assert.ok(!e.newText.includes('\n'));
      fixed = applyEdits(fixed, d.fixes![0].edits);
    }
    const parsed = JSON.parse(fixed);
    const r = parsed.Resources;
    assert.deepEqual([r.SwappedLb.Properties.HealthCheck.Timeout, r.SwappedLb.Properties.HealthCheck.Interval], ['5', '10']);
    assert.equal(r.EqualLb.Properties.HealthCheck.Timeout, 29);
    assert.equal(r.DefaultIntervalTg.Properties.HealthCheckTimeoutSeconds, 29);
    assert.equal(r.TooLongTg.Properties.HealthCheckTimeoutSeconds, '19');
    // Left: the parameter default and the Fn::If branch, which have no fix.
    assert.deepEqual(
      lint(fixed, [ID]).map((d) => spanText(fixed, d)),
      ['{"Ref": "HcTimeout"}', '40'],
    );
  });

  it('is quiet on good pairs, unknown values, an interval without a timeout and the Lambda default of 35 s', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'health-check', 'timeout-below-interval', 'good.json'), []);
  });

  it('gives the chapter-12 template no timeout-below-interval (Interval 10, Timeout 5)', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });

  it('compares every Fn::If combination and names all conflicting intervals', () => {
    const text = template(
      { Tg: tg({ HealthCheckIntervalSeconds: { 'Fn::If': ['IsProd', 10, 30] }, HealthCheckTimeoutSeconds: { 'Fn::If': ['IsProd', 5, 20] } }) },
      IS_PROD,
    );
    const ds = lint(text, [ID]);
    // 5 < 10 and 5 < 30: fine; 20 >= 10 (one combination): reported once, at 20, related at 10.
    assert.equal(ds.length, 1);
    assert.equal(spanText(text, ds[0]), '20');
    assert.deepEqual(
      ds[0].related!.map((r) => spanText(text, r)),
      ['10'],
    );
    assert.equal(ds[0].fixes, undefined);

    const both = template({ Tg: tg({ HealthCheckIntervalSeconds: { 'Fn::If': ['IsProd', 10, 30] }, HealthCheckTimeoutSeconds: 60 }) }, IS_PROD);
    const d2 = lint(both, [ID]);
    assert.equal(d2.length, 1);
    assert.match(d2[0].message, /HealthCheckIntervalSeconds 10 s \(when condition IsProd is true\).*\(and 1 other possible HealthCheckIntervalSeconds value\)/);
    assert.deepEqual(
      d2[0].related!.map((r) => spanText(both, r)),
      ['10', '30'],
    );
  });

  it('follows Fn::FindInMap and says where the value came from', () => {
    const text = template(
      { Tg: tg({ HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: { 'Fn::FindInMap': ['Checks', 'prod', 'Timeout'] } }) },
      { Mappings: { Checks: { prod: { Timeout: 15 } } } },
    );
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /HealthCheckTimeoutSeconds 15 s \(from Fn::FindInMap Checks\.prod\.Timeout\) is not below HealthCheckIntervalSeconds 10 s/);
    assert.equal(ds[0].fixes, undefined);
  });

  it('checks both HealthCheck objects when Fn::If chooses between them', () => {
    const text = template(
      {
        Lb: classic({
          'Fn::If': [
            'IsProd',
            { Target: 'TCP:80', Interval: 10, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 2 },
            { Target: 'TCP:80', Interval: 10, Timeout: 15, HealthyThreshold: 2, UnhealthyThreshold: 2 },
          ],
        }),
      },
      IS_PROD,
    );
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(spanText(text, ds[0]), '15');
  });

  it('uses the interval default only for target groups, and only when the target type is known', () => {
    // A Classic HealthCheck without Interval: value-range reports the missing key; no guess here.
    assert.deepEqual(lint(template({ Lb: classic({ Target: 'TCP:80', Timeout: 50, HealthyThreshold: 2, UnhealthyThreshold: 2 }) }), [ID]), []);
    const lambda = template({ Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { TargetType: 'lambda', HealthCheckTimeoutSeconds: 35 } } });
    const ds = lint(lambda, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /default interval of 35 s/);
    const geneve = template({
      Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 6081, Protocol: 'GENEVE', VpcId: 'vpc-1', HealthCheckTimeoutSeconds: 10 } },
    });
    assert.match(lint(geneve, [ID])[0].message, /default interval of 10 s/);
    const unknownProtocol = template(
      {
        Tg: {
          Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          Properties: { Port: 6081, Protocol: { Ref: 'P' }, VpcId: 'vpc-1', HealthCheckTimeoutSeconds: 10 },
        },
      },
      { Parameters: { P: { Type: 'String' } } },
    );
    assert.deepEqual(lint(unknownProtocol, [ID]), []);
  });

  it('property: reports exactly the pairs with timeout >= interval, and the fix yields a valid pair', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 120 }), fc.integer({ min: 5, max: 300 }), fc.boolean(), (timeout, interval, asString) => {
        const v = (n: number) => (asString ? String(n) : n);
        const text = template({ Tg: tg({ HealthCheckIntervalSeconds: v(interval), HealthCheckTimeoutSeconds: v(timeout) }) });
        const ds = lint(text, [ID]);
        assert.equal(ds.length, timeout >= interval ? 1 : 0);
        if (ds.length === 0) return;
        const fix = ds[0].fixes![0];
        const fixed = JSON.parse(applyEdits(text, fix.edits)).Resources.Tg.Properties;
        const t = Number(fixed.HealthCheckTimeoutSeconds);
        const i = Number(fixed.HealthCheckIntervalSeconds);
        assert.ok(t < i && t >= 2 && t <= 120 && i >= 5 && i <= 300, `${fix.title} -> ${t}/${i}`);
        assert.equal(typeof fixed.HealthCheckTimeoutSeconds, asString ? 'string' : 'number');
      }),
      { numRuns: 300 },
    );
  });
});
