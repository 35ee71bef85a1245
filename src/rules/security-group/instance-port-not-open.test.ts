import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/instance-port-not-open';
const bad = readFixture('rules', 'security-group', 'instance-port-not-open', 'bad.json');
const good = readFixture('rules', 'security-group', 'instance-port-not-open', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');

describe(ID, () => {
  it('flags instances that do not admit the target port from the load balancer, naming both ends', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'error');
    assert.equal(
      spanText(bad, ds[0]),
      '{\n              "Fn::GetAtt": [\n                "WebServerSecurityGroup",\n                "GroupId"\n              ]\n            }',
    );
    assert.match(ds[0].message, /do not admit tcp 8080 from the load balancer's group LoadBalancerSecurityGroup/);
    assert.match(ds[0].message, /target group 'TargetGroup'/);
    assert.equal(spanText(bad, { span: ds[0].related![0].span }), '8080');
  });

  it('is quiet with a separate ingress resource, and for groups from parameters', () => {
    assert.deepEqual(lint(good, [ID]), []);
  });

  it('is quiet on the chapter-12 template (port 80 is admitted from the load balancer group)', () => {
    assert.deepEqual(lint(chapter12, [ID]), []);
  });

  it('fires on the chapter-12 template when the web servers admit only 8080', () => {
    const broken = chapter12.replace(
      '"FromPort": 80,\n\t\t\t\t\t"IpProtocol": "tcp",\n\t\t\t\t\t"SourceSecurityGroupId"',
      '"FromPort": 8080,\n\t\t\t\t\t"IpProtocol": "tcp",\n\t\t\t\t\t"SourceSecurityGroupId"',
    );
    assert.notEqual(broken, chapter12);
    const fixedTo = broken.replace(
      '"ToPort": 80\n\t\t\t\t}]\n\t\t\t}\n\t\t},\n\t\t"LaunchConfiguration"',
      '"ToPort": 8080\n\t\t\t\t}]\n\t\t\t}\n\t\t},\n\t\t"LaunchConfiguration"',
    );
    assert.notEqual(fixedTo, broken);
    const ds = lint(fixedTo, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /tcp 80 /);
  });

  it('quick fix adds a rule from the load balancer group and the error goes', () => {
    const d = lint(bad, [ID])[0];
    const fixed = applyEdits(bad, d.fixes![0].edits);
    assert.deepEqual(lint(fixed, [ID]), []);
    const rules = JSON.parse(fixed).Resources.WebServerSecurityGroup.Properties.SecurityGroupIngress;
    assert.deepEqual(rules[1], { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: { Ref: 'LoadBalancerSecurityGroup' } });
  });

  for (const ext of ['json', 'yaml']) {
    it(`follows EC2 instances registered in a target group (Targets) and on a Classic Load Balancer (Instances) (${ext})`, () => {
      const text = readFixture('rules', 'security-group', 'instance-port-not-open', `bad-instances.${ext}`);
      const ds = lint(text, [ID]);
      assert.equal(ds.length, 2);
      assert.match(ds[0].message, /^Instance 'WebServerA' \(security group WebServerSecurityGroup\) does not admit tcp 80 .*\(target group 'TargetGroup'\)/);
      assert.match(ds[1].message, /^Instance 'WebServerB' .*'ClassicLoadBalancer' sends traffic/);
      const fixed = applyEdits(text, ds[0].fixes![0].edits);
      assert.deepEqual(lint(fixed, [ID]), []);
    });

    it(`is quiet when the instances admit the port, a per-target Port included (${ext})`, () => {
      assert.deepEqual(lint(readFixture('rules', 'security-group', 'instance-port-not-open', `good-instances.${ext}`), [ID]), []);
    });
  }

  it("reports instances behind a default-VPC Classic Load Balancer that admit nothing on the port, fixing it with the load balancer's source group", () => {
    const text = template({
      WebSg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'web', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '203.0.113.0/24' }] },
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
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /from the source security group of 'Elb'/);
    const fixed = applyEdits(text, ds[0].fixes![0].edits);
    assert.match(fixed, /SourceSecurityGroup\.GroupName/);
    assert.deepEqual(lint(fixed, [ID]), []);
  });
});
