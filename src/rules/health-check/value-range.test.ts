import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'health-check/value-range';

describe(ID, () => {
  it('reports missing Classic keys at the HealthCheck key and each out-of-range value at the value', () => {
    const text = readFixture('rules', 'health-check', 'value-range', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'health-check', 'value-range', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['"HealthCheck"', '"301"', '"1"', '"11"', '"1.5"', '{"Ref": "Healthy"}', '4', '121', '1', '11', '"0"', '"health"', '400'],
    );
    assert.ok(ds.every((d) => d.severity === 'error'));
    const m = ds.map((d) => d.message);
    assert.match(m[0], /MissingKeysLb' is missing Interval, HealthyThreshold and UnhealthyThreshold/);
    assert.match(m[0], /'interval' should be spelt 'Interval'/);
    assert.match(m[1], /Interval 301 of load balancer 'OutOfRangeLb' is above the maximum: AWS accepts 5–300 s/);
    assert.match(m[2], /Timeout 1 .* is below the minimum: AWS accepts 2–60 s/);
    assert.match(m[3], /HealthyThreshold 11 .*2–10/);
    assert.match(m[4], /UnhealthyThreshold 1\.5 .* is not a whole number/);
    assert.match(m[5], /HealthyThreshold 12 \(default of parameter Healthy\)/);
    assert.match(m[6], /HealthCheckIntervalSeconds 4 of target group 'OutOfRangeTg'.*5–300 s/);
    assert.match(m[7], /HealthCheckTimeoutSeconds 121 .*2–120 s/);
    assert.match(m[8], /HealthyThresholdCount 1 /);
    assert.match(m[9], /UnhealthyThresholdCount 11 /);
    assert.match(m[10], /HealthCheckPort 0 .*"traffic-port".* or a port 1–65535/);
    assert.match(m[11], /HealthCheckPort health /);
    assert.match(m[12], /HealthCheckIntervalSeconds 400 \(when condition IsProd is false\)/);
  });

  it('is quiet on values at the bounds, "traffic-port", unknown values, AWS::NoValue and a missing HealthCheck', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'health-check', 'value-range', 'good.json'), []);
  });

  it('gives the chapter-12 template no value-range', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });

  it('treats a non-numeric value and a boolean as errors, but not a HealthCheck chosen by an unresolvable Ref', () => {
    const text = template(
      {
        Lb: {
          Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
          Properties: { HealthCheck: { Target: 'TCP:80', Interval: 'ten', Timeout: true, HealthyThreshold: 2, UnhealthyThreshold: 2 } },
        },
        Other: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { HealthCheck: { Ref: 'Hc' } } },
      },
      { Parameters: { Hc: { Type: 'String' } } },
    );
    const ds = lint(text, [ID]);
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['"ten"', 'true'],
    );
    assert.match(ds[0].message, /Interval ten .* is not a whole number/);
  });

  it('names the Fn::If branch whose HealthCheck object misses keys', () => {
    const text = template(
      {
        Lb: {
          Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
          Properties: {
            HealthCheck: {
              'Fn::If': ['IsProd', { Target: 'TCP:80', Interval: 10, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 2 }, { Target: 'TCP:80' }],
            },
          },
        },
      },
      { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } },
    );
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(spanText(text, ds[0]), '"HealthCheck"');
    assert.match(
      ds[0].message,
      /HealthCheck \(when condition IsProd is false\) of load balancer 'Lb' is missing Interval, Timeout, HealthyThreshold and UnhealthyThreshold/,
    );
  });
});
