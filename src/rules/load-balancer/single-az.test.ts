import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'load-balancer/single-az';
const norm = (s: string) => s.replace(/\s+/g, ' ');

describe(ID, () => {
  it('flags load balancers in one zone: error for an ALB, warning otherwise, at the Subnets value', () => {
    const text = readFixture('rules', 'load-balancer', 'single-az', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'load-balancer', 'single-az', 'bad.json');
    assert.equal(ds.length, 4);
    const [alb, classicSubnet, classicZone, nlb] = ds;
    assert.equal(alb.severity, 'error');
    assert.match(norm(spanText(text, alb)), /^\[ \{ "Ref": "SubnetA" \}, \{ "Ref": "SubnetA2" \} \]$/);
    assert.match(
      alb.message,
      /Application Load Balancer 'AlbTwoSubnetsOneZone' has 2 subnets, all in one Availability Zone \(the 1st zone of Fn::GetAZs\).*rejects/,
    );
    assert.deepEqual(
      alb.related!.map((r) => r.message),
      ["Subnet 'SubnetA' is in the 1st zone of Fn::GetAZs", "Subnet 'SubnetA2' is in the 1st zone of Fn::GetAZs"],
    );
    assert.match(spanText(text, alb.related![0]), /"Fn::Select"/);

    // One subnet is one zone even when the subnet's zone is not known.
    assert.equal(classicSubnet.severity, 'warning');
    assert.match(classicSubnet.message, /Classic Load Balancer 'ClassicOneSubnet' has one subnet \('SubnetNoAz'\)/);
    assert.equal(spanText(text, classicSubnet.related![0]), '"SubnetNoAz"');

    assert.equal(classicZone.severity, 'warning');
    assert.match(classicZone.message, /'ClassicOneZone' lists one Availability Zone \(us-east-1a\)/);
    assert.equal(norm(spanText(text, classicZone)), '[ "us-east-1a" ]');

    assert.equal(nlb.severity, 'warning');
    assert.match(nlb.message, /Network Load Balancer 'NlbOneMapping' has one subnet \('SubnetB', in the 2nd zone of Fn::GetAZs\)/);
  });

  it('is quiet for two zones, list parameters, unknown zones and mixed literal/index zones', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'load-balancer', 'single-az', 'good.json'), []);
  });

  it("warns (not errors) on the chapter-12 template's Classic ELB with its one subnet, with the subnet's zone as related info", () => {
    const text = readFixture('chapter-12', 'chapter-12-load-balancer.json');
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'warning');
    assert.equal(spanText(text, ds[0]), '[{"Ref": "Subnet"}]');
    assert.equal(spanText(text, ds[0].related![0]), '{"Fn::Select": ["0", {"Fn::GetAZs": ""}]}');
  });

  it('a configured severity still wins over the per-diagnostic one', async () => {
    const { lintText } = await import('../../core/lint');
    const { allRules } = await import('..');
    const text = template({ Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: ['subnet-1'] } } });
    const rules = allRules.filter((r) => r.meta.id === ID);
    assert.equal(lintText(text, { rules }).diagnostics[0].severity, 'error');
    const ds = lintText(text, { rules, config: { rules: { [ID]: 'info' } } }).diagnostics;
    assert.equal(ds[0].severity, 'info');
  });

  it('an ALB with one subnet from a subnet-ID parameter is an error (one subnet is one zone)', () => {
    const text = template(
      { Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: [{ Ref: 'Only' }] } } },
      { Parameters: { Only: { Type: 'AWS::EC2::Subnet::Id' } } },
    );
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'error');
    assert.match(ds[0].message, /has one subnet \(parameter 'Only'\)/);
  });

  it('checks each branch of Fn::If', () => {
    const text = template(
      {
        Lb: {
          Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          Properties: { Type: 'network', Subnets: { 'Fn::If': ['Multi', ['subnet-1', 'subnet-2'], ['subnet-1']] } },
        },
      },
      { Conditions: { Multi: { 'Fn::Equals': ['a', 'b'] } } },
    );
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /one subnet \('subnet-1'\)/);
  });
});
