import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'security-group/public-instances-behind-lb';
const bad = readFixture('rules', 'security-group', 'public-instances-behind-lb', 'bad.json');
const good = readFixture('rules', 'security-group', 'public-instances-behind-lb', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');

describe(ID, () => {
  it('flags a launch template that gives instances behind an ALB public addresses', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(spanText(bad, ds[0]), 'true');
    assert.match(ds[0].message, /'LaunchTemplate' gives the instances of 'AutoScalingGroup' public IP addresses.*'TargetGroup'/);
  });

  it('is quiet for private instances and for public groups not behind a load balancer', () => {
    assert.deepEqual(lint(good, [ID]), []);
  });

  it("flags the chapter-12 template's launch configuration (AssociatePublicIpAddress: true)", () => {
    const ds = lint(chapter12, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(spanText(chapter12, ds[0]), 'true');
  });

  for (const ext of ['json', 'yaml']) {
    it(`flags an EC2 instance registered on a load balancer with a public address (${ext})`, () => {
      const text = readFixture('rules', 'security-group', 'public-instances-behind-lb', `bad-instances.${ext}`);
      const ds = lint(text, [ID]);
      assert.equal(ds.length, 1);
      assert.match(ds[0].message, /^Instance 'WebServerB' gets a public IP address, although it serves traffic through 'ClassicLoadBalancer'/);
      assert.equal(spanText(text, ds[0]), 'true');
    });
  }

  it('says when a parameter default decides the public address', () => {
    const text = JSON.stringify({
      Parameters: { AssociatePublicIp: { Type: 'String', Default: 'true' } },
      Resources: {
        Lt: {
          Type: 'AWS::EC2::LaunchTemplate',
          Properties: {
            LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: { Ref: 'AssociatePublicIp' }, Groups: ['sg-1'] }] },
          },
        },
        Asg: {
          Type: 'AWS::AutoScaling::AutoScalingGroup',
          Properties: { MinSize: '1', MaxSize: '2', LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' }, TargetGroupARNs: [{ Ref: 'Tg' }] },
        },
        Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 80, Protocol: 'HTTP', VpcId: 'vpc-1' } },
      },
    });
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /public IP addresses \(AssociatePublicIpAddress true, the default of parameter AssociatePublicIp\)/);
  });
});
