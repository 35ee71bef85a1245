import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/lb-missing';
const bad = readFixture('rules', 'security-group', 'lb-missing', 'bad.json');
const good = readFixture('rules', 'security-group', 'lb-missing', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;

describe(ID, () => {
  it('flags an ALB and a Classic Load Balancer in a VPC without security groups (warning)', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 3);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['warning', 'warning', 'info'],
    );
    assert.match(ds[0].message, /^Application Load Balancer 'ApplicationLoadBalancer' has no SecurityGroups, so it gets the VPC's default security group/);
    assert.match(ds[1].message, /^Classic Load Balancer 'ClassicLoadBalancer'.*VPC's default security group/);
    assert.equal(spanText(bad, ds[0]), '"AWS::ElasticLoadBalancingV2::LoadBalancer"');
  });

  it('says once, as info, that an NLB can only get security groups when it is created', () => {
    const nlb = lint(bad, [ID])[2];
    assert.equal(nlb.severity, 'info');
    assert.match(nlb.message, /'NetworkLoadBalancer'.*can only be given when it is created: adding them later replaces the load balancer/);
  });

  it("is quiet on a Classic Load Balancer in the default VPC: ELB gives it the account's default_elb group", () => {
    const text = template({
      Elb: {
        Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
        Properties: { AvailabilityZones: ['us-east-1a', 'us-east-1b'], Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' }] },
      },
    });
    assert.deepEqual(lint(text, [ID]), []);
  });

  it('is quiet with groups, and for Gateway Load Balancers', () => {
    assert.deepEqual(lint(good, [ID]), []);
    assert.deepEqual(lint(chapter12, [ID]), []);
  });
});
