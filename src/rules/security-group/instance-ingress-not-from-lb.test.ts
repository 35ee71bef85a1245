import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { toYaml } from '../../core/convert';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/instance-ingress-not-from-lb';
const bad = readFixture('rules', 'security-group', 'instance-ingress-not-from-lb', 'bad.json');
const good = readFixture('rules', 'security-group', 'instance-ingress-not-from-lb', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');

describe(ID, () => {
  it('flags the web servers admitting the traffic port from 0.0.0.0/0, at the address range', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'warning');
    assert.equal(spanText(bad, ds[0]), '"0.0.0.0/0"');
    assert.match(ds[0].message, /WebServerSecurityGroup' admits tcp 80 from 0\.0\.0\.0\/0/);
    assert.match(ds[0].message, /LoadBalancerSecurityGroup/);
    assert.equal(spanText(bad, { span: ds[0].related![0].span }), '"LoadBalancerSecurityGroup"');
  });

  it('is quiet when instances admit the port only from the load balancer group, and behind an NLB without groups', () => {
    assert.deepEqual(lint(good, [ID]), []);
  });

  it('is quiet on the chapter-12 template, whose web servers admit 80 only from the load balancer (22 is another rule)', () => {
    assert.deepEqual(lint(chapter12, [ID]), []);
  });

  it('fires on the chapter-12 template once port 80 is opened to the world (the e2e scenario)', () => {
    const broken = chapter12.replace('"SourceSecurityGroupId": {"Ref": "LoadBalancerSecurityGroup"}', '"CidrIp": "0.0.0.0/0"');
    assert.notEqual(broken, chapter12);
    const ds = lint(broken, [ID]);
    assert.equal(ds.length, 1);
  });

  it('quick fix swaps the address range for the load balancer group and the warning goes', () => {
    const d = lint(bad, [ID])[0];
    assert.equal(d.fixes?.[0].isPreferred, true);
    const fixed = applyEdits(bad, d.fixes![0].edits);
    assert.deepEqual(lint(fixed, [ID]), []);
    const web = JSON.parse(fixed).Resources.WebServerSecurityGroup.Properties.SecurityGroupIngress[0];
    assert.deepEqual(web, { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: { Ref: 'LoadBalancerSecurityGroup' } });
    assert.deepEqual(lint(fixed, ['security-group/instance-port-not-open']), []);
  });

  for (const ext of ['json', 'yaml']) {
    it(`flags an instance behind a Classic Load Balancer in the default VPC, with a fix naming its source group (${ext})`, () => {
      const text = readFixture('rules', 'security-group', 'instance-ingress-not-from-lb', `bad-default-vpc.${ext}`);
      const ds = lint(text, [ID]);
      assert.equal(ds.length, 1);
      assert.match(spanText(text, ds[0]), /0\.0\.0\.0\/0/);
      assert.match(
        ds[0].message,
        /^Security group 'WebServerSecurityGroup' admits tcp 80 from 0\.0\.0\.0\/0, so clients can reach instance 'WebServer' without going through 'LoadBalancer'/,
      );
      assert.match(ds[0].message, /SourceSecurityGroup\.GroupName.*in a separate AWS::EC2::SecurityGroupIngress resource/);
      // Inline, the rule would close a cycle: the load balancer lists the instance, which carries the group.
      assert.equal(ds[0].fixes, undefined);
    });

    it(`is quiet when the instance admits the port from the load balancer's source group (${ext})`, () => {
      assert.deepEqual(lint(readFixture('rules', 'security-group', 'instance-ingress-not-from-lb', `good-default-vpc.${ext}`), [ID]), []);
    });
  }

  const behindAlb = (instanceIngress: unknown[], lbGroup = 'LbSg') =>
    template({
      LbSg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'lb', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }] },
      },
      WebSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'web', SecurityGroupIngress: instanceIngress } },
      Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: ['subnet-1', 'subnet-2'], SecurityGroups: [{ Ref: lbGroup }] } },
      Listener: {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: { LoadBalancerArn: { Ref: 'Lb' }, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }] },
      },
      Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 80, Protocol: 'HTTP', VpcId: 'vpc-1', Targets: [{ Id: { Ref: 'Web' } }] } },
      Web: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SecurityGroupIds: [{ Ref: 'WebSg' }] } },
    });

  it('is quiet on a private range (the VPC, the load balancer subnets) behind an internet-facing load balancer', () => {
    assert.deepEqual(lint(behindAlb([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '10.0.0.0/16' }]), [ID]), []);
    // ... but 192.168.1.0/0 is the whole internet, whatever its address part says.
    assert.equal(lint(behindAlb([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '192.168.1.0/0' }]), [ID]).length, 1);
  });

  it('says to give the load balancer its own group when it shares one with the instances (no fix)', () => {
    const text = behindAlb([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }], 'WebSg');
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /'Lb' and the instances share security group WebSg.*give the load balancer its own group/);
    assert.equal(ds[0].fixes, undefined);
  });

  for (const yaml of [false, true]) {
    it(`fixes an Auto Scaling group's inline rule behind a default-VPC Classic Load Balancer with its source group (${yaml ? 'yaml' : 'json'})`, () => {
      const json = template({
        WebSg: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { GroupDescription: 'web', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }] },
        },
        Lc: {
          Type: 'AWS::AutoScaling::LaunchConfiguration',
          Properties: { ImageId: 'ami-12345678', InstanceType: 't3.micro', SecurityGroups: [{ Ref: 'WebSg' }] },
        },
        Asg: {
          Type: 'AWS::AutoScaling::AutoScalingGroup',
          Properties: {
            MinSize: '1',
            MaxSize: '2',
            AvailabilityZones: ['us-east-1a'],
            LaunchConfigurationName: { Ref: 'Lc' },
            LoadBalancerNames: [{ Ref: 'Elb' }],
          },
        },
        Elb: {
          Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
          Properties: { AvailabilityZones: ['us-east-1a'], Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' }] },
        },
      });
      const text = yaml ? toYaml(JSON.parse(json)) : json;
      const ds = lint(text, [ID]);
      assert.equal(ds.length, 1);
      assert.match(ds[0].message, /reach the instances of 'Asg' without going through 'Elb'/);
      const fixed = applyEdits(text, ds[0].fixes![0].edits);
      assert.deepEqual(lint(fixed, [ID, 'security-group/instance-port-not-open', 'security-group/rule-source', 'template/syntax']), []);
      assert.match(fixed, /SourceSecurityGroupName/);
      assert.match(fixed, /SourceSecurityGroup\.OwnerAlias/);
      assert.doesNotMatch(fixed, /CidrIp/);
    });
  }
});
