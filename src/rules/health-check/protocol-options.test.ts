import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';
import { checkHttpCode } from './protocol-options';

const ID = 'health-check/protocol-options';

describe(ID, () => {
  it('reports path/matcher on TCP checks, unsupported protocols and bad matcher codes', () => {
    const text = readFixture('rules', 'health-check', 'protocol-options', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'health-check', 'protocol-options', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['"HealthCheckPath"', '"Matcher"', '"TCP"', '"UDP"', 'abc', '550', '299-200', '200-600', '{"Ref": "Codes"}'],
    );
    assert.ok(ds.every((d) => d.severity === 'error'));
    const m = ds.map((d) => d.message);
    assert.match(
      m[0],
      /HealthCheckPath on target group 'NlbDefaultTcpWithPath' is set, but its health check is TCP \(.*uses protocol TCP and sets no HealthCheckProtocol, which then defaults to TCP\)/,
    );
    assert.match(m[0], /Health check paths are not supported for TCP health checks/);
    assert.deepEqual(
      ds[0].related!.map((r) => spanText(text, r)),
      ['"TCP"'],
    );
    assert.match(m[1], /Matcher on target group 'ExplicitTcpWithMatcher' .*HealthCheckProtocol is TCP/);
    assert.match(m[2], /TCP health checks are supported only for TCP, TLS, UDP and TCP_UDP target groups/);
    assert.match(m[3], /UDP of target group 'UdpCheck' is not a health-check protocol/);
    assert.match(m[4], /"200,abc,550" of target group 'AlbBadMatcher' has 'abc'.*Application Load Balancer target group accepts codes 200–499/);
    assert.match(m[5], /has '550', outside 200–499/);
    assert.match(m[6], /start is above its end/);
    assert.match(m[7], /'200-600', outside 200–599.*Network Load Balancer/);
    assert.match(m[8], /"200;302" \(default of parameter Codes\)/);
  });

  it('fixes a TCP check by removing the path or matcher (preferred) or, on an NLB group, by checking HTTP', () => {
    const text = readFixture('rules', 'health-check', 'protocol-options', 'bad.json');
    const [path, matcher] = lint(text, [ID]);
    assert.deepEqual(
      path.fixes!.map((f) => f.title),
      ['Remove HealthCheckPath (a TCP check only opens a connection)', 'Use an HTTP health check ("HealthCheckProtocol": "HTTP")'],
    );
    assert.equal(path.fixes![0].isPreferred, true);
    for (const fix of path.fixes!) {
      const fixed = applyEdits(text, fix.edits);
      JSON.parse(fixed);
      assert.ok(!lint(fixed, [ID]).some((d) => d.message.includes("'NlbDefaultTcpWithPath'")), fix.title);
    }
    const noMatcher = applyEdits(text, matcher.fixes![0].edits);
    assert.equal(JSON.parse(noMatcher).Resources.ExplicitTcpWithMatcher.Properties.Matcher, undefined);
    assert.ok(!lint(noMatcher, [ID]).some((d) => d.message.includes("'ExplicitTcpWithMatcher'")));
  });

  it('is quiet on valid HTTP/TCP checks, unknown protocols, AWS::NoValue, Lambda and Gateway target groups', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'health-check', 'protocol-options', 'good.json'), []);
  });

  it('reports a TCP branch of Fn::If', () => {
    const text = template(
      {
        Tg: {
          Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          Properties: { Port: 80, Protocol: 'TCP', VpcId: 'vpc-1', HealthCheckProtocol: { 'Fn::If': ['IsProd', 'HTTP', 'TCP'] }, HealthCheckPath: '/' },
        },
      },
      { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } },
    );
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /HealthCheckProtocol is TCP \(when condition IsProd is false\)/);
    // The HTTP branch needs the path: removing it is offered, but not as the preferred fix.
    assert.deepEqual(
      ds[0].fixes!.map((f) => [f.title, f.isPreferred]),
      [['Remove HealthCheckPath (a TCP check only opens a connection)', false]],
    );
  });

  it('parses HttpCode lists and ranges', () => {
    assert.deepEqual(checkHttpCode('200', 200, 499), []);
    assert.deepEqual(checkHttpCode('200,202', 200, 499), []);
    assert.deepEqual(checkHttpCode('200-299', 200, 499), []);
    assert.deepEqual(
      checkHttpCode('200,', 200, 499).map((p) => p.message),
      ['has an empty entry in its list'],
    );
    assert.deepEqual(
      checkHttpCode('199', 200, 499).map((p) => [p.start, p.length]),
      [[0, 3]],
    );
    assert.deepEqual(
      checkHttpCode('200,600', 200, 599).map((p) => [p.start, p.length]),
      [[4, 3]],
    );
    assert.equal(checkHttpCode('', 200, 499).length, 1);
  });
});
