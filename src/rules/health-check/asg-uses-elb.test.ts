import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseTemplate } from '../../core/template';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'health-check/asg-uses-elb';
const bad = () => readFixture('rules', 'health-check', 'asg-uses-elb', 'bad.json');

/** Apply every preferred fix, one at a time, re-linting in between. */
function fixAll(text: string, ids: string[]): string {
  let fixed = text;
  for (let guard = 0; guard < 50; guard++) {
    const d = lint(fixed, ids).find((x) => x.fixes?.some((f) => f.isPreferred));
    if (!d) break;
    const fix = d.fixes!.find((f) => f.isPreferred)!;
    fixed = applyEdits(fixed, fix.edits);
  }
  return fixed;
}

describe(ID, () => {
  it('warns at the HealthCheckType value, or at the attaching key when HealthCheckType is missing', () => {
    const text = bad();
    const ds = lint(text, [ID]);
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['"LoadBalancerNames"', '"EC2"', '"EBS"', '{"Ref": "CheckType"}', '"LoadBalancerNames"'],
    );
    assert.ok(ds.every((d) => d.severity === 'warning'));
    const [classic, tg, external, param, oneLine] = ds;
    assert.match(
      classic.message,
      /'ClassicAsg' sits behind load balancer 'ClassicLb' but sets no HealthCheckType, so it uses EC2 health checks \(the default\)/,
    );
    assert.match(classic.message, /keeps running and is never replaced/);
    assert.deepEqual(
      classic.related!.map((r) => spanText(text, r)),
      ['{"Ref": "ClassicLb"}'],
    );
    assert.match(tg.message, /behind target group 'WebTg' but has HealthCheckType EC2, without ELB/);
    assert.match(external.message, /behind a target group but has HealthCheckType EBS/);
    assert.match(param.message, /HealthCheckType EC2 \(default of parameter CheckType\)/);
    assert.equal(param.fixes, undefined);
    assert.match(oneLine.message, /'OneLineAsg' sits behind a load balancer/);
  });

  it('offers one preferred fix with non-overlapping edits that sets ELB and a grace period', () => {
    const text = bad();
    const ds = lint(text, [ID]);
    for (const d of ds.filter((x) => x.fixes)) {
      assert.equal(d.fixes!.length, 1);
      assert.equal(d.fixes![0].isPreferred, true);
      const edits = [...d.fixes![0].edits].sort((a, b) => a.offset - b.offset);
      for (let i = 1; i < edits.length; i++) assert.ok(edits[i].offset > edits[i - 1].offset + edits[i - 1].length, 'edits overlap or touch');
    }
    const fixed = fixAll(text, [ID]);
    const r = JSON.parse(fixed).Resources;
    assert.equal(r.ClassicAsg.Properties.HealthCheckType, 'ELB');
    assert.equal(r.ClassicAsg.Properties.HealthCheckGracePeriod, 300);
    assert.equal(r.TargetGroupAsg.Properties.HealthCheckType, 'ELB');
    assert.equal(r.TargetGroupAsg.Properties.HealthCheckGracePeriod, 120); // kept
    assert.equal(r.ExternalTargetGroupAsg.Properties.HealthCheckType, 'ELB,EBS');
    assert.equal(r.ExternalTargetGroupAsg.Properties.HealthCheckGracePeriod, 300);
    assert.equal(r.OneLineAsg.Properties.HealthCheckType, 'ELB');
    // Only the parameter default is left, and the grace-period rule has nothing to say afterwards.
    assert.deepEqual(
      lint(fixed, [ID]).map((d) => spanText(fixed, d)),
      ['{"Ref": "CheckType"}'],
    );
    assert.deepEqual(lint(fixed, ['health-check/grace-period']), []);
    // Formatting: the one-line object stays on one line; the multi-line ones get one property per line.
    assert.match(fixed, /"AvailabilityZones": \["us-east-1a"\], "HealthCheckType": "ELB", "HealthCheckGracePeriod": 300\}/);
    assert.match(fixed, /\n {8}"HealthCheckType": "ELB",\n {8}"HealthCheckGracePeriod": 300\n/);
  });

  it('is quiet with ELB (alone or with EBS), without attachment, with empty lists or AWS::NoValue, or an unknown type', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'health-check', 'asg-uses-elb', 'good.json'), []);
  });

  it('flags the chapter-12 template (its group keeps EC2 health checks) and the fix inserts into the commented file cleanly', () => {
    const text = readFixture('chapter-12', 'chapter-12-load-balancer.json');
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(spanText(text, ds[0]), '"LoadBalancerNames"');
    assert.match(ds[0].message, /'AutoScalingGroup' sits behind load balancer 'LoadBalancer'/);
    const fixed = applyEdits(text, ds[0].fixes![0].edits);
    assert.deepEqual(lint(fixed, [ID, 'health-check/grace-period']), []);
    assert.deepEqual(parseTemplate(fixed).parse.syntaxErrors, []);
    assert.match(fixed, /"VPCZoneIdentifier": \[\{"Ref": "Subnet"\}\],\n\t\t\t\t"HealthCheckType": "ELB",\n\t\t\t\t"HealthCheckGracePeriod": 300\n\t\t\t\}/);
  });

  it('counts a conditional attachment and inserts into a one-line object', () => {
    const text = template(
      { Asg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { TargetGroupARNs: { 'Fn::If': ['C', ['arn:tg'], { Ref: 'AWS::NoValue' }] } } } },
      { Conditions: { C: { 'Fn::Equals': ['a', 'b'] } } },
    );
    assert.equal(lint(text, [ID]).length, 1);
    const traffic = template({
      Elb: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: { TrafficSources: [{ Identifier: 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/a/b', Type: 'elbv2' }] },
      },
      Lattice: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: { TrafficSources: [{ Identifier: 'arn:aws:vpc-lattice:us-east-1:1:targetgroup/tg-1', Type: 'vpc-lattice' }] },
      },
    });
    const td = lint(traffic, [ID]);
    assert.deepEqual(
      td.map((d) => spanText(traffic, d)),
      ['"TrafficSources"'],
    );
    assert.match(td[0].message, /'Elb' sits behind a load balancer \(TrafficSources\)/);
    const empty = '{"Resources": {"Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {"LoadBalancerNames": ["x"]}}}}';
    const fixed = fixAll(empty, [ID]);
    assert.deepEqual(JSON.parse(fixed).Resources.Asg.Properties, { LoadBalancerNames: ['x'], HealthCheckType: 'ELB', HealthCheckGracePeriod: 300 });
  });
});
