import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/lb-port-not-open';
const bad = readFixture('rules', 'security-group', 'lb-port-not-open', 'bad.json');
const good = readFixture('rules', 'security-group', 'lb-port-not-open', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;
void template;

describe(ID, () => {
  it('flags the listener port the load balancer group does not open, saying what it does open', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'error');
    assert.equal(spanText(bad, ds[0]), '"80"');
    assert.equal(ds[0].message.startsWith('LoadBalancerSecurityGroup allows tcp 443, but listener 80/HTTP'), true, ds[0].message);
  });

  it('is quiet when a range covers the port, and for groups from parameters', () => {
    assert.deepEqual(lint(good, [ID]), []);
    assert.deepEqual(lint(chapter12, [ID]), []);
  });

  it('quick fix opens the port on the internet-facing load balancer group', () => {
    const fixed = applyEdits(bad, lint(bad, [ID])[0].fixes![0].edits);
    assert.deepEqual(lint(fixed, [ID]), []);
    assert.equal(JSON.parse(fixed).Resources.LoadBalancerSecurityGroup.Properties.SecurityGroupIngress.length, 2);
  });

  it('checks ALB listener resources and UDP listeners of NLBs by their transport', () => {
    const text = template({
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 53, ToPort: 53, CidrIp: '0.0.0.0/0' }] },
      },
      Nlb: {
        Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        Properties: { Type: 'network', SecurityGroups: [{ Ref: 'Sg' }], Subnets: ['subnet-1', 'subnet-2'] },
      },
      Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 53, Protocol: 'UDP', VpcId: 'vpc-1' } },
      Dns: {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: { LoadBalancerArn: { Ref: 'Nlb' }, Port: 53, Protocol: 'UDP', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }] },
      },
    });
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /listener 'Dns' of 'Nlb' listens on udp 53/);
  });
});
